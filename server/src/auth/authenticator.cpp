#include "auth/authenticator.hpp"

#include <sodium.h>

#include <chrono>
#include <variant>

#include "http/problem.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

std::array<unsigned char, 32> digest_of(std::string_view text) {
  std::array<unsigned char, 32> d{};
  crypto_generichash(d.data(), d.size(), util::bytes_of(text), text.size(), nullptr, 0);
  return d;
}

std::int64_t system_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Authenticator::Authenticator(std::shared_ptr<const JwtVerifier> verifier,
                             const std::string& static_token, store::UserStore& users,
                             const obs::Logger& logger, std::function<std::int64_t()> now)
    : verifier_(std::move(verifier)),
      static_enabled_(!static_token.empty()),
      static_digest_(digest_of(static_token)),
      users_(users),
      log_(logger.child("auth")),
      now_(now ? std::move(now) : std::function<std::int64_t()>(system_seconds)) {}

bool Authenticator::static_token_matches(std::string_view presented) const {
  // Digests of equal length compared in constant time: neither the token's bytes nor its
  // length leak through timing.
  const auto d = digest_of(presented);
  return static_enabled_ && sodium_memcmp(d.data(), static_digest_.data(), d.size()) == 0;
}

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
  if (static_token_matches(token)) {
    return {PrincipalKind::kStaticToken, "admin-token", domain::Role::kEditor, false, false};
  }
  if (token.find('.') == std::string_view::npos) {
    reject(request, "unknown-token", "The bearer token is not valid.");
  }
  // The account is read from the store below, so the request moves to the blocking pool
  // first: the token is verified once, there, rather than on the loop and again.
  http::require_blocking(request);
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

}  // namespace vitrine::auth
