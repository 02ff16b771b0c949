#pragma once
// Small ASCII text helpers shared by the parsers (HTTP, config, .env, log scrubbing).
// ASCII only on purpose: every protocol token they handle is ASCII, and the locale-aware
// <cctype> functions cost a call per byte.

#include <string_view>

namespace vitrine::util {

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive (ASCII) equality.
bool iequals(std::string_view a, std::string_view b);

// Whether `text` has `prefix` at `pos`, case-insensitively.
bool istarts_with(std::string_view text, std::size_t pos, std::string_view prefix);

// `s` without leading and trailing characters from `chars`.
std::string_view trim(std::string_view s, std::string_view chars = " \t");

// The value of a hex digit (either case), or -1.
int hex_digit(char c);

// The bytes of `text` for C APIs that take unsigned char (libsodium).
inline const unsigned char* bytes_of(std::string_view text) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): char and unsigned char alias
  return reinterpret_cast<const unsigned char*>(text.data());
}

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points past
// U+10FFFF).
bool valid_utf8(std::string_view text);

// The number of code points in well-formed UTF-8 `text` (bytes that start a sequence).
std::size_t utf8_length(std::string_view text);

}  // namespace vitrine::util
