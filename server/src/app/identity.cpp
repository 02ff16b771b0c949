#include "app/identity.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include "config/config.hpp"
#include "store/store.hpp"
#include "util/base64.hpp"

namespace vitrine::app {
namespace {

constexpr std::string_view kAudience = "vitrine-api";

// VITRINE_JWT_KEYS (validated by the configuration loader), or one random key that lives
// as long as this process: fine for one server, but every restart signs everyone out and
// replicas would not accept each other's tokens.
std::shared_ptr<const auth::JwtKeyRing> key_ring(const config::Config& config,
                                                 const obs::Logger& log) {
  if (!config.jwt_keys.empty()) {
    return std::make_shared<const auth::JwtKeyRing>(auth::JwtKeyRing::parse_hs256(config.jwt_keys));
  }
  std::string secret(32, '\0');
  randombytes_buf(secret.data(), secret.size());
  auto ring = std::make_shared<auth::JwtKeyRing>();
  ring->add({"ephemeral", auth::JwtAlg::kHs256, secret});
  log.warn(
      "VITRINE_JWT_KEYS is not set: access tokens are signed with a key of this process only "
      "(a restart signs everyone out; replicas need a shared key)");
  return ring;
}

}  // namespace

std::unique_ptr<Identity> make_identity(const config::Config& config, store::Store& store,
                                        const obs::Logger& log) {
  auto id = std::make_unique<Identity>();
  const std::string issuer = config.public_url.empty() ? "vitrine" : config.public_url;
  id->keys = key_ring(config, log);
  id->verifier = std::make_shared<const auth::JwtVerifier>(
      id->keys, auth::JwtVerifier::Expectations{issuer, std::string(kAudience)});
  id->signer = std::make_unique<auth::JwtSigner>(id->keys, issuer, std::string(kAudience));
  if (!config.oidc_issuer.empty()) {
    curl_global_init(CURL_GLOBAL_DEFAULT);  // once, before any thread fetches a JWKS
    auth::OidcSettings oidc{config.oidc_issuer,     config.oidc_audience,
                            config.oidc_jwks,       config.oidc_jwks_refresh,
                            config.oidc_role_claim, auth::parse_role_map(config.oidc_role_map)};
    id->oidc = std::make_unique<auth::OidcVerifier>(std::move(oidc), log);
    // Loads the keys now and then every VITRINE_OIDC_JWKS_REFRESH.
    id->oidc_refresh = std::make_unique<util::Periodic>(
        config.oidc_jwks_refresh, [oidc = id->oidc.get()] { static_cast<void>(oidc->refresh()); });
  }
  id->authenticator = std::make_unique<auth::Authenticator>(id->verifier, id->oidc.get(),
                                                            store.users(), store.tokens(), log);
  std::optional<auth::DataKey> data_key;
  if (!config.data_key.empty()) {
    data_key = auth::DataKey::parse(config.data_key);  // validated by the loader
  } else {
    log.warn(
        "VITRINE_DATA_KEY is not set: nobody can enrol a second factor, so admins can "
        "only enrol (see docs/operations.md)");
  }
  id->mfa = std::make_unique<auth::Mfa>(store.users(), data_key, "Vitrine", log);
  id->sign_in =
      std::make_unique<auth::SignIn>(store.users(), store.audit(), id->hasher, *id->signer,
                                     id->throttle, *id->mfa, config.access_token_ttl, log);
  id->sessions = std::make_unique<auth::Sessions>(store.sessions(), config.refresh_token_ttl, log);
  id->secure_cookies = config.public_url.starts_with("https://");
  return id;
}

}  // namespace vitrine::app
