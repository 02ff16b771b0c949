#pragma once
// /api/v1/incidents: the incidents the checks opened (list with filters, read one) and the
// public updates editors post on them (POST .../updates). Readers see every incident with
// its errors; the public sees those of enabled public monitors, without error text.

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::api {

void add_incident_routes(http::Router& router, store::Store& store);

}  // namespace vitrine::api
