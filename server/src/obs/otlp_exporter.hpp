#pragma once
// Exports finished spans over OTLP/HTTP with JSON encoding (POST <endpoint>/v1/traces),
// from a thread of its own. Requests only ever queue a span: a full queue drops it and
// counts the drop, so a slow or absent collector never slows a request. Batches go out
// when full or every interval; a failed batch is retried with exponential backoff
// (connection errors and 429/502/503/504, honouring Retry-After), then dropped and counted.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "obs/log.hpp"
#include "obs/otlp_json.hpp"
#include "obs/tracing.hpp"

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace vitrine::obs {

class MetricsRegistry;

struct ExporterOptions {
  std::string endpoint;  // the collector's base URL; spans go to endpoint + "/v1/traces"
  std::size_t queue_capacity = 2048;
  std::size_t batch_size = 512;
  std::chrono::milliseconds interval{1000};   // the longest a span waits for its batch
  std::chrono::milliseconds timeout{10'000};  // per POST
  int max_attempts = 5;
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{30'000};
};

// The exporter's counters on /metrics (registered whether or not an endpoint is set, so
// dashboards and alerts always find them).
class TraceMetrics {
 public:
  explicit TraceMetrics(MetricsRegistry& registry);
  prometheus::Counter& exported;
  prometheus::Counter& dropped_queue_full;
  prometheus::Counter& dropped_export_failed;
  prometheus::Gauge& queued;
};

class OtlpExporter final : public SpanSink {
 public:
  OtlpExporter(ExporterOptions options, TraceResource resource, TraceMetrics& metrics,
               const Logger& logger);
  // Sends what is queued (one attempt, bounded by the timeout) and stops the thread.
  ~OtlpExporter() override;
  OtlpExporter(const OtlpExporter&) = delete;
  OtlpExporter& operator=(const OtlpExporter&) = delete;
  OtlpExporter(OtlpExporter&&) = delete;
  OtlpExporter& operator=(OtlpExporter&&) = delete;

  void submit(SpanData span) override;

 private:
  // What one POST came to.
  struct Attempt {
    bool delivered = false;
    bool retry = false;
    std::chrono::milliseconds retry_after{0};  // from the collector's Retry-After, if any
    std::string error;
  };

  void run();
  void export_batch(const std::vector<SpanData>& batch, bool final);
  [[nodiscard]] Attempt post(const std::string& body);  // exporter thread only
  // Waits `delay` unless stopping; false when stopping.
  bool wait_unless_stopping(std::chrono::milliseconds delay);

  const ExporterOptions options_;
  const TraceResource resource_;
  const std::string url_;
  TraceMetrics& metrics_;
  Logger log_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<SpanData> queue_;
  bool stopping_ = false;
  bool failing_ = false;  // the last batch failed: log the next success once
  struct EasyDeleter {
    void operator()(void* easy) const;
  };
  std::unique_ptr<void, EasyDeleter> easy_;  // the exporter thread's curl handle (CURL*)
  std::thread thread_;
};

}  // namespace vitrine::obs
