#pragma once
// Distributed tracing: spans with OpenTelemetry's data model, parent-based ratio sampling,
// and a per-thread current span so database calls become children of the request that
// made them without passing the span around. Finished spans go to a SpanSink (the OTLP
// exporter, obs/otlp_exporter.hpp), which must never block.

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vitrine::obs {

// OTLP's SpanKind values.
enum class SpanKind : std::uint8_t { kInternal = 1, kServer = 2, kClient = 3 };
// OTLP's Status.code values.
enum class SpanStatus : std::uint8_t { kUnset = 0, kOk = 1, kError = 2 };

using AttributeValue = std::variant<std::string, std::int64_t, double, bool>;

struct Attribute {
  std::string key;
  AttributeValue value;
};

// A finished span, as exported.
struct SpanData {
  std::string trace_id;        // 32 lowercase hex
  std::string span_id;         // 16 lowercase hex
  std::string parent_span_id;  // empty for a root span
  std::string name;
  SpanKind kind = SpanKind::kInternal;
  std::int64_t start_unix_ns = 0;
  std::int64_t end_unix_ns = 0;
  SpanStatus status = SpanStatus::kUnset;
  std::string status_message;
  std::vector<Attribute> attributes;
};

// Where finished spans go. submit() is called on request threads: it must return at once
// (queue or drop), never wait on I/O.
class SpanSink {
 public:
  virtual ~SpanSink() = default;
  virtual void submit(SpanData span) = 0;
};

class Span;

// Makes spans and decides which traces are recorded: a remote parent's sampled flag is
// followed; a trace that starts here is kept when its id falls under the ratio
// (OpenTelemetry's TraceIdRatioBased: the id's last 8 bytes against ratio * 2^63).
class Tracer {
 public:
  // `sink` null: nothing is recorded (tracing export off); ids are still made for logs.
  Tracer(SpanSink* sink, double sample_ratio);

  [[nodiscard]] bool enabled() const { return sink_ != nullptr; }
  // The sampling decision for a trace: `parent_sampled` from a remote traceparent, if any.
  [[nodiscard]] bool sampled(std::string_view trace_id, std::optional<bool> parent_sampled) const;

  // A span with the given ids (the server span, whose ids the request already carries);
  // recording only when `sampled` and the tracer is enabled.
  [[nodiscard]] Span start(std::string name, SpanKind kind, std::string trace_id,
                           std::string span_id, std::string parent_span_id, bool sampled) const;
  // A new trace's root span (checks, notifications run outside requests), sampled by ratio.
  [[nodiscard]] Span start_root(std::string name, SpanKind kind) const;

 private:
  SpanSink* sink_;
  std::uint64_t threshold_;  // ratio * 2^63
};

// One operation being timed. Move-only; ends (and is submitted) at end() or destruction.
// A non-recording span costs nothing: every setter returns at once.
class Span {
 public:
  Span() = default;
  ~Span() { end(); }
  Span(Span&& other) noexcept;
  Span& operator=(Span&& other) noexcept;
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;

  [[nodiscard]] bool recording() const { return sink_ != nullptr; }
  [[nodiscard]] const std::string& trace_id() const { return data_.trace_id; }
  [[nodiscard]] const std::string& span_id() const { return data_.span_id; }
  // "00-<trace>-<span>-01" for an outgoing request, or empty when not recording.
  [[nodiscard]] std::string traceparent() const;

  void set_name(std::string name);
  void set(std::string key, AttributeValue value);
  void set_status(SpanStatus status, std::string message = {});
  void end();
  // Drops the span unrecorded (work that will be done again, e.g. a request moved to the
  // blocking pool).
  void discard() { sink_ = nullptr; }

  // A child of this span, recording when this one is.
  [[nodiscard]] Span child(std::string name, SpanKind kind) const;

 private:
  friend class Tracer;
  Span(SpanSink* sink, SpanData data);

  SpanSink* sink_ = nullptr;
  SpanData data_;
  std::chrono::steady_clock::time_point started_{};
};

// Makes `span` this thread's current span for the scope's lifetime (requests are handled
// on one thread from start to end, so a thread-local scope is exact).
class ScopedSpan {
 public:
  explicit ScopedSpan(const Span& span);
  ~ScopedSpan();
  ScopedSpan(const ScopedSpan&) = delete;
  ScopedSpan& operator=(const ScopedSpan&) = delete;
  ScopedSpan(ScopedSpan&&) = delete;
  ScopedSpan& operator=(ScopedSpan&&) = delete;

 private:
  const Span* previous_;
};

// True when this thread's current span records: callers skip building a child otherwise.
bool current_span_recording();
// A child of this thread's current span, or a non-recording span when there is none.
Span child_of_current(std::string name, SpanKind kind);

// Marks `span` as failed when the scope is left by an exception (declare it after the span).
class ErrorOnUnwind {
 public:
  explicit ErrorOnUnwind(Span& span) : span_(span), exceptions_(std::uncaught_exceptions()) {}
  ~ErrorOnUnwind() {
    if (std::uncaught_exceptions() > exceptions_) {
      span_.set_status(SpanStatus::kError);
    }
  }
  ErrorOnUnwind(const ErrorOnUnwind&) = delete;
  ErrorOnUnwind& operator=(const ErrorOnUnwind&) = delete;
  ErrorOnUnwind(ErrorOnUnwind&&) = delete;
  ErrorOnUnwind& operator=(ErrorOnUnwind&&) = delete;

 private:
  Span& span_;
  int exceptions_;
};

}  // namespace vitrine::obs
