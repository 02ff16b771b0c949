#include "http/cookies.hpp"

#include "util/text.hpp"

namespace vitrine::http {

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    const std::string_view pair = util::trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      continue;
    }
    if (util::trim(pair.substr(0, eq)) != name) {
      continue;
    }
    std::string_view value = util::trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieOptions& options) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(options.path);
  out.append("; Max-Age=").append(std::to_string(options.max_age.count()));
  if (options.http_only) {
    out.append("; HttpOnly");
  }
  if (options.secure) {
    out.append("; Secure");
  }
  if (!options.same_site.empty()) {
    out.append("; SameSite=").append(options.same_site);
  }
  return out;
}

}  // namespace vitrine::http
