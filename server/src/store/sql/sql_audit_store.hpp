#pragma once
// AuditStore in SQL written once for both dialects, and the one function every other store
// calls to append a record inside its own write transaction.

#include <memory>

#include "domain/audit.hpp"
#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

// Appends `event` on `session`, inside the caller's transaction (Database::write).
void append_audit(Session& session, const domain::AuditEvent& event);

std::unique_ptr<AuditStore> make_audit_store(Database& db);

}  // namespace vitrine::store::sql
