#include "auth/authenticator.hpp"

#include <chrono>
#include <variant>

#include "auth/api_tokens.hpp"
#include "auth/sso_accounts.hpp"
#include "http/problem.hpp"
#include "store/store.hpp"
#include "util/digest.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace vitrine::auth {
namespace {

std::int64_t system_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Authenticator::Authenticator(std::shared_ptr<const JwtVerifier> verifier, OidcVerifier* oidc,
                             store::UserStore& users, store::TokenStore& tokens,
                             const obs::Logger& logger, std::function<std::int64_t()> now)
    : verifier_(std::move(verifier)),
      oidc_(oidc),
      users_(users),
      tokens_(tokens),
      log_(logger.child("auth")),
      now_(now ? std::move(now) : std::function<std::int64_t()>(system_seconds)) {}

void Authenticator::reject(const http::Request& request, std::string_view reason,
                           std::string_view detail) const {
  log_.info("credentials rejected", {{"event", "auth.rejected"},
                                     {"reason", reason},
                                     {"remote", request.remote_address},
                                     {"route", request.route}});
  throw http::ProblemError(http::problems::kInvalidToken, std::string(detail));
}

Principal Authenticator::authenticate(const http::Request& request) const {
  const auto header = request.header("Authorization");
  if (!header) {
    return {};
  }
  const std::string_view value = util::trim(*header);
  if (!util::istarts_with(value, 0, "Bearer ") || value.size() <= 7) {
    reject(request, "scheme", "Send credentials as Authorization: Bearer <token>.");
  }
  const std::string_view token = util::trim(value.substr(7));
  if (looks_like_api_token(token)) {
    return api_token(request, token);
  }
  if (token.find('.') == std::string_view::npos) {
    reject(request, "unknown-token", "The bearer token is not valid.");
  }
  // The account is read from the store below, so the request moves to the blocking pool
  // first: the token is verified once, there, rather than on the loop and again.
  http::require_blocking(request);
  if (oidc_ != nullptr && unverified_issuer(token) == oidc_->settings().issuer) {
    return sso_user(request, token);  // the issuer is only a hint: sso_user verifies it all
  }
  const auto verified = verifier_->verify(token, now_());
  if (const auto* error = std::get_if<TokenError>(&verified)) {
    reject(request, "jwt", describe(*error));
  }
  const auto& claims = std::get<JwtClaims>(verified);
  // The account as it is now: a disabled user or a changed role takes effect at once.
  const auto user = users_.find(claims.subject);
  if (!user) {
    reject(request, "no-such-user", "The token's account no longer exists.");
  }
  if (user->disabled) {
    reject(request, "disabled", "The account is disabled.");
  }
  bool mfa = false;
  if (const auto amr = claims.payload.find("amr"); amr != claims.payload.end() && amr->is_array()) {
    for (const auto& m : *amr) {
      mfa = mfa || (m.is_string() && m.get_ref<const std::string&>() == "otp");
    }
  }
  return {PrincipalKind::kUser, user->id, user->role, mfa, user->mfa_enabled};
}

Principal Authenticator::sso_user(const http::Request& request, std::string_view token) const {
  const auto verified = oidc_->verify(token, now_());
  if (const auto* error = std::get_if<TokenError>(&verified)) {
    reject(request, "oidc", describe(*error));
  }
  const auto& claims = std::get<JwtClaims>(verified);
  if (claims.subject.empty()) {
    reject(request, "oidc-no-subject", "The token has no subject (sub).");
  }
  const OidcSettings& s = oidc_->settings();
  const auto role = mapped_role(claims.payload, s.role_claim, s.role_map);
  if (!role) {
    reject(request, "oidc-no-role",
           "The token grants no Vitrine role: its " + s.role_claim +
               " claim matches nothing in VITRINE_OIDC_ROLE_MAP.");
  }
  auto account = sso_account(users_, claims, *role, log_);
  if (const auto* refusal = std::get_if<SsoRefusal>(&account)) {
    reject(request, "oidc-" + refusal->reason, refusal->detail);
  }
  const auto& user = std::get<domain::User>(account);
  if (user.disabled) {
    reject(request, "disabled", "The account is disabled.");
  }
  // The second factor is the issuer's to check: admin routes need its amr to say so.
  return {PrincipalKind::kUser, user.id, user.role, passed_second_factor(claims.payload), true};
}

Principal Authenticator::api_token(const http::Request& request, std::string_view token) const {
  http::require_blocking(request);
  // Looked up by hash: the secret is never stored, and an equality lookup of a digest leaks
  // nothing useful through timing.
  const auto found = tokens_.find_by_hash(util::sha256_hex(token));
  if (!found) {
    reject(request, "unknown-api-token", "The API token is not valid.");
  }
  const std::int64_t now_us = now_() * 1'000'000;
  if (found->revoked_at_us) {
    reject(request, "revoked-api-token", "The API token was revoked.");
  }
  if (!domain::usable(*found, now_us)) {
    reject(request, "expired-api-token", "The API token has expired.");
  }
  // The row says when it was last marked: most requests need no write at all.
  const std::int64_t touched_us = util::now_us();
  if (found->last_used_at_us.value_or(0) < touched_us - kTokenTouchGranularityUs) {
    tokens_.touch(found->id, touched_us, kTokenTouchGranularityUs);
  }
  Principal p;
  p.kind = PrincipalKind::kApiToken;
  p.id = found->id;
  p.scopes = found->scopes;
  return p;
}

}  // namespace vitrine::auth
