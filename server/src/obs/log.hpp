#pragma once
// Structured logging: one JSON object (or one human-readable line) per event, scrubbed of
// secrets, carrying the request id and trace ids of the request being handled.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace vitrine::obs {

enum class Level : std::uint8_t { kDebug, kInfo, kWarn, kError };
enum class Format : std::uint8_t { kJson, kText };

std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);
std::optional<Format> parse_format(std::string_view text);

// One key/value of a log event. Holds views: build fields in the logging call itself.
struct Field {
  using Value = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  Field(std::string_view k, unsigned long long v) : key(k), value(static_cast<std::uint64_t>(v)) {}
  std::string_view key;
  Value value;
};

// Correlation ids of the request a thread is handling.
struct LogContext {
  std::string_view request_id;
  std::string_view trace_id;
  std::string_view span_id;
};

// Makes `context` current on this thread for its lifetime (requests are handled
// synchronously on one thread, so a thread-local scope is exact).
class ScopedLogContext {
 public:
  explicit ScopedLogContext(const LogContext& context);
  ~ScopedLogContext();
  ScopedLogContext(const ScopedLogContext&) = delete;
  ScopedLogContext& operator=(const ScopedLogContext&) = delete;
  ScopedLogContext(ScopedLogContext&&) = delete;
  ScopedLogContext& operator=(ScopedLogContext&&) = delete;

 private:
  const LogContext* previous_;
};

// Where formatted lines go. Implementations must be thread-safe.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void write(Level level, std::string_view line) = 0;
  virtual void flush() = 0;
  // Lines dropped because the output could not keep up.
  [[nodiscard]] virtual std::uint64_t dropped() const { return 0; }
};

// Lines to stdout through a background thread (spdlog async logger), flushed line by line.
// When stdout stalls (a stuck log shipper, a full pipe) and the queue of 8192 lines is full,
// the oldest queued lines are dropped and counted instead of blocking request threads:
// a logging outage must not become a service outage.
std::shared_ptr<LogSink> make_stdout_sink();

class Logger {
 public:
  Logger(std::string name, std::shared_ptr<LogSink> sink, Level min_level, Format format);

  // The same sink and settings under another logger name.
  [[nodiscard]] Logger child(std::string_view name) const;

  [[nodiscard]] bool enabled(Level level) const { return level >= min_level_; }
  void log(Level level, std::string_view msg, std::initializer_list<Field> fields = {}) const;

  void debug(std::string_view msg, std::initializer_list<Field> fields = {}) const {
    log(Level::kDebug, msg, fields);
  }
  void info(std::string_view msg, std::initializer_list<Field> fields = {}) const {
    log(Level::kInfo, msg, fields);
  }
  void warn(std::string_view msg, std::initializer_list<Field> fields = {}) const {
    log(Level::kWarn, msg, fields);
  }
  void error(std::string_view msg, std::initializer_list<Field> fields = {}) const {
    log(Level::kError, msg, fields);
  }
  void flush() const { sink_->flush(); }

  // Formats one event exactly as log() would write it (exposed for tests).
  [[nodiscard]] std::string format(Level level, std::string_view msg,
                                   std::initializer_list<Field> fields) const;

 private:
  std::string name_;
  std::shared_ptr<LogSink> sink_;
  Level min_level_;
  Format format_;
};

}  // namespace vitrine::obs
