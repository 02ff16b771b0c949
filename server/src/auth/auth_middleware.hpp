#pragma once
// Authentication and authorization before any handler runs: matches the route, looks it up
// in the permission table (deny when missing), establishes the principal and checks the
// permission (401 sign-in needed, 403 role too low).

#include "auth/authenticator.hpp"
#include "http/middleware/middleware.hpp"
#include "obs/log.hpp"

namespace vitrine::http {
class Router;
}

namespace vitrine::auth {

class AuthMiddleware final : public http::Middleware {
 public:
  AuthMiddleware(const http::Router& router, const Authenticator& authenticator,
                 const obs::Logger& logger)
      : router_(router), authenticator_(authenticator), log_(logger.child("auth")) {}
  http::Response handle(http::Request& request, const http::Next& next) override;

 private:
  const http::Router& router_;
  const Authenticator& authenticator_;
  obs::Logger log_;
};

}  // namespace vitrine::auth
