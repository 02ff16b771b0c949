#pragma once
// /api/v1/auth/login (email + password [+ TOTP] → access token), /api/v1/auth/mfa/enroll
// and /confirm (the TOTP second factor), and /api/v1/me (who am I).

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class AuditStore;
class UserStore;
}  // namespace vitrine::store
namespace vitrine::auth {
class Mfa;
class Sessions;
class SignIn;
}  // namespace vitrine::auth

namespace vitrine::api {

struct AuthDeps {
  const auth::SignIn& sign_in;
  store::UserStore& users;
  auth::Mfa& mfa;
  auth::Sessions& sessions;
  store::AuditStore& audit;     // records of requests that change nothing (logout, no session)
  bool secure_cookies = false;  // add Secure to the session cookie (https deployments)
};

// The handlers keep a copy of `deps` (references to objects that outlive the router).
void add_auth_routes(http::Router& router, const AuthDeps& deps);

}  // namespace vitrine::api
