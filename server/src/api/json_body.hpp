#pragma once
// Request bodies as JSON: the media type checked (415), the document parsed with a depth
// limit (400 with the byte offset of the first error). Shared by every write endpoint.

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "domain/project.hpp"  // FieldError
#include "http/message.hpp"

namespace vitrine::api {

// Deeper nesting is refused before it can exhaust the stack.
inline constexpr int kMaxJsonDepth = 32;

// The body as JSON when its Content-Type is `media_type` (parameters such as charset=utf-8
// allowed). Throws ProblemError: 415 unsupported-media-type, 400 invalid-json.
nlohmann::json parse_json_body(const http::Request& request, std::string_view media_type);

// Throws 422 validation-failed listing every error as {field, code, message}.
[[noreturn]] void validation_failed(const std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
