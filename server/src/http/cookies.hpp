#pragma once
// HTTP cookies (RFC 6265): reading one cookie from a request's Cookie header, and writing
// Set-Cookie values with the attributes a session cookie needs.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::http {

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt. Malformed pairs
// are skipped; the first occurrence of the name wins.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  std::string path = "/";
  std::chrono::seconds max_age{0};  // 0 with an empty value: delete the cookie
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Strict";
};

// "name=value; Path=...; Max-Age=...; HttpOnly; Secure; SameSite=Strict". `name` and
// `value` must be cookie tokens (callers pass constants and base64url).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace vitrine::http
