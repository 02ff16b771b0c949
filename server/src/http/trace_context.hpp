#pragma once
// W3C Trace Context (traceparent) parsing and generation.

#include <optional>
#include <string>
#include <string_view>

namespace vitrine::http {

struct TraceContext {
  std::string trace_id;        // 32 lowercase hex
  std::string span_id;         // 16 lowercase hex: this server's span
  std::string parent_span_id;  // 16 lowercase hex, empty when the trace starts here
  bool sampled = false;

  // "00-<trace_id>-<span_id>-<flags>" for propagating to downstream calls.
  [[nodiscard]] std::string traceparent() const;
};

struct ParsedTraceparent {
  std::string trace_id;
  std::string parent_span_id;
  bool sampled = false;
};

// Parses a traceparent header value per W3C Trace Context level 1: version 00 exactly
// 55 characters; later versions accepted by their 00 prefix; version ff, uppercase hex,
// all-zero ids and malformed values rejected.
std::optional<ParsedTraceparent> parse_traceparent(std::string_view value);

// Continues the caller's trace when `header` is a valid traceparent, else starts a new one;
// always makes a new span id for this server.
TraceContext make_trace_context(std::optional<std::string_view> header);

}  // namespace vitrine::http
