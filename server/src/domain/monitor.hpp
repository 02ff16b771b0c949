#pragma once
// A monitor: what a synthetic check probes, how often, and when its failures count as down.
// Pure: no storage, no HTTP, no JSON; the API maps JSON onto it, checks/ runs it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

enum class MonitorKind : std::uint8_t { kHttp, kTcp, kTls, kPush };

// Accepted HTTP status codes: an inclusive range ("200-399", or "204" as 204-204).
struct StatusRange {
  int low = 200;
  int high = 399;
  bool operator==(const StatusRange&) const = default;
};

struct HttpHeader {
  std::string name;
  std::string value;
  bool operator==(const HttpHeader&) const = default;
};

// What an `http` check sends and what it accepts as up.
struct HttpSettings {
  std::string method = "GET";
  std::vector<HttpHeader> headers;
  std::string body;
  std::vector<StatusRange> accepted_status{StatusRange{}};
  std::string body_contains;  // empty: not checked
  std::string json_pointer;   // RFC 6901; empty: not checked
  std::string json_equals;    // the expected value at json_pointer, as compact JSON text
  int max_redirects = 5;      // 0: a redirect is the answer
  bool operator==(const HttpSettings&) const = default;
};

struct Monitor {
  std::string id;  // UUIDv7, server-generated
  std::optional<std::string> project_id;
  std::string name;
  MonitorKind kind = MonitorKind::kHttp;
  // http: an absolute http(s) URL; tcp: host:port; tls: host[:port] (443); push: empty.
  std::string target;
  std::int64_t interval_s = 60;
  std::int64_t timeout_ms = 10'000;
  int retries = 1;  // failed checks in a row tolerated before the monitor is down
  // Good checks in a row that resolve its open incident (domain/incident.hpp): a monitor
  // that flaps stays in one incident.
  int recovery_checks = 2;
  bool enabled = true;
  bool is_public = false;  // shown on the public status page
  HttpSettings http;       // kHttp only
  // kHttp over https and kTls: verify the certificate chain and host name (the API shows it
  // as http.tls_verify and tls.verify).
  bool tls_verify = true;
  std::string push_hash;  // kPush: SHA-256 (hex) of the heartbeat secret; never shown
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::int64_t version = 0;  // 1 on create, +1 on every update
};

// Limits, quoted in validation messages and in api/openapi.yaml. The interval floor is the
// server's (VITRINE_MONITOR_MIN_INTERVAL, 10 s unless lowered for tests and labs).
inline constexpr std::int64_t kDefaultMinIntervalS = 10;
inline constexpr std::int64_t kMaxIntervalS = std::int64_t{24} * 3600;
inline constexpr std::int64_t kMinTimeoutMs = 100;
inline constexpr std::int64_t kMaxTimeoutMs = 120'000;
inline constexpr int kMaxRetries = 10;
inline constexpr int kMaxRecoveryChecks = 20;
inline constexpr int kMaxRedirects = 10;
inline constexpr std::size_t kMaxMonitorName = 200;  // characters
inline constexpr std::size_t kMaxHeaders = 20;
inline constexpr std::size_t kMaxHeaderValue = 4096;
inline constexpr std::size_t kMaxRequestBody = std::size_t{64} * 1024;
inline constexpr std::size_t kMaxBodyContains = 1024;
inline constexpr std::size_t kMaxStatusRanges = 10;

// Every rule the writable fields break (all of them), with `min_interval_s` the server's
// floor.
std::vector<FieldError> validate(const Monitor& monitor, std::int64_t min_interval_s);

std::string_view to_string(MonitorKind kind);
std::optional<MonitorKind> parse_monitor_kind(std::string_view text);

// "200-399" or "204"; nullopt when malformed or outside 100-599.
std::optional<StatusRange> parse_status_range(std::string_view text);
std::string to_string(const StatusRange& range);
bool accepts(const std::vector<StatusRange>& ranges, int status);

// A tcp/tls target split into host and port: "db.lan:5432", "[::1]:443", and for tls a bare
// host ("example.com" → 443). nullopt when malformed.
struct HostPort {
  std::string host;  // without brackets
  std::uint16_t port = 0;
};
std::optional<HostPort> parse_host_port(std::string_view target,
                                        std::optional<std::uint16_t> default_port);

// How long a push monitor waits for a beat: its interval plus its timeout as grace.
std::int64_t push_deadline_ms(const Monitor& monitor);
// What a credential header's value reads back as: the values of headers that
// obs::is_sensitive_key names (as in logs) are write-only (api/monitor_json.cpp).
inline constexpr std::string_view kRedacted = "<redacted>";

}  // namespace vitrine::domain
