#include "domain/monitor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "util/text.hpp"

namespace vitrine::domain {
namespace {

// RFC 9110 token characters: what a method or header name may hold.
bool is_token(std::string_view text) {
  constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kExtra.find(c) != std::string_view::npos;
  });
}

// A header value may hold tabs and visible characters, never CR, LF or other controls.
bool is_header_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7f;
  });
}

bool is_host(std::string_view host) {
  if (host.empty() || host.size() > 253) {
    return false;
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == ':';  // ':' only inside [IPv6]
  });
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

void check_http(const HttpSettings& h, std::vector<FieldError>& errors) {
  static constexpr std::array<std::string_view, 7> kMethods{"GET",   "HEAD",   "POST",   "PUT",
                                                            "PATCH", "DELETE", "OPTIONS"};
  if (std::find(kMethods.begin(), kMethods.end(), h.method) == kMethods.end()) {
    errors.push_back(
        {"http/method", "invalid_value", "must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"});
  }
  if (h.headers.size() > kMaxHeaders) {
    errors.push_back(
        {"http/headers", "too_many", fmt::format("must hold at most {} headers", kMaxHeaders)});
  }
  for (std::size_t i = 0; i < h.headers.size(); ++i) {
    const HttpHeader& header = h.headers[i];
    const std::string field = fmt::format("http/headers/{}", i);
    if (!is_token(header.name)) {
      errors.push_back({field + "/name", "invalid_format", "must be an HTTP header name (token)"});
    } else if (util::iequals(header.name, "Host") || util::iequals(header.name, "Content-Length") ||
               util::iequals(header.name, "Transfer-Encoding")) {
      errors.push_back({field + "/name", "reserved", "is set by the check itself"});
    }
    if (!is_header_value(header.value) || header.value.size() > kMaxHeaderValue) {
      errors.push_back(
          {field + "/value", "invalid_format",
           fmt::format("must be at most {} bytes without line breaks or control characters",
                       kMaxHeaderValue)});
    }
  }
  if (h.body.size() > kMaxRequestBody) {
    errors.push_back(
        {"http/body", "too_long", fmt::format("must be at most {} bytes", kMaxRequestBody)});
  }
  if (h.accepted_status.empty() || h.accepted_status.size() > kMaxStatusRanges) {
    errors.push_back({"http/accepted_status", "invalid_value",
                      fmt::format("must list 1 to {} status ranges", kMaxStatusRanges)});
  }
  if (h.body_contains.size() > kMaxBodyContains) {
    errors.push_back({"http/body_contains", "too_long",
                      fmt::format("must be at most {} bytes", kMaxBodyContains)});
  }
  if (!h.json_pointer.empty() && h.json_pointer.front() != '/') {
    errors.push_back({"http/json_pointer", "invalid_format",
                      "must be an RFC 6901 JSON pointer starting with '/'"});
  }
  if (h.json_pointer.empty() != h.json_equals.empty()) {
    errors.push_back({h.json_pointer.empty() ? "http/json_pointer" : "http/json_equals", "required",
                      "json_pointer and json_equals go together"});
  }
  if (h.max_redirects < 0 || h.max_redirects > kMaxRedirects) {
    errors.push_back(
        {"http/max_redirects", "out_of_range", fmt::format("must be 0 to {}", kMaxRedirects)});
  }
}

void check_target(const Monitor& m, std::vector<FieldError>& errors) {
  switch (m.kind) {
    case MonitorKind::kHttp:
      if (m.target.size() > kMaxUrl || !is_http_url(m.target)) {
        errors.push_back({"target", "invalid_url",
                          fmt::format("must be an absolute http:// or https:// URL of at most {} "
                                      "characters",
                                      kMaxUrl)});
      }
      break;
    case MonitorKind::kTcp:
      if (!parse_host_port(m.target, std::nullopt)) {
        errors.push_back({"target", "invalid_format",
                          "must be host:port (a host name, IPv4 address or [IPv6] address)"});
      }
      break;
    case MonitorKind::kTls:
      if (!parse_host_port(m.target, 443)) {
        errors.push_back({"target", "invalid_format", "must be host or host:port (port 443)"});
      }
      break;
    case MonitorKind::kPush:
      if (!m.target.empty()) {
        errors.push_back({"target", "invalid_value",
                          "must be empty: a push monitor is called, it calls nobody"});
      }
      break;
  }
}

}  // namespace

