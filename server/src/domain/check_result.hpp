#pragma once
// The outcome of one synthetic check, as stored and as the API shows it. Pure: the checkers
// (checks/) make these, the store keeps them, the summaries and SLOs are computed from them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::domain {

enum class CheckState : std::uint8_t { kUp, kDown, kDegraded };

// Why a check was not up; stable names in the API and the `error_class` column.
enum class CheckError : std::uint8_t {
  kNone,
  kDns,          // the host name did not resolve
  kConnect,      // refused, unreachable, reset
  kTls,          // handshake failed, or the chain/host name did not verify
  kTimeout,      // no complete answer within the monitor's timeout
  kStatus,       // an HTTP status outside accepted_status
  kBody,         // body_contains not found
  kJson,         // the body is not JSON, or the value at json_pointer differs
  kCertificate,  // tls: expired, or expiring within VITRINE_TLS_WARN_DAYS (degraded)
  kHeartbeat,    // push: no beat within interval + grace
  kInternal,     // the check could not run here (out of memory, too many open files)
};

// How long each phase took, in microseconds: name lookup, TCP connect, TLS handshake, and
// from the request sent (or the handshake done) to the first response byte; total is the
// whole check. -1 when the check did not reach the phase or it does not apply (no TLS over
// http://, no response for tcp).
struct CheckTimings {
  std::int64_t dns_us = -1;
  std::int64_t connect_us = -1;
  std::int64_t tls_us = -1;
  std::int64_t first_byte_us = -1;
  std::int64_t total_us = 0;
  bool operator==(const CheckTimings&) const = default;
};

struct CheckResult {
  std::string monitor_id;
  std::int64_t at_us = 0;  // when the check started, microseconds since the Unix epoch
  CheckState state = CheckState::kUp;
  CheckTimings timings;
  int status_code = 0;  // http: the final response's status; 0 otherwise
  CheckError error = CheckError::kNone;
  std::string message;               // for people: what went wrong (empty when up)
  std::optional<int> tls_days_left;  // tls (and https): days until the leaf expires
  bool maintenance = false;          // began inside a maintenance window: stored, counted apart
};

std::string_view to_string(CheckState state);
std::string_view to_string(CheckError error);
std::optional<CheckError> parse_check_error(std::string_view text);

}  // namespace vitrine::domain
