#include "api/auth.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/user_json.hpp"
#include "audit/request_audit.hpp"
#include "auth/principal.hpp"
#include "auth/sessions.hpp"
#include "auth/sign_in.hpp"
#include "http/cookies.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

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

// An optional string member of at most 64 bytes (a TOTP or recovery code).
std::string optional_code(const nlohmann::json& doc, const char* name,
                          std::vector<domain::FieldError>& errors) {
  const auto it = doc.find(name);
  if (it == doc.end() || it->is_null()) {
    return {};
  }
  if (!it->is_string() || it->get_ref<const std::string&>().size() > 64) {
    errors.push_back({name, "invalid_type", "must be a string of at most 64 characters"});
    return {};
  }
  return it->get<std::string>();
}

http::Response no_store(http::Response res) {
  res.add_header("Cache-Control", "no-store");  // tokens never sit in a cache (RFC 6749 §5.1)
  return res;
}

nlohmann::ordered_json token_json(const auth::AccessToken& token) {
  return {{"access_token", token.token},
          {"token_type", "Bearer"},
          {"expires_in", token.expires_in.count()}};
}

// The signed-in user, as stored now (MFA routes are for users, not API tokens).
domain::User current_user(const http::Request& request, store::UserStore& users) {
  const auth::Principal& who = *request.principal;
  if (who.kind != auth::PrincipalKind::kUser) {
    throw http::ProblemError(http::problems::kForbidden, "Only users have a second factor.");
  }
  http::require_blocking(request);
  auto user = users.find(who.id);
  if (!user) {
    throw http::ProblemError(http::problems::kInvalidToken,
                             "The token's account no longer exists.");
  }
  return std::move(*user);
}

constexpr std::string_view kSessionCookie = "vitrine_refresh";
constexpr std::string_view kCookiePath = "/api/v1/auth";

// Set-Cookie for the session: the secret, or an expired empty cookie that deletes it.
std::string session_cookie(const AuthDeps& deps, std::string_view secret) {
  http::CookieOptions o;
  o.path = std::string(kCookiePath);
  o.max_age = secret.empty() ? std::chrono::seconds(0) : deps.sessions.ttl();
  o.secure = deps.secure_cookies;
  return http::set_cookie(kSessionCookie, secret, o);
}

// Cookie-authenticated calls must carry a header a cross-site form or image cannot send
// (a cross-origin script would need a CORS preflight, which the CORS middleware refuses).
void require_csrf_header(const http::Request& request) {
  if (request.header("X-Requested-With").value_or("") != "vitrine") {
    throw http::ProblemError(http::problems::kForbidden,
                             "Session calls need the header X-Requested-With: vitrine.");
  }
}

nlohmann::json object_body(const http::Request& request) {
  nlohmann::json doc = parse_json_body(request, "application/json");
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  return doc;
}

}  // namespace

