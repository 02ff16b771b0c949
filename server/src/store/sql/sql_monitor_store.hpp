#pragma once
// MonitorStore and ResultStore in SQL written once for both dialects.

#include <memory>

#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

std::unique_ptr<MonitorStore> make_monitor_store(Database& db);
std::unique_ptr<ResultStore> make_result_store(Database& db);

}  // namespace vitrine::store::sql
