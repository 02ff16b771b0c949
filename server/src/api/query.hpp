#pragma once
// Query strings: split, percent-decoded, checked against the parameters an endpoint
// accepts. Every problem is a 400 invalid-parameter naming the parameter.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vitrine::api {

class QueryParams {
 public:
  // Parses `query` (without '?'); throws ProblemError for a malformed escape, a parameter
  // not in `accepted`, or one given twice.
  QueryParams(std::string_view query, std::span<const std::string_view> accepted);

  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;

  // Typed accessors; each throws invalid-parameter naming `name` and what is accepted.
  [[nodiscard]] std::optional<long long> integer(std::string_view name, long long min,
                                                 long long max) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view name) const;
  // An RFC 3339 date-time, in microseconds since the Unix epoch.
  [[nodiscard]] std::optional<std::int64_t> time(std::string_view name) const;

  // An id (UUID) of a `what` ("monitor"), such as a filter's.
  [[nodiscard]] std::optional<std::string> uuid(std::string_view name, std::string_view what) const;

  // The id a list paged by id continues after: `cursor` is base64url of a UUID (what
  // encode_id_cursor made); anything else is invalid-parameter.
  [[nodiscard]] std::optional<std::string> id_cursor() const;

  // The target of the next page: `path` with these parameters, `cursor` replaced.
  [[nodiscard]] std::string next_page(std::string_view path, std::string_view cursor) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Throws 400 invalid-parameter: "`name`: why; expected `accepted`".
[[noreturn]] void invalid_parameter(std::string_view name, std::string_view why,
                                    std::string_view accepted);

// The `cursor` of the page after the item `id` (lists paged by UUID).
std::string encode_id_cursor(std::string_view id);

// Percent-encodes a query parameter value (RFC 3986 unreserved characters kept).
std::string percent_encode(std::string_view value);

}  // namespace vitrine::api
