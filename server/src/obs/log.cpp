#include "obs/log.hpp"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <fmt/format.h>
#include <chrono>
#include <ctime>

#include "obs/json_escape.hpp"
#include "obs/scrubber.hpp"

namespace vitrine::obs {
namespace {

// The request being handled on this thread (see ScopedLogContext); per-thread by design.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
thread_local const LogContext* current_context = nullptr;

void append_timestamp(std::string& out) {
  using std::chrono::system_clock;
  const auto now = system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  const std::time_t secs = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 ms.count() % 1000);
}

// The value as text, scrubbed when it is a string; secrets under sensitive keys vanish.
void append_value(std::string& out, const Field& field, bool json) {
  if (is_sensitive_key(field.key)) {
    if (json) {
      append_json_string(out, kRedacted);
    } else {
      out.append(kRedacted);
    }
    return;
  }
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          const std::string clean = scrub(v);
          // Text lines quote values with spaces, quotes or '=' so they stay parseable.
          if (json || clean.empty() || clean.find_first_of(" \"=") != std::string::npos) {
            append_json_string(out, clean);
          } else {
            out.append(clean);
          }
        } else if constexpr (std::is_same_v<T, bool>) {
          out.append(v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, double>) {
          fmt::format_to(std::back_inserter(out), "{:.6g}", v);
        } else {
          fmt::format_to(std::back_inserter(out), "{}", v);
        }
      },
      field.value);
}

class StdoutSink final : public LogSink {
 public:
  StdoutSink()
      : pool_(std::make_shared<spdlog::details::thread_pool>(8192, 1)),
        logger_(std::make_shared<spdlog::async_logger>(
            "vitrine", std::make_shared<spdlog::sinks::stdout_sink_mt>(), pool_,
            spdlog::async_overflow_policy::overrun_oldest)) {
    logger_->set_pattern("%v");
    logger_->set_level(spdlog::level::trace);
    logger_->flush_on(spdlog::level::trace);
  }
  // Drain the queue and join the writer thread first: queued lines hold references to the
  // logger, and the logger must be released here, not by the writer thread.
  ~StdoutSink() override {
    logger_->flush();
    pool_.reset();
  }
  StdoutSink(const StdoutSink&) = delete;
  StdoutSink& operator=(const StdoutSink&) = delete;
  StdoutSink(StdoutSink&&) = delete;
  StdoutSink& operator=(StdoutSink&&) = delete;

  void write(Level /*level*/, std::string_view line) override {
    logger_->log(spdlog::level::info, line);
  }
  void flush() override { logger_->flush(); }
  [[nodiscard]] std::uint64_t dropped() const override { return pool_->overrun_counter(); }

 private:
  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::async_logger> logger_;
};

}  // namespace

std::string_view to_string(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

std::optional<Level> parse_level(std::string_view text) {
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (text == to_string(l)) {
      return l;
    }
  }
  return std::nullopt;
}

std::optional<Format> parse_format(std::string_view text) {
  if (text == "json") {
    return Format::kJson;
  }
  if (text == "text") {
    return Format::kText;
  }
  return std::nullopt;
}

ScopedLogContext::ScopedLogContext(const LogContext& context) : previous_(current_context) {
  current_context = &context;
}
ScopedLogContext::~ScopedLogContext() { current_context = previous_; }

std::shared_ptr<LogSink> make_stdout_sink() { return std::make_shared<StdoutSink>(); }

Logger::Logger(std::string name, std::shared_ptr<LogSink> sink, Level min_level, Format format)
    : name_(std::move(name)), sink_(std::move(sink)), min_level_(min_level), format_(format) {}

Logger Logger::child(std::string_view name) const {
  return {std::string(name), sink_, min_level_, format_};
}

void Logger::log(Level level, std::string_view msg, std::initializer_list<Field> fields) const {
  if (!enabled(level)) {
    return;
  }
  sink_->write(level, format(level, msg, fields));
}

std::string Logger::format(Level level, std::string_view msg,
                           std::initializer_list<Field> fields) const {
  std::string out;
  out.reserve(256);
  const LogContext* ctx = current_context;
  if (format_ == Format::kJson) {
    out.append(R"({"ts":")");
    append_timestamp(out);
    out.append(R"(","level":")").append(to_string(level)).append(R"(","logger":)");
    append_json_string(out, name_);
    out.append(R"(,"msg":)");
    append_json_string(out, scrub(msg));
    if (ctx != nullptr) {
      out.append(R"(,"request_id":)");
      append_json_string(out, ctx->request_id);
      out.append(R"(,"trace_id":")").append(ctx->trace_id);
      out.append(R"(","span_id":")").append(ctx->span_id).append("\"");
    }
    for (const Field& f : fields) {
      out.push_back(',');
      append_json_string(out, f.key);
      out.push_back(':');
      append_value(out, f, true);
    }
    out.push_back('}');
    return out;
  }
  append_timestamp(out);
  fmt::format_to(std::back_inserter(out), " {:<5} {} {}", to_string(level), name_, scrub(msg));
  if (ctx != nullptr) {
    fmt::format_to(std::back_inserter(out), " request_id={} trace_id={}", scrub(ctx->request_id),
                   ctx->trace_id);
  }
  for (const Field& f : fields) {
    out.push_back(' ');
    out.append(f.key);
    out.push_back('=');
    append_value(out, f, false);
  }
  return out;
}

}  // namespace vitrine::obs
