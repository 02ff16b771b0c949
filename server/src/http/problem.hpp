#pragma once
// RFC 9457 problem details: the catalogue of problem types and the one function that turns
// a problem into an application/problem+json response.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace vitrine::http {

// A stable problem type: clients switch on `type`, documented in docs/api/problems.md.
struct ProblemType {
  std::string_view slug;
  int status;
  std::string_view title;
};

namespace problems {
inline constexpr ProblemType kBadRequest{"bad-request", 400, "Bad Request"};
inline constexpr ProblemType kInvalidJson{"invalid-json", 400, "Malformed JSON"};
inline constexpr ProblemType kInvalidParameter{"invalid-parameter", 400, "Invalid Query Parameter"};
inline constexpr ProblemType kUnauthorized{"unauthorized", 401, "Unauthorized"};
// 401 with `error="invalid_token"` (RFC 6750 §3.1): credentials were sent and are bad.
inline constexpr ProblemType kInvalidToken{"invalid-token", 401, "Invalid Token"};
// 401 from POST /api/v1/auth/login: the same for an unknown email and a wrong password.
inline constexpr ProblemType kInvalidCredentials{"invalid-credentials", 401, "Invalid Credentials"};
// 401 from POST /api/v1/auth/login: the password holds; send a TOTP or recovery code too.
inline constexpr ProblemType kMfaRequired{"mfa-required", 401, "Second Factor Required"};
inline constexpr ProblemType kForbidden{"forbidden", 403, "Forbidden"};
inline constexpr ProblemType kCorsRejected{"cors-rejected", 403, "Cross-Origin Request Rejected"};
inline constexpr ProblemType kNotFound{"not-found", 404, "Not Found"};
inline constexpr ProblemType kMethodNotAllowed{"method-not-allowed", 405, "Method Not Allowed"};
inline constexpr ProblemType kConflict{"conflict", 409, "Conflict"};
inline constexpr ProblemType kPreconditionFailed{"precondition-failed", 412, "Precondition Failed"};
inline constexpr ProblemType kPayloadTooLarge{"payload-too-large", 413, "Payload Too Large"};
inline constexpr ProblemType kUnsupportedMediaType{"unsupported-media-type", 415,
                                                   "Unsupported Media Type"};
inline constexpr ProblemType kValidationFailed{"validation-failed", 422, "Validation Failed"};
inline constexpr ProblemType kPreconditionRequired{"precondition-required", 428,
                                                   "Precondition Required"};
// With Retry-After: the seconds before the next attempt is even checked.
inline constexpr ProblemType kTooManyRequests{"too-many-requests", 429, "Too Many Requests"};
inline constexpr ProblemType kHeaderFieldsTooLarge{"header-fields-too-large", 431,
                                                   "Request Header Fields Too Large"};
inline constexpr ProblemType kInternal{"internal-error", 500, "Internal Server Error"};
inline constexpr ProblemType kCheckTimeout{"check-timeout", 504, "Check Did Not Finish"};
inline constexpr ProblemType kNotReady{"not-ready", 503, "Service Not Ready"};
inline constexpr ProblemType kDatabaseUnavailable{"database-unavailable", 503,
                                                  "Database Unavailable"};
inline constexpr ProblemType kTooManyConnections{"too-many-connections", 503,
                                                 "Too Many Connections"};
}  // namespace problems

inline constexpr std::string_view kProblemContentType = "application/problem+json";
inline constexpr std::string_view kProblemTypePrefix = "urn:vitrine:problem:";

std::string problem_type_uri(const ProblemType& type);

// The problem+json document. `extensions` (a JSON object, optional) adds members.
std::string problem_body(const ProblemType& type, std::string_view detail,
                         std::string_view instance, std::string_view request_id,
                         const nlohmann::json* extensions = nullptr);

// A complete problem response for `request`. 401 gets `WWW-Authenticate: Bearer` (with
// `error="invalid_token"` for invalid-token); 503 gets `Retry-After`.
Response problem_response(const ProblemType& type, std::string_view detail, const Request& request,
                          const nlohmann::json* extensions = nullptr);

// Thrown by handlers for a client error; the error boundary middleware maps it to a
// response. Anything else thrown becomes a 500 `internal-error` with no detail.
class ProblemError : public std::runtime_error {
 public:
  ProblemError(const ProblemType& type, std::string detail,
               std::shared_ptr<const nlohmann::json> extensions = nullptr)
      : std::runtime_error(detail),
        type_(type),
        detail_(std::move(detail)),
        extensions_(std::move(extensions)) {}
  [[nodiscard]] const ProblemType& type() const { return type_; }
  [[nodiscard]] const std::string& detail() const { return detail_; }
  // Extra members of the problem document (`errors`, `parameter`, `offset`), or null.
  [[nodiscard]] const nlohmann::json* extensions() const { return extensions_.get(); }
  // The handler wrote the audit record of this failure itself (a failed sign-in names the
  // account); the audit middleware then writes none.
  [[nodiscard]] bool audited() const { return audited_; }
  // This problem, marked as recorded: `throw ProblemError(...).as_audited();`.
  [[nodiscard]] ProblemError as_audited() const {
    ProblemError marked = *this;
    marked.audited_ = true;
    return marked;
  }

 private:
  ProblemType type_;
  std::string detail_;
  std::shared_ptr<const nlohmann::json> extensions_;
  bool audited_ = false;
};

// Throws a ProblemError with extension members built from `members` (a JSON object).
[[noreturn]] void throw_problem(const ProblemType& type, std::string detail,
                                nlohmann::json members);

}  // namespace vitrine::http
