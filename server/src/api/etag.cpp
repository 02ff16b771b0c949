#include "api/etag.hpp"

#include "http/problem.hpp"

#include <sodium.h>

#include <array>

#include "api/json_body.hpp"
#include "http/encoding.hpp"
#include "util/text.hpp"

namespace vitrine::api {
namespace {

// Calls `fn(tag, weak)` for each entity tag in a comma-separated list; stops when it
// returns true and returns whether any did.
template <typename Fn>
bool any_tag(std::string_view list, Fn fn) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view tag = util::trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    bool weak = false;
    if (tag.starts_with("W/")) {
      weak = true;
      tag.remove_prefix(2);
    }
    if (!tag.empty() && fn(tag, weak)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string strong_etag(std::string_view representation) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), util::bytes_of(representation),
                     representation.size(), nullptr, 0);
  std::string out(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest.data(), digest.size());
  out.pop_back();
  return "\"" + out + "\"";
}

bool none_match_hits(std::string_view if_none_match, std::string_view etag) {
  return any_tag(if_none_match,
                 [&](std::string_view tag, bool /*weak*/) { return tag == "*" || tag == etag; });
}

bool match_satisfied(std::string_view if_match, std::string_view etag) {
  return any_tag(if_match, [&](std::string_view tag, bool weak) {
    return tag == "*" || (!weak && tag == etag);
  });
}

std::string_view required_if_match(const http::Request& request) {
  const auto if_match = request.header("If-Match");
  if (!if_match) {
    throw http::ProblemError(http::problems::kPreconditionRequired,
                             "PATCH needs If-Match with the ETag of the version you edited.");
  }
  return *if_match;
}

http::Response versioned_json(int code, const nlohmann::ordered_json& body,
                              const std::string& etag) {
  http::Response res = http::Response::json(code, json_text(body));
  res.add_header("ETag", etag);
  res.add_header("Cache-Control", "private, no-cache");
  return res;
}

http::Response shared_representation(const http::Request& request,
                                     std::shared_ptr<const void> owner, std::string content_type,
                                     std::string_view body, std::string_view gzipped,
                                     const std::string& etag, int status) {
  http::Response res;
  if (status == 200 && none_match_hits(request.header("If-None-Match").value_or(""), etag)) {
    res = http::Response::empty(304);
  } else {
    res.set_status(status);
    const bool packed =
        !gzipped.empty() && http::accepts_gzip(request.header("Accept-Encoding").value_or(""));
    res.share_body(std::move(content_type), std::move(owner), packed ? gzipped : body);
    if (packed) {
      res.add_header("Content-Encoding", "gzip");
    }
  }
  res.add_header("ETag", etag);
  if (!gzipped.empty()) {
    res.add_header("Vary", "Accept-Encoding");
  }
  return res;
}

}  // namespace vitrine::api
