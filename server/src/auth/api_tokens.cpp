#include "auth/api_tokens.hpp"

#include "util/digest.hpp"
#include "util/uuid.hpp"

namespace vitrine::auth {
namespace {

constexpr std::size_t kSecretBytes = 32;  // 256 bits
constexpr std::size_t kShownPrefix = 8;   // "vtr_" and 4 characters: 24 bits, not a secret

}  // namespace

MintedToken mint_api_token(std::string name, domain::Scopes scopes, std::int64_t expires_at_us,
                           std::string created_by, std::int64_t now_us) {
  MintedToken m;
  m.secret = std::string(kApiTokenPrefix) + util::random_token(kSecretBytes);
  domain::ApiToken& t = m.token;
  t.id = util::uuid_v7();
  t.name = std::move(name);
  t.token_hash = util::sha256_hex(m.secret);
  t.prefix = m.secret.substr(0, kShownPrefix);
  t.scopes = scopes;
  t.created_by = std::move(created_by);
  t.created_at_us = now_us;
  t.expires_at_us = expires_at_us;
  return m;
}

PushSecret mint_push_secret() {
  PushSecret p;
  p.secret = std::string(kPushSecretPrefix) + util::random_token(kSecretBytes);
  p.hash = util::sha256_hex(p.secret);
  return p;
}

bool looks_like_api_token(std::string_view credential) {
  return credential.starts_with(kApiTokenPrefix);
}

}  // namespace vitrine::auth
