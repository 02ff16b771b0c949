#pragma once
// The parts of an absolute URL that may be recorded (in a trace span, a log line): never
// its user-info, whose password would leak, nor its query, which often carries tokens.

#include <optional>
#include <string>
#include <string_view>

namespace vitrine::net {

struct UrlParts {
  std::string scheme;
  std::string host;  // without brackets for IPv6
  int port = 0;      // the scheme's default when the URL names none
  std::string path;

  // scheme://host:port/path, IPv6 hosts in brackets.
  [[nodiscard]] std::string redacted() const;
};

// Parsed with libcurl's URL parser (the same reading curl gives it); nullopt when it is not
// an absolute URL with a host.
std::optional<UrlParts> url_parts(std::string_view url);

}  // namespace vitrine::net
