#pragma once
// /api/v1/tokens (admins): API tokens for automation. Create (the secret is in the answer,
// once), list, read and revoke; a revoked token stays listed with revoked_at, and is
// refused at once.

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::api {

void add_token_routes(http::Router& router, store::Store& store);

}  // namespace vitrine::api
