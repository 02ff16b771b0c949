#pragma once
// Embedded SQLite: WAL, foreign keys, one in-process writer at a time.

#include <memory>

#include "store/sql/database.hpp"

namespace vitrine::store::sqlite {

std::unique_ptr<sql::Database> make_database(const StoreOptions& options);

}  // namespace vitrine::store::sqlite
