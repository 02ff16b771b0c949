#include "api/auth.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/user_json.hpp"
#include "auth/principal.hpp"
#include "auth/sign_in.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace vitrine::api {
namespace {

constexpr std::size_t kMaxCredentialBytes = 1024;

// The string member `name` of the login document, or a field error.
std::string credential(const nlohmann::json& doc, const char* name,
                       std::vector<domain::FieldError>& errors) {
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    errors.push_back({name, "required", "must be a non-empty string"});
    return {};
  }
  if (it->get_ref<const std::string&>().size() > kMaxCredentialBytes) {
    errors.push_back({name, "too_long", "must be at most 1024 bytes"});
    return {};
  }
  return it->get<std::string>();
}

http::Response no_store(http::Response res) {
  res.add_header("Cache-Control", "no-store");  // tokens never sit in a cache (RFC 6749 §5.1)
  return res;
}

}  // namespace

void add_auth_routes(http::Router& router, const AuthDeps& deps) {
  router.add(http::Method::kPost, "/api/v1/auth/login", [deps](const http::Request& request) {
    const nlohmann::json doc = parse_json_body(request, "application/json");
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    const std::string email = credential(doc, "email", errors);
    const std::string password = credential(doc, "password", errors);
    if (!errors.empty()) {
      validation_failed(errors);
    }
    http::require_blocking(request);
    const auto token = deps.sign_in.with_password(email, password, request.remote_address);
    if (!token) {
      throw http::ProblemError(http::problems::kInvalidCredentials,
                               "The email or the password is wrong.");
    }
    const nlohmann::ordered_json body{{"access_token", token->token},
                                      {"token_type", "Bearer"},
                                      {"expires_in", token->expires_in.count()}};
    return no_store(http::Response::json(200, body.dump()));
  });

  router.add(http::Method::kGet, "/api/v1/me", [deps](const http::Request& request) {
    const auth::Principal& who = *request.principal;  // kSignedIn: the middleware set it
    nlohmann::ordered_json body;
    if (who.kind == auth::PrincipalKind::kUser) {
      http::require_blocking(request);
      const auto user = deps.users.find(who.id);
      if (!user) {
        throw http::ProblemError(http::problems::kInvalidToken,
                                 "The token's account no longer exists.");
      }
      body = user_json(*user);
      body["kind"] = "user";
    } else {
      body = {{"id", who.id}, {"kind", "token"}, {"role", domain::to_string(who.role)}};
    }
    body["mfa"] = who.mfa;
    return no_store(http::Response::json(200, body.dump()));
  });
}

}  // namespace vitrine::api
