#include "http/trace_context.hpp"

#include <algorithm>

#include "obs/ids.hpp"
#include "util/text.hpp"

namespace vitrine::http {
namespace {

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
bool all_zero(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::string TraceContext::traceparent() const {
  return "00-" + trace_id + "-" + span_id + (sampled ? "-01" : "-00");
}

std::optional<ParsedTraceparent> parse_traceparent(std::string_view v) {
  // version(2) - trace_id(32) - parent_id(16) - flags(2)
  constexpr std::size_t kLen = 55;
  if (v.size() < kLen || v[2] != '-' || v[35] != '-' || v[52] != '-') {
    return std::nullopt;
  }
  const std::string_view version = v.substr(0, 2);
  const std::string_view trace_id = v.substr(3, 32);
  const std::string_view parent = v.substr(36, 16);
  const std::string_view flags = v.substr(53, 2);
  if (!is_lower_hex(version) || version == "ff" || !is_lower_hex(trace_id) ||
      !is_lower_hex(parent) || !is_lower_hex(flags) || all_zero(trace_id) || all_zero(parent)) {
    return std::nullopt;
  }
  if (version == "00" ? v.size() != kLen : (v.size() > kLen && v[kLen] != '-')) {
    return std::nullopt;
  }
  const bool sampled = (util::hex_digit(flags[1]) & 1) != 0;
  return ParsedTraceparent{std::string(trace_id), std::string(parent), sampled};
}

TraceContext make_trace_context(std::optional<std::string_view> header) {
  TraceContext ctx;
  if (header) {
    if (auto parsed = parse_traceparent(*header)) {
      ctx.trace_id = std::move(parsed->trace_id);
      ctx.parent_span_id = std::move(parsed->parent_span_id);
      ctx.sampled = parsed->sampled;
    }
  }
  if (ctx.trace_id.empty()) {
    ctx.trace_id = obs::random_hex(16);
    ctx.sampled = true;
  }
  ctx.span_id = obs::random_hex(8);
  return ctx;
}

}  // namespace vitrine::http
