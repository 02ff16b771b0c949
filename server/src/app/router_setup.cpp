#include "app/router_setup.hpp"

#include "api/audit.hpp"
#include "api/auth.hpp"
#include "api/incidents.hpp"
#include "api/maintenance.hpp"
#include "api/monitor_summary.hpp"
#include "api/monitors.hpp"
#include "api/notifications.hpp"
#include "api/projects.hpp"
#include "api/push.hpp"
#include "api/settings.hpp"
#include "api/slos.hpp"
#include "api/status.hpp"
#include "api/tokens.hpp"
#include "api/users.hpp"
#include "app/identity.hpp"
#include "store/store.hpp"

namespace vitrine::app {

void add_all_routes(http::Router& router, const RouterDeps& d) {
  api::add_web_routes(router, d.web, d.version);
  api::add_health_routes(router, d.readiness);
  api::add_metrics_routes(router, d.metrics);
  api::add_version_routes(router, d.version);
  api::add_docs_routes(router);
  api::add_markdown_preview_routes(router);
  api::add_project_routes(router, {d.store, d.cache, d.bus});
  api::add_auth_routes(router, {*d.identity.sign_in, d.store.users(), *d.identity.mfa,
                                *d.identity.sessions, d.store.audit(), d.identity.secure_cookies});
  api::add_user_routes(router, {d.store, d.identity.hasher, d.log});
  api::add_token_routes(router, d.store);
  api::add_audit_routes(router, d.store.audit());
  api::add_monitor_routes(router, {d.store, d.monitors, d.monitor_min_interval_s});
  api::add_monitor_summary_routes(router, d.store);
  api::add_push_routes(router, {d.store, d.monitors});
  api::add_slo_routes(router, {d.store, d.monitors});
  api::add_incident_routes(router, d.store);
  api::add_maintenance_routes(router, {d.store, d.monitors});
  api::add_settings_routes(router, d.store);
  api::add_status_routes(router, d.store, d.slos, d.status_refresh);
  api::add_notification_channel_routes(router, {d.store, d.channel_secrets, d.notify_timeout});
  api::add_notification_delivery_routes(router, d.store);
}

}  // namespace vitrine::app
