#pragma once
// JSON Web Key Sets (RFC 7517) of an external OpenID Connect issuer, as a JwtKeyRing: RSA
// keys become RS256 keys, EC P-256 keys ES256 keys, each as a PEM public key for libjwt.
// Keys for other uses (encryption), types or curves are skipped: the verifier then refuses
// tokens that name them (unknown kid), never guesses.

#include <string_view>

#include "auth/jwt.hpp"

namespace vitrine::auth {

// Throws std::invalid_argument saying what is wrong (not JSON, no "keys" array, no usable
// signing key); a malformed key among good ones is skipped.
JwtKeyRing parse_jwks(std::string_view json);

}  // namespace vitrine::auth
