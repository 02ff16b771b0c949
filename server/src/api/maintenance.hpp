#pragma once
// /api/v1/maintenance-windows: planned windows on a monitor or a project's monitors (list,
// read, create, merge-patch, delete). Viewers read, editors write. The checks follow every
// committed change at once (MonitorControl::maintenance_changed).

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

struct MaintenanceDeps {
  store::Store& store;
  checks::MonitorControl& control;
};

void add_maintenance_routes(http::Router& router, const MaintenanceDeps& deps);

}  // namespace vitrine::api
