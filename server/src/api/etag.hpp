#pragma once
// Strong entity tags and the conditional request headers that compare them (RFC 9110 §13).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/message.hpp"

namespace vitrine::api {

// A strong ETag for a representation: a quoted 128-bit BLAKE2b digest of its bytes.
std::string strong_etag(std::string_view representation);

// The ETag of a versioned resource: it names the id and version, not the representation
// (monitors and SLOs, whose answers change with every check without a new version).
inline std::string version_etag(std::string_view id, std::int64_t version) {
  return strong_etag(std::string(id) + ":" + std::to_string(version));
}

// A versioned resource's representation: `body` with its ETag, revalidated at every use.
http::Response versioned_json(int code, const nlohmann::ordered_json& body,
                              const std::string& etag);

// A body kept alive by `owner` (a cache entry, a dashboard file) as the answer to
// `request`, never copied: 304 when If-None-Match lists `etag` (for `status` 200), else
// `status` with the body, or with `gzipped` and Content-Encoding when that is not empty and
// the client accepts gzip. Sets ETag, and Vary: Accept-Encoding when a gzip form exists.
http::Response shared_representation(const http::Request& request,
                                     std::shared_ptr<const void> owner, std::string content_type,
                                     std::string_view body, std::string_view gzipped,
                                     const std::string& etag, int status = 200);

// If-None-Match (weak comparison, '*' matches any): whether `etag` is listed.
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

// If-Match (strong comparison, '*' matches any current representation): whether `etag`
// satisfies it. Weak tags in the header never match.
bool match_satisfied(std::string_view if_match, std::string_view etag);

// The If-Match header a PATCH must carry: throws 428 precondition-required without one.
std::string_view required_if_match(const http::Request& request);

}  // namespace vitrine::api
