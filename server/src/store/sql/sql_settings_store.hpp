#pragma once
// SettingsStore in SQL written once for both dialects.

#include <memory>

#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

std::unique_ptr<SettingsStore> make_settings_store(Database& db);

}  // namespace vitrine::store::sql
