#pragma once
// MaintenanceStore in SQL written once for both dialects.

#include <memory>

#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

std::unique_ptr<MaintenanceStore> make_maintenance_store(Database& db);

}  // namespace vitrine::store::sql
