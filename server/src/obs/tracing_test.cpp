#include "obs/tracing.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "obs/ids.hpp"

namespace vitrine::obs {
namespace {

class Collect final : public SpanSink {
 public:
  void submit(SpanData span) override { spans.push_back(std::move(span)); }
  std::vector<SpanData> spans;
};

// A trace id whose last 8 bytes are `low` (big-endian hex).
std::string trace_with_low_bits(std::uint64_t low) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(low));
  return std::string(16, 'a') + hex;
}

}  // namespace

TEST(Tracer, follows_a_remote_parents_decision_whatever_the_ratio) {
  Collect sink;
  const Tracer none(&sink, 0.0);
  const Tracer all(&sink, 1.0);
  const std::string id = random_hex(16);
  EXPECT_TRUE(none.sampled(id, true));
  EXPECT_FALSE(all.sampled(id, false));
}

TEST(Tracer, samples_new_traces_by_the_ids_last_eight_bytes_against_the_ratio) {
  Collect sink;
  const Tracer quarter(&sink, 0.25);
  // ratio * 2^63 is the bound for the id's low 64 bits shifted right by one.
  EXPECT_TRUE(quarter.sampled(trace_with_low_bits(0), std::nullopt));
  EXPECT_TRUE(quarter.sampled(trace_with_low_bits((std::uint64_t{1} << 62U) - 1), std::nullopt));
  EXPECT_FALSE(quarter.sampled(trace_with_low_bits(std::uint64_t{1} << 62U), std::nullopt));
  EXPECT_FALSE(quarter.sampled(trace_with_low_bits(~std::uint64_t{0}), std::nullopt));
  EXPECT_TRUE(Tracer(&sink, 1.0).sampled(trace_with_low_bits(~std::uint64_t{0}), std::nullopt));
  EXPECT_FALSE(Tracer(&sink, 0.0).sampled(trace_with_low_bits(0), std::nullopt));
}

TEST(Tracer, keeps_close_to_the_ratio_of_random_traces) {
  Collect sink;
  const Tracer tenth(&sink, 0.1);
  int kept = 0;
  for (int i = 0; i < 20000; ++i) {
    kept += tenth.sampled(random_hex(16), std::nullopt) ? 1 : 0;
  }
  // Binomial(20000, 0.1): mean 2000, sd 42; 6 sd either side.
  EXPECT_GT(kept, 1750);
  EXPECT_LT(kept, 2250);
}

TEST(Span, records_name_ids_attributes_status_and_duration_when_sampled) {
  Collect sink;
  const Tracer tracer(&sink, 1.0);
  {
    Span span = tracer.start("GET", SpanKind::kServer, std::string(32, 'a'), std::string(16, 'b'),
                             std::string(16, 'c'), true);
    ASSERT_TRUE(span.recording());
    EXPECT_EQ(span.traceparent(),
              "00-" + std::string(32, 'a') + "-" + std::string(16, 'b') + "-01");
    span.set_name("GET /api/v1/projects");
    span.set("http.response.status_code", std::int64_t{200});
    span.set_status(SpanStatus::kError, "broken");
  }
  ASSERT_EQ(sink.spans.size(), 1U);
  const SpanData& s = sink.spans[0];
  EXPECT_EQ(s.name, "GET /api/v1/projects");
  EXPECT_EQ(s.parent_span_id, std::string(16, 'c'));
  EXPECT_EQ(s.kind, SpanKind::kServer);
  EXPECT_EQ(s.status, SpanStatus::kError);
  EXPECT_EQ(s.status_message, "broken");
  EXPECT_GE(s.end_unix_ns, s.start_unix_ns);
  EXPECT_GT(s.start_unix_ns, 1'700'000'000'000'000'000);
  ASSERT_EQ(s.attributes.size(), 1U);
  EXPECT_EQ(std::get<std::int64_t>(s.attributes[0].value), 200);
}

TEST(Span, unsampled_or_disabled_spans_record_nothing) {
  Collect sink;
  {
    Span a =
        Tracer(&sink, 1.0).start("x", SpanKind::kServer, random_hex(16), random_hex(8), {}, false);
    Span b = Tracer(nullptr, 1.0).start_root("y", SpanKind::kClient);
    EXPECT_FALSE(a.recording());
    EXPECT_FALSE(b.recording());
    EXPECT_EQ(a.traceparent(), "");
    a.set("k", true);
    Span child = a.child("z", SpanKind::kClient);
    EXPECT_FALSE(child.recording());
  }
  EXPECT_TRUE(sink.spans.empty());
}

TEST(Span, children_of_the_current_span_share_its_trace_and_name_it_as_parent) {
  Collect sink;
  const Tracer tracer(&sink, 1.0);
  EXPECT_FALSE(child_of_current("outside", SpanKind::kClient).recording());
  {
    Span request = tracer.start_root("GET", SpanKind::kServer);
    const ScopedSpan scope(request);
    Span db = child_of_current("read sqlite", SpanKind::kClient);
    ASSERT_TRUE(db.recording());
    EXPECT_EQ(db.trace_id(), request.trace_id());
    db.end();
    ASSERT_EQ(sink.spans.size(), 1U);
    EXPECT_EQ(sink.spans[0].parent_span_id, request.span_id());
    EXPECT_NE(sink.spans[0].span_id, request.span_id());
  }
  EXPECT_EQ(sink.spans.size(), 2U);
  EXPECT_FALSE(child_of_current("after", SpanKind::kClient).recording());
}

TEST(Span, is_marked_failed_when_left_by_an_exception_and_dropped_when_discarded) {
  Collect sink;
  const Tracer tracer(&sink, 1.0);
  try {
    Span span = tracer.start_root("write sqlite", SpanKind::kClient);
    const ErrorOnUnwind failed(span);
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  {
    Span ok = tracer.start_root("read sqlite", SpanKind::kClient);
    const ErrorOnUnwind failed(ok);
  }
  {
    Span gone = tracer.start_root("again", SpanKind::kServer);
    gone.discard();
  }
  ASSERT_EQ(sink.spans.size(), 2U);
  EXPECT_EQ(sink.spans[0].status, SpanStatus::kError);
  EXPECT_EQ(sink.spans[1].status, SpanStatus::kUnset);
}

}  // namespace vitrine::obs
