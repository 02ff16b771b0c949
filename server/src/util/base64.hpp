#pragma once
// Base64url without padding (RFC 4648 §5), for opaque tokens in URLs such as cursors.

#include <optional>
#include <string>
#include <string_view>

namespace vitrine::util {

std::string base64url_encode(std::string_view bytes);
// nullopt on any character outside the alphabet or an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace vitrine::util
