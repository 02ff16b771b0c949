#include "config/parse.hpp"
#include "util/text.hpp"

#include <arpa/inet.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <charconv>

namespace vitrine::config {
namespace {

bool parse_digits(std::string_view text, std::uint64_t& out) {
  if (text.empty()) {
    return false;
  }
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool is_ipv4(const std::string& s) {
  in_addr a{};
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}
bool is_ipv6(const std::string& s) {
  in6_addr a{};
  return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

bool valid_host(std::string_view host) {
  if (host.empty() || host.size() > 253) {
    return false;
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

// scheme://host[:port] with an optional path; returns the end of the authority or npos.
std::size_t authority_end(std::string_view url, std::string_view& scheme) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) {
    return std::string_view::npos;
  }
  scheme = url.substr(0, sep);
  if (scheme != "http" && scheme != "https") {
    return std::string_view::npos;
  }
  const std::size_t start = sep + 3;
  std::size_t end = url.find('/', start);
  if (end == std::string_view::npos) {
    end = url.size();
  }
  std::string_view authority = url.substr(start, end - start);
  if (authority.find('@') != std::string_view::npos) {
    return std::string_view::npos;
  }
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos || !is_ipv6(std::string(authority.substr(1, close - 1)))) {
      return std::string_view::npos;
    }
    host = "ipv6";
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':') {
      return std::string_view::npos;
    }
  }
  if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    std::uint64_t port = 0;
    if (!parse_digits(authority.substr(colon + 1), port) || port == 0 || port > 65535) {
      return std::string_view::npos;
    }
    if (host != "ipv6") {
      host = authority.substr(0, colon);
    }
  }
  return valid_host(host) ? end : std::string_view::npos;
}

// The items of a comma-separated list, trimmed; empty items are skipped.
std::vector<std::string_view> list_items(std::string_view text) {
  std::vector<std::string_view> items;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = util::trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (!item.empty()) {
      items.push_back(item);
    }
  }
  return items;
}

}  // namespace

Parsed<ListenAddress> parse_listen(std::string_view text) {
  text = util::trim(text);
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return Parsed<ListenAddress>::failure("missing ':port'");
  }
  std::string host(text.substr(0, colon));
  std::uint64_t port = 0;
  if (!parse_digits(text.substr(colon + 1), port) || port > 65535) {
    return Parsed<ListenAddress>::failure("the port is not a number from 0 to 65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (!is_ipv6(host)) {
      return Parsed<ListenAddress>::failure("'" + host + "' is not an IPv6 address");
    }
  } else if (host == "localhost") {
    host = "127.0.0.1";
  } else if (!is_ipv4(host)) {
    return Parsed<ListenAddress>::failure(
        is_ipv6(host) ? "write IPv6 addresses in brackets: [" + host + "]:port"
                      : "'" + host + "' is not an IP address or localhost");
  }
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

Parsed<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                 std::chrono::milliseconds min,
                                                 std::chrono::milliseconds max) {
  using Result = Parsed<std::chrono::milliseconds>;
  text = util::trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  std::uint64_t n = 0;
  if (!parse_digits(text.substr(0, digits), n) || n > 1'000'000'000) {
    return Result::failure("not a duration");
  }
  const std::string_view unit = text.substr(digits);
  std::uint64_t factor = 0;
  if (unit == "ms") {
    factor = 1;
  } else if (unit == "s" || unit.empty()) {
    factor = 1000;
  } else if (unit == "m") {
    factor = 60'000;
  } else if (unit == "h") {
    factor = 3'600'000;
  } else if (unit == "d") {
    factor = 86'400'000;
  } else {
    return Result::failure("unknown unit '" + std::string(unit) + "'");
  }
  const std::chrono::milliseconds value(static_cast<std::int64_t>(n * factor));
  if (value < min || value > max) {
    return Result::failure("out of range");
  }
  return value;
}

