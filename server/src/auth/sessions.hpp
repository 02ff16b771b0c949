#pragma once
// Browser sessions: a refresh token (256 random bits, only its SHA-256 stored) kept in an
// HttpOnly cookie, exchanged for a new access token and a new refresh token on each use
// (rotation). Each sign-in starts a family; presenting a token that was already exchanged
// (a stolen copy, or the thief's) revokes the whole family, so both parties are signed out.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "obs/log.hpp"
#include "store/store.hpp"

namespace vitrine::auth {

class Sessions {
 public:
  Sessions(store::SessionStore& store, std::chrono::seconds ttl, const obs::Logger& logger);

  // A new family for `user_id` (`mfa`: the sign-in passed a second factor): the secret to
  // set as the cookie.
  [[nodiscard]] std::string start(const std::string& user_id, bool mfa, std::int64_t now_us);

  struct Refreshed {
    store::Rotation rotation;  // what happened to the presented token
    std::string next_secret;   // the successor's secret, when rotated
  };
  // `audit` records the rotation; a reuse is recorded as "session.reuse_detected" from it.
  [[nodiscard]] Refreshed refresh(std::string_view secret, std::int64_t now_us,
                                  const domain::AuditEvent& audit);

  // Ends the session of `secret` (its whole family), recorded by `audit`; false (nothing
  // done, nothing recorded) for an unknown one.
  bool end(std::string_view secret, std::int64_t now_us, const domain::AuditEvent& audit);

  [[nodiscard]] std::chrono::seconds ttl() const { return ttl_; }

 private:
  store::SessionStore& store_;
  std::chrono::seconds ttl_;
  obs::Logger log_;
};

}  // namespace vitrine::auth
