#pragma once
// A 256-bit key written as text: base64url (padding optional) of exactly 32 bytes, the form
// of VITRINE_DATA_KEY and of backup key files (`head -c 32 /dev/urandom | basenc --base64url`).

#include <array>
#include <string_view>

namespace vitrine::util {

using Key256 = std::array<unsigned char, 32>;

// Throws std::invalid_argument saying what is wrong, never echoing the text.
Key256 parse_key_text(std::string_view text);

}  // namespace vitrine::util