void add_auth_routes(http::Router& router, const AuthDeps& deps) {
  router.add(http::Method::kPost, "/api/v1/auth/login", [deps](const http::Request& request) {
    const nlohmann::json doc = object_body(request);
    std::vector<domain::FieldError> errors;
    auth::Credentials c;
    c.email = credential(doc, "email", errors);
    c.password = credential(doc, "password", errors);
    c.totp_code = optional_code(doc, "totp_code", errors);
    c.recovery_code = optional_code(doc, "recovery_code", errors);
    if (!errors.empty()) {
      validation_failed(errors);
    }
    http::require_blocking(request);
    const auth::SignInResult result =
        deps.sign_in.with_password(c, audit::record_for(request, "", ""));
    if (result.mfa_required) {
      throw http::ProblemError(http::problems::kMfaRequired,
                               "This account has a second factor: send totp_code (or a "
                               "recovery_code) with the email and password.");
    }
    if (result.retry_after) {
      const auto seconds = result.retry_after->count();
      http::Response res = http::problem_response(
          http::problems::kTooManyRequests,
          "Too many failed sign-ins for this account or from this address; retry in " +
              std::to_string(seconds) + " s.",
          request);
      res.add_header("Retry-After", std::to_string(seconds));
      return res;
    }
    const auto& token = result.token;
    if (!token) {
      throw http::ProblemError(http::problems::kInvalidCredentials,
                               "The email or the password is wrong.")
          .as_audited();  // with_password recorded it, naming the account
    }
    http::Response res = no_store(http::Response::json(200, token_json(*token).dump()));
    const bool mfa = token->user.mfa_enabled;  // a second factor was checked when enabled
    res.add_header("Set-Cookie",
                   session_cookie(deps, deps.sessions.start(token->user.id, mfa, util::now_us())));
    return res;
  });

  router.add(http::Method::kPost, "/api/v1/auth/refresh", [deps](const http::Request& request) {
    require_csrf_header(request);
    const auto secret = http::cookie_value(request.header("Cookie").value_or(""), kSessionCookie);
    if (!secret) {
      throw http::ProblemError(http::problems::kUnauthorized, "No session cookie: sign in first.");
    }
    http::require_blocking(request);
    const std::int64_t now_us = util::now_us();
    auth::Sessions::Refreshed r =
        deps.sessions.refresh(*secret, now_us, audit::record_for(request, "", ""));
    std::optional<domain::User> user;
    if (r.rotation.outcome == store::RotateOutcome::kRotated) {
      user = deps.users.find(r.rotation.user_id);
    }
    if (!user || user->disabled) {
      if (user) {
        // A disabled account keeps no session.
        domain::AuditEvent revoked = audit::record_for(request, "", "");
        revoked.action = "session.revoke";
        revoked.details = {{"reason", "account disabled"}};
        static_cast<void>(deps.sessions.end(r.next_secret, now_us, revoked));
      }
      http::Response res = http::problem_response(
          http::problems::kInvalidToken,
          "The session has ended (signed out, expired, reused or the account is disabled); "
          "sign in again.",
          request);
      res.add_header("Set-Cookie", session_cookie(deps, ""));
      return res;
    }
    http::Response res = no_store(http::Response::json(
        200, token_json(deps.sign_in.issue(*user, r.rotation.mfa, now_us)).dump()));
    res.add_header("Set-Cookie", session_cookie(deps, r.next_secret));
    return res;
  });

  router.add(http::Method::kPost, "/api/v1/auth/logout", [deps](const http::Request& request) {
    require_csrf_header(request);
    const auto secret = http::cookie_value(request.header("Cookie").value_or(""), kSessionCookie);
    http::require_blocking(request);
    domain::AuditEvent record = audit::record_for(request, "", "");
    if (!secret || !deps.sessions.end(*secret, util::now_us(), record)) {
      // Nothing to end: still a request, and on record as one.
      record.details = {{"session", nullptr}};
      deps.audit.append(record);
    }
    http::Response res = http::Response::empty(204);
    res.add_header("Set-Cookie", session_cookie(deps, ""));
    return res;
  });

  router.add(http::Method::kPost, "/api/v1/auth/mfa/enroll", [deps](const http::Request& request) {
    const domain::User user = current_user(request, deps.users);
    if (!deps.mfa.available()) {
      throw http::ProblemError(http::problems::kForbidden,
                               "MFA is not set up on this server: it needs VITRINE_DATA_KEY.");
    }
    if (user.mfa_enabled) {
      http::throw_problem(http::problems::kConflict,
                          "A second factor is active already; an admin can reset it.",
                          {{"field", "mfa_enabled"}});
    }
    const auth::Mfa::Enrollment e =
        deps.mfa.enroll(user, audit::record_for(request, "user", user.id));
    const nlohmann::ordered_json body{{"secret", e.secret}, {"otpauth_uri", e.uri}};
    return no_store(http::Response::json(200, body.dump()));
  });

  router.add(http::Method::kPost, "/api/v1/auth/mfa/confirm", [deps](const http::Request& request) {
    const nlohmann::json doc = object_body(request);
    std::vector<domain::FieldError> errors;
    const std::string code = credential(doc, "code", errors);
    if (!errors.empty()) {
      validation_failed(errors);
    }
    const domain::User user = current_user(request, deps.users);
    const std::int64_t now_us = util::now_us();
    const auto codes = deps.mfa.confirm(user, code, now_us / 1'000'000,
                                        audit::record_for(request, "user", user.id));
    if (!codes) {
      throw http::ProblemError(http::problems::kInvalidCredentials,
                               "The code does not match the enrolment (or none is pending).");
    }
    // The session that proved the code may act as an MFA session from now on.
    nlohmann::ordered_json body = token_json(deps.sign_in.issue(user, true, now_us));
    body["recovery_codes"] = *codes;
    http::Response res = no_store(http::Response::json(200, body.dump()));
    res.add_header("Set-Cookie", session_cookie(deps, deps.sessions.start(user.id, true, now_us)));
    return res;
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
      body = {{"id", who.id}, {"kind", "token"}, {"scopes", domain::scope_names(who.scopes)}};
    }
    body["mfa"] = who.mfa;
    return no_store(http::Response::json(200, body.dump()));
  });
}

}  // namespace vitrine::api
