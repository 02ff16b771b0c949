#include "net/url_parts.hpp"

#include <curl/curl.h>

#include <charconv>
#include <memory>

namespace vitrine::net {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

std::optional<std::string> part(CURLU* url, CURLUPart which, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, which, &value, flags) != CURLUE_OK || value == nullptr) {
    return std::nullopt;
  }
  std::string out(value);
  curl_free(value);
  return out;
}

}  // namespace

std::string UrlParts::redacted() const {
  const bool v6 = host.find(':') != std::string::npos;
  return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + path;
}

std::optional<UrlParts> url_parts(std::string_view url) {
  const std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle ||
      curl_url_set(handle.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlParts parts;
  auto scheme = part(handle.get(), CURLUPART_SCHEME);
  auto host = part(handle.get(), CURLUPART_HOST);
  auto port = part(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (!scheme || !host || !port ||
      std::from_chars(port->data(), port->data() + port->size(), parts.port).ec != std::errc()) {
    return std::nullopt;
  }
  parts.scheme = std::move(*scheme);
  parts.host = std::move(*host);
  if (parts.host.size() > 2 && parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  parts.path = part(handle.get(), CURLUPART_PATH).value_or("/");
  return parts;
}

}  // namespace vitrine::net
