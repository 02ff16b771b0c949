#include "obs/otlp_exporter.hpp"

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <memory>

#include "obs/ids.hpp"
#include "obs/metrics.hpp"
#include "testing/memory_sink.hpp"

namespace vitrine::obs {
namespace {

SpanData span() {
  SpanData s;
  s.trace_id = random_hex(16);
  s.span_id = random_hex(8);
  s.name = "GET";
  return s;
}

}  // namespace

// Nothing listens on port 1 of the loopback: every POST fails at once.
TEST(OtlpExporter, a_full_queue_drops_spans_and_counts_them_instead_of_waiting) {
  MetricsRegistry registry("1.0.0", "abc");
  TraceMetrics metrics(registry);
  const auto sink = std::make_shared<testing::MemorySink>();
  const Logger log("test", sink, Level::kInfo, Format::kJson);
  ExporterOptions options;
  options.endpoint = "http://127.0.0.1:1";
  options.queue_capacity = 10;
  options.batch_size = 100;                  // never reached: no batch leaves before the end
  options.interval = std::chrono::hours(1);  // nor before the interval
  {
    OtlpExporter exporter(options, TraceResource{}, metrics, log);
    for (int i = 0; i < 25; ++i) {
      exporter.submit(span());
    }
    EXPECT_EQ(metrics.dropped_queue_full.Value(), 15);
    EXPECT_EQ(metrics.dropped_export_failed.Value(), 0);
  }
  // Stopping sends what was queued once; the collector is away, so those are counted too.
  EXPECT_EQ(metrics.dropped_export_failed.Value(), 10);
  EXPECT_EQ(metrics.exported.Value(), 0);
  const auto lines = sink->lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("trace export failed"), std::string::npos) << lines.back();
  EXPECT_NE(registry.render().find("vitrine_trace_spans_dropped_total{reason=\"queue_full\"} 15"),
            std::string::npos);
}

}  // namespace vitrine::obs
