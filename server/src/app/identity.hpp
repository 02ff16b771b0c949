#pragma once
// The identity services of one server, assembled from the configuration: the JWT key ring
// (VITRINE_JWT_KEYS, or a random key for this process when unset), the token verifier and
// signer, the password hasher, the authenticator the middleware uses and the sign-in.

#include <memory>

#include "auth/authenticator.hpp"
#include "auth/jwt.hpp"
#include "auth/mfa.hpp"
#include "auth/oidc.hpp"
#include "auth/password.hpp"
#include "auth/sessions.hpp"
#include "auth/sign_in.hpp"
#include "auth/throttle.hpp"
#include "util/periodic.hpp"

namespace vitrine::config {
struct Config;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::app {

struct Identity {
  std::shared_ptr<const auth::JwtKeyRing> keys;
  std::shared_ptr<const auth::JwtVerifier> verifier;
  std::unique_ptr<auth::JwtSigner> signer;
  auth::PasswordHasher hasher;
  auth::LoginThrottle throttle;
  std::unique_ptr<auth::Mfa> mfa;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<auth::SignIn> sign_in;
  std::unique_ptr<auth::Sessions> sessions;
  std::unique_ptr<auth::OidcVerifier> oidc;      // null: SSO is off
  std::unique_ptr<util::Periodic> oidc_refresh;  // re-reads the issuer's JWKS
  bool secure_cookies = false;                   // VITRINE_PUBLIC_URL is https
};

// The token issuer (`iss`): VITRINE_PUBLIC_URL, or "vitrine" without one. The audience of
// our access tokens is "vitrine-api".
std::unique_ptr<Identity> make_identity(const config::Config& config, store::Store& store,
                                        const obs::Logger& log);

}  // namespace vitrine::app
