#include "auth/sessions.hpp"

#include "util/digest.hpp"
#include "util/uuid.hpp"

namespace vitrine::auth {
namespace {

constexpr std::size_t kSecretBytes = 32;  // 256 bits
constexpr std::size_t kMaxSecretChars = 64;

store::RefreshToken make_token(std::string family, std::string user_id, bool mfa,
                               std::int64_t now_us, std::chrono::seconds ttl, std::string& secret) {
  secret = util::random_token(kSecretBytes);
  store::RefreshToken t;
  t.id = util::uuid_v7();
  t.family_id = family.empty() ? t.id : std::move(family);
  t.user_id = std::move(user_id);
  t.token_hash = util::sha256_hex(secret);
  t.mfa = mfa;
  t.created_at_us = now_us;
  t.expires_at_us = now_us + std::chrono::duration_cast<std::chrono::microseconds>(ttl).count();
  return t;
}

}  // namespace

Sessions::Sessions(store::SessionStore& store, std::chrono::seconds ttl, const obs::Logger& logger)
    : store_(store), ttl_(ttl), log_(logger.child("auth")) {}

std::string Sessions::start(const std::string& user_id, bool mfa, std::int64_t now_us) {
  std::string secret;
  store_.insert(make_token("", user_id, mfa, now_us, ttl_, secret));
  return secret;
}

Sessions::Refreshed Sessions::refresh(std::string_view secret, std::int64_t now_us,
                                      const domain::AuditEvent& audit) {
  Refreshed out;
  if (secret.empty() || secret.size() > kMaxSecretChars) {
    out.rotation.outcome = store::RotateOutcome::kUnknown;
    return out;
  }
  // Family, user and mfa of the successor come from the presented token (the store fills
  // them in); only the secret is new.
  store::RefreshToken next = make_token("-", "-", false, now_us, ttl_, out.next_secret);
  domain::AuditEvent reused = domain::follow_up(audit, "session.reuse_detected");
  reused.outcome = domain::Outcome::kFailure;
  out.rotation = store_.rotate(util::sha256_hex(secret), next, now_us, audit, reused);
  if (out.rotation.outcome == store::RotateOutcome::kReused) {
    log_.warn("refresh token reused; its family is revoked",
              {{"event", "auth.refresh_reuse"},
               {"user_id", out.rotation.user_id},
               {"family_id", out.rotation.family_id}});
  }
  if (out.rotation.outcome != store::RotateOutcome::kRotated) {
    out.next_secret.clear();
  }
  return out;
}

bool Sessions::end(std::string_view secret, std::int64_t now_us, const domain::AuditEvent& audit) {
  return !secret.empty() && secret.size() <= kMaxSecretChars &&
         store_.revoke_family(util::sha256_hex(secret), now_us, audit);
}

}  // namespace vitrine::auth
