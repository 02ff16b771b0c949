#include "auth/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "util/digest.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

constexpr unsigned kStep = 30;
constexpr unsigned kDigits = 6;
constexpr std::size_t kWindow = 1;

void ensure_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK || sodium_init() < 0) {
      throw std::runtime_error("liboath or libsodium failed to initialize");
    }
  });
}

std::string percent_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '@';
    if (plain) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex.at(u >> 4U));
      out.push_back(kHex.at(u & 0xFU));
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  ensure_oath();
  std::string s(kTotpSecretBytes, '\0');
  randombytes_buf(s.data(), s.size());
  return s;
}

std::string base32(std::string_view bytes) {
  ensure_oath();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &len) != OATH_OK) {
    throw std::runtime_error("oath_base32_encode failed");
  }
  std::string text(out, len);
  std::free(out);  // NOLINT(cppcoreguidelines-no-malloc): liboath allocates with malloc
  while (text.ends_with('=')) {
    text.pop_back();
  }
  return text;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
  return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
         "?secret=" + base32(secret) + "&issuer=" + percent_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::string totp_code(std::string_view secret, std::int64_t now) {
  ensure_oath();
  std::array<char, kDigits + 1> out{};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(now), kStep, 0, kDigits,
                         out.data()) != OATH_OK) {
    throw std::runtime_error("oath_totp_generate failed");
  }
  return {out.data()};
}

std::optional<std::int64_t> totp_step(std::string_view secret, std::string_view code,
                                      std::int64_t now) {
  ensure_oath();
  if (code.size() != kDigits) {
    return std::nullopt;
  }
  for (const char c : code) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  const std::string terminated(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int rc = oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(now), kStep,
                                     0, kWindow, &position, &counter, terminated.c_str());
  if (rc < 0) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(counter);
}

std::vector<std::string> new_recovery_codes() {
  ensure_oath();
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";  // 32
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < kRecoveryCodes; ++i) {
    std::string code;
    for (int group = 0; group < 3; ++group) {
      if (group > 0) {
        code.push_back('-');
      }
      for (int j = 0; j < 4; ++j) {
        code.push_back(kAlphabet.at(randombytes_uniform(kAlphabet.size())));
      }
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string recovery_code_hash(std::string_view code) {
  std::string normal;
  for (const char c : code) {
    if (c != '-' && c != ' ') {
      normal.push_back(util::ascii_lower(c));
    }
  }
  return util::sha256_hex(normal);
}

}  // namespace vitrine::auth
