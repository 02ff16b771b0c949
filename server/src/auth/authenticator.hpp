#pragma once
// Turns a request's credentials into a Principal: nothing (anonymous), an access token
// (JWT, checked by JwtVerifier, then the user read from the store so a disabled account or
// a changed role counts at once), or the static VITRINE_ADMIN_TOKEN.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "http/message.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class UserStore;
}

namespace vitrine::auth {

class Authenticator {
 public:
  // `static_token` empty: no static token is accepted. `now` gives Unix seconds (tests pass
  // their own clock).
  Authenticator(std::shared_ptr<const JwtVerifier> verifier, const std::string& static_token,
                store::UserStore& users, const obs::Logger& logger,
                std::function<std::int64_t()> now = {});

  // The principal of `request`. Throws ProblemError invalid-token (401) for credentials
  // that do not hold; reading the user needs the blocking pool (http::require_blocking).
  [[nodiscard]] Principal authenticate(const http::Request& request) const;

 private:
  [[noreturn]] void reject(const http::Request& request, std::string_view reason,
                           std::string_view detail) const;
  [[nodiscard]] bool static_token_matches(std::string_view presented) const;

  std::shared_ptr<const JwtVerifier> verifier_;
  bool static_enabled_ = false;
  std::array<unsigned char, 32> static_digest_{};  // compared in constant time
  store::UserStore& users_;
  obs::Logger log_;
  std::function<std::int64_t()> now_;
};

}  // namespace vitrine::auth