std::vector<FieldError> validate(const Monitor& m, std::int64_t min_interval_s) {
  std::vector<FieldError> errors;
  check_text(errors, "name", m.name, 1, kMaxMonitorName);
  if (m.project_id && !looks_like_uuid(*m.project_id)) {
    errors.push_back({"project_id", "invalid_format", "must be a project id (UUID)"});
  }
  check_target(m, errors);
  if (m.interval_s < min_interval_s || m.interval_s > kMaxIntervalS) {
    errors.push_back({"interval", "out_of_range",
                      fmt::format("must be {} to {} seconds", min_interval_s, kMaxIntervalS)});
  }
  if (m.timeout_ms < kMinTimeoutMs || m.timeout_ms > kMaxTimeoutMs) {
    errors.push_back(
        {"timeout", "out_of_range",
         fmt::format("must be {} to {} seconds", kMinTimeoutMs / 1000.0, kMaxTimeoutMs / 1000)});
  } else if (m.timeout_ms > m.interval_s * 1000 && m.kind != MonitorKind::kPush) {
    errors.push_back({"timeout", "out_of_range", "must not be longer than the interval"});
  }
  if (m.retries < 0 || m.retries > kMaxRetries) {
    errors.push_back({"retries", "out_of_range", fmt::format("must be 0 to {}", kMaxRetries)});
  }
  if (m.recovery_checks < 1 || m.recovery_checks > kMaxRecoveryChecks) {
    errors.push_back(
        {"recovery_checks", "out_of_range", fmt::format("must be 1 to {}", kMaxRecoveryChecks)});
  }
  if (m.kind == MonitorKind::kHttp) {
    check_http(m.http, errors);
  }
  return errors;
}

std::string_view to_string(MonitorKind kind) {
  switch (kind) {
    case MonitorKind::kHttp:
      return "http";
    case MonitorKind::kTcp:
      return "tcp";
    case MonitorKind::kTls:
      return "tls";
    case MonitorKind::kPush:
      return "push";
  }
  return "http";
}

std::optional<MonitorKind> parse_monitor_kind(std::string_view text) {
  for (const MonitorKind k :
       {MonitorKind::kHttp, MonitorKind::kTcp, MonitorKind::kTls, MonitorKind::kPush}) {
    if (text == to_string(k)) {
      return k;
    }
  }
  return std::nullopt;
}

std::optional<StatusRange> parse_status_range(std::string_view text) {
  const std::size_t dash = text.find('-');
  const auto low = parse_int(text.substr(0, dash));
  const auto high = dash == std::string_view::npos ? low : parse_int(text.substr(dash + 1));
  if (!low || !high || *low < 100 || *high > 599 || *low > *high) {
    return std::nullopt;
  }
  return StatusRange{*low, *high};
}

std::string to_string(const StatusRange& range) {
  return range.low == range.high ? std::to_string(range.low)
                                 : fmt::format("{}-{}", range.low, range.high);
}

bool accepts(const std::vector<StatusRange>& ranges, int status) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const StatusRange& r) { return status >= r.low && status <= r.high; });
}

std::optional<HostPort> parse_host_port(std::string_view target,
                                        std::optional<std::uint16_t> default_port) {
  HostPort hp;
  std::string_view port_text;
  if (!target.empty() && target.front() == '[') {
    const std::size_t close = target.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    hp.host = std::string(target.substr(1, close - 1));
    const std::string_view rest = target.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') {
      return std::nullopt;
    }
    port_text = rest.empty() ? rest : rest.substr(1);
    if (hp.host.find(':') == std::string::npos) {
      return std::nullopt;  // brackets are for IPv6 addresses only
    }
  } else {
    const std::size_t colon = target.rfind(':');
    hp.host = std::string(target.substr(0, colon));
    port_text = colon == std::string_view::npos ? std::string_view() : target.substr(colon + 1);
    if (hp.host.find(':') != std::string::npos || colon + 1 == target.size()) {
      return std::nullopt;  // an IPv6 address needs brackets; "host:" has no port
    }
  }
  if (!is_host(hp.host)) {
    return std::nullopt;
  }
  if (port_text.empty()) {
    if (!default_port) {
      return std::nullopt;
    }
    hp.port = *default_port;
    return hp;
  }
  const auto port = parse_int(port_text);
  if (!port || *port < 1 || *port > 65535) {
    return std::nullopt;
  }
  hp.port = static_cast<std::uint16_t>(*port);
  return hp;
}

std::int64_t push_deadline_ms(const Monitor& monitor) {
  return monitor.interval_s * 1000 + monitor.timeout_ms;
}

}  // namespace vitrine::domain
