#include "obs/tracing.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "obs/ids.hpp"

namespace vitrine::obs {
namespace {

// The span of the request being handled on this thread (ScopedSpan); per-thread by design.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
thread_local const Span* current_span = nullptr;

std::int64_t unix_ns_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The last 16 hex digits of a trace id as a number (0 when malformed: never sampled out).
std::uint64_t low_bits(std::string_view trace_id) {
  if (trace_id.size() != 32) {
    return 0;
  }
  std::uint64_t v = 0;
  for (const char c : trace_id.substr(16)) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) {
      return 0;
    }
    v = (v << 4U) | static_cast<std::uint64_t>(digit);
  }
  return v;
}

}  // namespace

Tracer::Tracer(SpanSink* sink, double sample_ratio) : sink_(sink) {
  const double ratio = std::clamp(sample_ratio, 0.0, 1.0);
  // 2^63 as a double is exact; ratio 1 keeps every id (the shifted id is below 2^63).
  threshold_ =
      ratio >= 1.0 ? std::uint64_t{1} << 63U : static_cast<std::uint64_t>(std::ldexp(ratio, 63));
}

bool Tracer::sampled(std::string_view trace_id, std::optional<bool> parent_sampled) const {
  if (parent_sampled) {
    return *parent_sampled;
  }
  return (low_bits(trace_id) >> 1U) < threshold_;
}

Span Tracer::start(std::string name, SpanKind kind, std::string trace_id, std::string span_id,
                   std::string parent_span_id, bool sampled) const {
  if (!enabled() || !sampled) {
    return {};
  }
  SpanData data;
  data.trace_id = std::move(trace_id);
  data.span_id = std::move(span_id);
  data.parent_span_id = std::move(parent_span_id);
  data.name = std::move(name);
  data.kind = kind;
  return {sink_, std::move(data)};
}

Span Tracer::start_root(std::string name, SpanKind kind) const {
  if (!enabled()) {
    return {};
  }
  std::string trace_id = random_hex(16);
  const bool keep = sampled(trace_id, std::nullopt);
  return start(std::move(name), kind, std::move(trace_id), random_hex(8), {}, keep);
}

Span::Span(SpanSink* sink, SpanData data)
    : sink_(sink), data_(std::move(data)), started_(std::chrono::steady_clock::now()) {
  data_.start_unix_ns = unix_ns_now();
}

Span::Span(Span&& other) noexcept
    : sink_(std::exchange(other.sink_, nullptr)),
      data_(std::move(other.data_)),
      started_(other.started_) {}

Span& Span::operator=(Span&& other) noexcept {
  if (this != &other) {
    end();
    sink_ = std::exchange(other.sink_, nullptr);
    data_ = std::move(other.data_);
    started_ = other.started_;
  }
  return *this;
}

std::string Span::traceparent() const {
  if (!recording()) {
    return {};
  }
  return "00-" + data_.trace_id + "-" + data_.span_id + "-01";
}

void Span::set_name(std::string name) {
  if (recording()) {
    data_.name = std::move(name);
  }
}

void Span::set(std::string key, AttributeValue value) {
  if (recording()) {
    data_.attributes.push_back({std::move(key), std::move(value)});
  }
}

void Span::set_status(SpanStatus status, std::string message) {
  if (recording()) {
    data_.status = status;
    data_.status_message = std::move(message);
  }
}

void Span::end() {
  if (!recording()) {
    return;
  }
  // The wall clock for when, the monotonic clock for how long: a clock step mid-span
  // cannot make it negative.
  data_.end_unix_ns = data_.start_unix_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                std::chrono::steady_clock::now() - started_)
                                                .count();
  std::exchange(sink_, nullptr)->submit(std::move(data_));
}

Span Span::child(std::string name, SpanKind kind) const {
  if (!recording()) {
    return {};
  }
  SpanData data;
  data.trace_id = data_.trace_id;
  data.span_id = random_hex(8);
  data.parent_span_id = data_.span_id;
  data.name = std::move(name);
  data.kind = kind;
  return {sink_, std::move(data)};
}

ScopedSpan::ScopedSpan(const Span& span) : previous_(current_span) { current_span = &span; }

ScopedSpan::~ScopedSpan() { current_span = previous_; }

bool current_span_recording() { return current_span != nullptr && current_span->recording(); }

Span child_of_current(std::string name, SpanKind kind) {
  if (current_span == nullptr) {
    return {};
  }
  return current_span->child(std::move(name), kind);
}

}  // namespace vitrine::obs
