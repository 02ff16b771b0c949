#pragma once
// Parsers for setting values. Each returns the value or a message saying what was wrong;
// the caller adds the variable name and the accepted values.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "net/address_range.hpp"

namespace vitrine::config {

// Either a value or an error message.
template <typename T>
class Parsed {
 public:
  Parsed(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  static Parsed failure(std::string message) { return Parsed(Error{std::move(message)}); }
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  [[nodiscard]] const T& value() const { return std::get<0>(v_); }
  [[nodiscard]] const std::string& error() const { return std::get<1>(v_).message; }

 private:
  struct Error {
    std::string message;
  };
  explicit Parsed(Error e) : v_(std::move(e)) {}
  std::variant<T, Error> v_;
};

struct ListenAddress {
  std::string host;  // an IP literal, without brackets
  std::uint16_t port = 0;
};

Parsed<ListenAddress> parse_listen(std::string_view text);
// "500ms", "10s", "2m", "1h", "14d"; a bare integer means seconds.
Parsed<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                 std::chrono::milliseconds min,
                                                 std::chrono::milliseconds max);
// A byte count, optionally with KiB or MiB.
Parsed<std::uint64_t> parse_size(std::string_view text, std::uint64_t min, std::uint64_t max);
Parsed<std::uint64_t> parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max);
// true/false (also 1/0, yes/no, on/off), case-insensitive.
Parsed<bool> parse_bool(std::string_view text);
// Comma-separated exact origins, or "*".
Parsed<std::vector<std::string>> parse_origins(std::string_view text);
// Empty, or comma-separated IP addresses and CIDR ranges (net/address_range.hpp).
Parsed<std::vector<net::AddressRange>> parse_address_ranges(std::string_view text);
// Empty, or an absolute http/https URL without query or fragment.
Parsed<std::string> parse_public_url(std::string_view text);
// A fraction from 0 to 1 in decimal notation ("0", "0.25", "1").
Parsed<double> parse_ratio(std::string_view text);

}  // namespace vitrine::config
