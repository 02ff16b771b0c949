#pragma once
// UserStore in SQL written once for both dialects (SOCI `:name` parameters; every value
// bound, never spliced into the text).

#include <memory>

#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

std::unique_ptr<UserStore> make_user_store(Database& db);

}  // namespace vitrine::store::sql
