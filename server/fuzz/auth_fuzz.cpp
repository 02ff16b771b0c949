// libFuzzer target for what an attacker controls before authentication: the Authorization
// header's token (JWT parsing and every claim check, with keys of each algorithm in the
// ring), the issuer peek that routes a token to the OIDC verifier, the Cookie header, a
// JWKS document (from an issuer's URL), and the base64url decoder. It must never crash,
// hang or leak (ASan + UBSan), whatever the bytes. Built with clang by `make fuzz` and
// run for a bounded time by `make test` (scripts/fuzz).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "http/cookies.hpp"
#include "util/base64.hpp"

namespace {

const vitrine::auth::JwtVerifier& verifier() {
  static const auto* v = [] {
    auto ring = std::make_shared<vitrine::auth::JwtKeyRing>();
    ring->add({"k1", vitrine::auth::JwtAlg::kHs256, std::string(32, 'k')});
    ring->add({"rs", vitrine::auth::JwtAlg::kRs256, "-----BEGIN PUBLIC KEY-----\nMIIB\n"});
    ring->add({"es", vitrine::auth::JwtAlg::kEs256, "-----BEGIN PUBLIC KEY-----\nMFkw\n"});
    return new vitrine::auth::JwtVerifier(ring, {"vitrine", "vitrine-api"});
  }();
  return *v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the fuzzer's bytes as text
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto result = verifier().verify(input, 1'764'000'000);
  if (const auto* claims = std::get_if<vitrine::auth::JwtClaims>(&result)) {
    // Reaching here means a forged HS256 signature verified: impossible without the key.
    if (claims->kid == "k1") {
      __builtin_trap();
    }
  }
  static_cast<void>(vitrine::auth::unverified_issuer(input));
  static_cast<void>(vitrine::http::cookie_value(input, "vitrine_refresh"));
  try {
    static_cast<void>(vitrine::auth::parse_jwks(input));
  } catch (const std::invalid_argument&) {
    // the documented refusal of a set without a usable key
  }
  if (const auto decoded = vitrine::util::base64url_decode(input)) {
    // Round trip: what decodes must encode back to the canonical form of the input.
    static_cast<void>(vitrine::util::base64url_encode(*decoded));
  }
  return 0;
}
