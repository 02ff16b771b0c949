#pragma once
// GET /api/v1/audit (admins): the audit log, newest first, filtered by actor, action (or an
// action family such as "project."), target, outcome, request and time range, paged by
// cursor. Read-only: no route updates or deletes a record.

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class AuditStore;
}

namespace vitrine::api {

void add_audit_routes(http::Router& router, store::AuditStore& audit);

}  // namespace vitrine::api
