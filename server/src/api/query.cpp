#include "api/query.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "domain/project.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "util/base64.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

// application/x-www-form-urlencoded decoding: '+' is a space, then %XX as in paths.
bool decode(std::string_view in, std::string& out) {
  std::string spaced(in);
  std::replace(spaced.begin(), spaced.end(), '+', ' ');
  return http::percent_decode(spaced, out);
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  }
  return out;
}

}  // namespace

void invalid_parameter(std::string_view name, std::string_view why, std::string_view accepted) {
  http::throw_problem(
      http::problems::kInvalidParameter,
      fmt::format("Query parameter '{}': {}; expected {}.", printable(name), why, accepted),
      {{"parameter", printable(name)}});
}

QueryParams::QueryParams(std::string_view query, std::span<const std::string_view> accepted) {
  std::string name;
  std::string value;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const std::size_t eq = pair.find('=');
    if (!decode(pair.substr(0, eq), name)) {
      invalid_parameter(pair.substr(0, eq), "malformed percent-encoding", "valid %XX escapes");
    }
    if (!decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value)) {
      invalid_parameter(name, "malformed percent-encoding", "valid %XX escapes");
    }
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
      std::string list;
      for (std::string_view a : accepted) {
        list += list.empty() ? "" : ", ";
        list += a;
      }
      invalid_parameter(name, "unknown parameter", "one of " + list);
    }
    if (!values_.emplace(name, value).second) {
      invalid_parameter(name, "given more than once", "it once");
    }
  }
}

std::optional<std::string_view> QueryParams::get(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<long long> QueryParams::integer(std::string_view name, long long min,
                                              long long max) const {
  const auto text = get(name);
  if (!text) {
    return std::nullopt;
  }
  long long n = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, n);
  if (text->empty() || ec != std::errc() || ptr != end || n < min || n > max) {
    invalid_parameter(name, fmt::format("'{}' is not accepted", printable(*text)),
                      fmt::format("an integer from {} to {}", min, max));
  }
  return n;
}

std::optional<bool> QueryParams::boolean(std::string_view name) const {
  const auto text = get(name);
  if (!text) {
    return std::nullopt;
  }
  if (*text == "true") {
    return true;
  }
  if (*text == "false") {
    return false;
  }
  invalid_parameter(name, fmt::format("'{}' is not accepted", printable(*text)), "true or false");
}

std::optional<std::int64_t> QueryParams::time(std::string_view name) const {
  const auto text = get(name);
  if (!text) {
    return std::nullopt;
  }
  const auto us = util::parse_rfc3339(*text);
  if (!us) {
    invalid_parameter(name, "not a date-time", "an RFC 3339 date-time, e.g. 2026-11-25T00:00:00Z");
  }
  return us;
}

std::optional<std::string> QueryParams::uuid(std::string_view name, std::string_view what) const {
  const auto value = get(name);
  if (!value) {
    return std::nullopt;
  }
  if (!domain::looks_like_uuid(*value)) {
    invalid_parameter(name, fmt::format("not a {} id", what),
                      fmt::format("a {}'s id (UUID)", what));
  }
  return std::string(*value);
}

std::optional<std::string> QueryParams::id_cursor() const {
  const auto cursor = get("cursor");
  if (!cursor) {
    return std::nullopt;
  }
  auto id = util::base64url_decode(*cursor);
  if (!id || !domain::looks_like_uuid(*id)) {
    invalid_parameter("cursor", "not a cursor from this list", "the next_cursor of a page");
  }
  return id;
}

std::string QueryParams::next_page(std::string_view path, std::string_view cursor) const {
  std::string target(path);
  char separator = '?';
  for (const auto& [name, value] : values_) {
    if (name != "cursor") {
      target += separator + percent_encode(name) + '=' + percent_encode(value);
      separator = '&';
    }
  }
  return target + separator + "cursor=" + percent_encode(cursor);
}

std::string encode_id_cursor(std::string_view id) { return util::base64url_encode(id); }

std::string percent_encode(std::string_view value) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4U]);
      out.push_back(kHex[c & 0x0FU]);
    }
  }
  return out;
}

}  // namespace vitrine::api