Parsed<bool> parse_bool(std::string_view text) {
  const std::string_view t = util::trim(text);
  for (std::string_view yes : {"true", "1", "yes", "on"}) {
    if (util::iequals(t, yes)) {
      return true;
    }
  }
  for (std::string_view no : {"false", "0", "no", "off"}) {
    if (util::iequals(t, no)) {
      return false;
    }
  }
  return Parsed<bool>::failure("not a boolean");
}

Parsed<std::uint64_t> parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max) {
  std::uint64_t n = 0;
  if (!parse_digits(util::trim(text), n)) {
    return Parsed<std::uint64_t>::failure("not a whole number");
  }
  if (n < min || n > max) {
    return Parsed<std::uint64_t>::failure("out of range");
  }
  return n;
}

Parsed<std::uint64_t> parse_size(std::string_view text, std::uint64_t min, std::uint64_t max) {
  text = util::trim(text);
  std::uint64_t factor = 1;
  if (text.ends_with("KiB")) {
    factor = 1024;
    text.remove_suffix(3);
  } else if (text.ends_with("MiB")) {
    factor = 1024ULL * 1024ULL;
    text.remove_suffix(3);
  }
  std::uint64_t n = 0;
  if (!parse_digits(text, n) || n > (UINT64_MAX / factor)) {
    return Parsed<std::uint64_t>::failure("not a byte count");
  }
  n *= factor;
  if (n < min || n > max) {
    return Parsed<std::uint64_t>::failure("out of range");
  }
  return n;
}

Parsed<std::vector<std::string>> parse_origins(std::string_view text) {
  using Result = Parsed<std::vector<std::string>>;
  std::vector<std::string> out;
  for (const std::string_view item : list_items(text)) {
    if (item == "*") {
      out.emplace_back(item);
      continue;
    }
    std::string_view scheme;
    const std::size_t end = authority_end(item, scheme);
    if (end == std::string_view::npos || end != item.size()) {
      return Result::failure("'" + std::string(item) +
                             "' is not an origin (scheme://host[:port], no path)");
    }
    out.emplace_back(item);
  }
  if (out.size() > 1 && std::find(out.begin(), out.end(), "*") != out.end()) {
    return Result::failure("'*' cannot be combined with other origins");
  }
  return out;
}

Parsed<std::vector<net::AddressRange>> parse_address_ranges(std::string_view text) {
  using Result = Parsed<std::vector<net::AddressRange>>;
  std::vector<net::AddressRange> out;
  for (const std::string_view item : list_items(text)) {
    auto range = net::AddressRange::parse(item);
    if (!range) {
      return Result::failure("'" + std::string(item) +
                             "' is not an IP address or a CIDR range with its host bits zero "
                             "(like 10.0.0.0/8 or fd00::/8)");
    }
    out.push_back(std::move(*range));
  }
  return out;
}

Parsed<std::string> parse_public_url(std::string_view text) {
  text = util::trim(text);
  if (text.empty()) {
    return std::string();
  }
  std::string_view scheme;
  if (authority_end(text, scheme) == std::string_view::npos ||
      text.find_first_of("?# ") != std::string_view::npos) {
    return Parsed<std::string>::failure("not an absolute http(s) URL without query or fragment");
  }
  while (text.size() > 1 && text.back() == '/' && text.find("://") + 3 < text.size() - 1) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

Parsed<double> parse_ratio(std::string_view text) {
  text = util::trim(text);
  double value = 0;
  const auto* end = text.data() + text.size();
  // Plain decimals only: no sign, exponent, "inf" or "nan".
  const bool plain =
      !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos;
  if (!plain || std::from_chars(text.data(), end, value).ptr != end) {
    return Parsed<double>::failure("not a decimal number");
  }
  if (value < 0 || value > 1) {
    return Parsed<double>::failure("out of range");
  }
  return value;
}

}  // namespace vitrine::config
