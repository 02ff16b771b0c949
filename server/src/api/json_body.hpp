#pragma once
// Request bodies as JSON: the media type checked (415), the document parsed with a depth
// limit (400 with the byte offset of the first error). Shared by every write endpoint.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/project.hpp"  // FieldError
#include "http/message.hpp"

namespace vitrine::api {

// An optional value as a JSON member: the value, or null.
template <typename J = nlohmann::ordered_json, typename T>
J nullable(const std::optional<T>& value) {
  return value ? J(*value) : J(nullptr);
}

// A representation's text: invalid UTF-8 in stored text becomes U+FFFD instead of failing.
inline std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The media type of a PATCH body (JSON merge patch, RFC 7396).
inline constexpr std::string_view kMergePatchType = "application/merge-patch+json";

// Deeper nesting is refused before it can exhaust the stack.
inline constexpr int kMaxJsonDepth = 32;

// The body as JSON when its Content-Type is `media_type` (parameters such as charset=utf-8
// allowed). Throws ProblemError: 415 unsupported-media-type, 400 invalid-json.
nlohmann::json parse_json_body(const http::Request& request, std::string_view media_type);

// Throws 422 validation-failed listing every error as {field, code, message}.
[[noreturn]] void validation_failed(const std::vector<domain::FieldError>& errors);

// Appends the errors of the domain's rules (`rules`) to `errors`, except for fields that
// have an error already: a field with a type error has no value to validate.
void add_rule_errors(std::vector<domain::FieldError>& errors,
                     std::vector<domain::FieldError> rules);

// The string member `name` of `doc`, when present and not null; an `invalid_type` error
// when it is not a string.
std::optional<std::string> string_member(const nlohmann::json& doc, std::string_view name,
                                         std::vector<domain::FieldError>& errors);

// An optional id member: absent keeps `out`, null clears it, a string sets it; an
// `invalid_type` error otherwise.
void optional_id_member(const nlohmann::json& doc, const char* name,
                        std::optional<std::string>& out, std::vector<domain::FieldError>& errors);

// Every member of `doc` outside `writable` is an error: `read_only` when the server sets it,
// `unknown_field` otherwise ("is not a member of a `resource`").
void check_known_members(const nlohmann::json& doc, std::span<const std::string_view> writable,
                         std::span<const std::string_view> read_only, std::string_view resource,
                         std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
