#pragma once
// PostgreSQL: a pool of libpq connections through SOCI, dead ones noticed and replaced.

#include <memory>

#include "store/sql/database.hpp"

namespace vitrine::store::postgres {

std::unique_ptr<sql::Database> make_database(const StoreOptions& options);

}  // namespace vitrine::store::postgres
