#pragma once
// Heartbeats of push monitors: POST /api/v1/push/{secret} (the secret URL is the
// credential: for cron jobs, backups and CI runners that cannot keep a token) and
// POST /api/v1/monitors/{id}/push (an API token with monitors:push, or an editor).

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}
namespace vitrine::checks {
class MonitorControl;
}

namespace vitrine::api {

struct PushDeps {
  store::Store& store;
  checks::MonitorControl& control;
};

void add_push_routes(http::Router& router, const PushDeps& deps);

}  // namespace vitrine::api
