#pragma once
// /api/v1/settings: the site settings, today the owner's profile that heads the portfolio.
// Everyone reads them (the public home page shows them); admins change them with a merge
// patch under If-Match.

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::api {

void add_settings_routes(http::Router& router, store::Store& store);

}  // namespace vitrine::api
