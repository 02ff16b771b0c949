#include "auth/sealed_box.hpp"

#include <sodium.h>

#include <stdexcept>

#include "util/base64.hpp"
#include "util/digest.hpp"
#include "util/key_text.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

}  // namespace

DataKey DataKey::parse(std::string_view text) {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialize");
  }
  DataKey k;
  k.key_ = util::parse_key_text(text);
  return k;
}

std::string DataKey::generate_text() { return util::random_token(32); }

std::string DataKey::seal(std::string_view plaintext, std::string_view owner) const {
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes of the string
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(bytes + kNonce, &written, util::bytes_of(plaintext),
                                             plaintext.size(), util::bytes_of(owner), owner.size(),
                                             nullptr, bytes, key_.data());
  out.resize(kNonce + written);
  return util::base64url_encode(out);
}

std::optional<std::string> DataKey::open(std::string_view sealed, std::string_view owner) const {
  const auto raw = util::base64url_decode(sealed);
  if (!raw || raw->size() < kNonce + kTag) {
    return std::nullopt;
  }
  std::string plain(raw->size() - kNonce - kTag, '\0');
  unsigned long long read = 0;
  const unsigned char* in = util::bytes_of(*raw);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes of the string
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &read, nullptr, in + kNonce,
                                                 raw->size() - kNonce, util::bytes_of(owner),
                                                 owner.size(), in, key_.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(read);
  return plain;
}

}  // namespace vitrine::auth
