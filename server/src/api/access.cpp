#include "api/access.hpp"

#include <sodium.h>

#include "http/problem.hpp"
#include "util/text.hpp"

namespace vitrine::api {
namespace {

std::array<unsigned char, 32> digest_of(std::string_view text) {
  std::array<unsigned char, 32> d{};
  crypto_generichash(d.data(), d.size(), util::bytes_of(text), text.size(), nullptr, 0);
  return d;
}

// The token of "Authorization: Bearer <token>", or nullopt for any other header.
std::optional<std::string_view> bearer_token(const http::Request& request) {
  const auto header = request.header("Authorization");
  if (!header) {
    return std::nullopt;
  }
  const std::string_view value = util::trim(*header);
  if (!util::istarts_with(value, 0, "Bearer ")) {
    return std::string_view();  // present but not a bearer token: never matches
  }
  return util::trim(value.substr(7));
}

}  // namespace

AdminTokenAccess::AdminTokenAccess(const std::string& token)
    : enabled_(!token.empty()), digest_(digest_of(token)) {}

bool AdminTokenAccess::token_matches(std::string_view presented) const {
  // Digests of equal length compared in constant time: neither the token's bytes nor its
  // length leak through timing.
  const auto d = digest_of(presented);
  return enabled_ && !presented.empty() && sodium_memcmp(d.data(), digest_.data(), d.size()) == 0;
}

Audience AdminTokenAccess::reader(const http::Request& request) const {
  const auto token = bearer_token(request);
  if (!token) {
    return Audience::kPublic;
  }
  if (!token_matches(*token)) {
    throw http::ProblemError(http::problems::kUnauthorized,
                             "The bearer token is not valid. Omit Authorization to read public "
                             "content.");
  }
  return Audience::kEditor;
}

void AdminTokenAccess::require_writer(const http::Request& request) const {
  if (!enabled_) {
    throw http::ProblemError(http::problems::kForbidden,
                             "Writes are disabled: the server has no VITRINE_ADMIN_TOKEN.");
  }
  const auto token = bearer_token(request);
  if (!token || !token_matches(*token)) {
    throw http::ProblemError(http::problems::kUnauthorized,
                             "Writes need Authorization: Bearer <VITRINE_ADMIN_TOKEN>.");
  }
}

}  // namespace vitrine::api
