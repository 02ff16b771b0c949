#include "audit/request_audit.hpp"

#include "auth/permissions.hpp"
#include "auth/principal.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::audit {
namespace {

domain::AuditEvent stamped() {
  domain::AuditEvent e = domain::system_record("", "", "", "");
  e.actor_kind = domain::ActorKind::kAnonymous;
  return e;
}

}  // namespace

domain::AuditEvent record_for(const http::Request& request, std::string_view target_type,
                              std::string target_id) {
  domain::AuditEvent e = stamped();
  if (const auth::Principal* who = request.principal.get(); who != nullptr) {
    switch (who->kind) {
      case auth::PrincipalKind::kAnonymous:
        break;
      case auth::PrincipalKind::kUser:
        e.actor_kind = domain::ActorKind::kUser;
        e.actor_id = who->id;
        break;
      case auth::PrincipalKind::kApiToken:
        e.actor_kind = domain::ActorKind::kToken;
        e.actor_id = who->id;
        break;
    }
  }
  e.ip = std::string(request.remote_address);
  e.user_agent =
      domain::utf8_prefix(request.header("User-Agent").value_or(""), domain::kMaxUserAgent);
  e.request_id = request.request_id;
  if (const auto* rule = auth::find_route_permission(request.method, request.route)) {
    e.action = std::string(rule->action);
  }
  e.target_type = std::string(target_type);
  e.target_id = std::move(target_id);
  return e;
}

}  // namespace vitrine::audit
