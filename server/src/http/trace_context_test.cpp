#include "http/trace_context.hpp"

#include <gtest/gtest.h>

namespace vitrine::http {
namespace {

constexpr std::string_view kValid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

TEST(Traceparent, parses_the_w3c_example) {
  const auto p = parse_traceparent(kValid);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(p->parent_span_id, "b7ad6b7169203331");
  EXPECT_TRUE(p->sampled);
  EXPECT_FALSE(
      parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")->sampled);
}

TEST(Traceparent, rejects_malformed_values) {
  for (const char* bad : {
           "",
           "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",        // no flags
           "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",     // uppercase
           "00-00000000000000000000000000000000-b7ad6b7169203331-01",     // zero trace id
           "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",     // zero parent
           "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",     // version ff
           "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-xx",  // v00 with extra
           "00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",     // separator
           "00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01",     // non-hex
       }) {
    EXPECT_FALSE(parse_traceparent(bad).has_value()) << bad;
  }
}

TEST(Traceparent, accepts_future_versions_by_their_prefix) {
  EXPECT_TRUE(parse_traceparent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra")
                  .has_value());
  EXPECT_FALSE(
      parse_traceparent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x").has_value());
}

TEST(TraceContext, continues_a_valid_trace_with_a_new_span) {
  const TraceContext ctx = make_trace_context(kValid);
  EXPECT_EQ(ctx.trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(ctx.parent_span_id, "b7ad6b7169203331");
  EXPECT_EQ(ctx.span_id.size(), 16U);
  EXPECT_NE(ctx.span_id, "b7ad6b7169203331");
  EXPECT_EQ(ctx.traceparent(), "00-0af7651916cd43dd8448eb211c80319c-" + ctx.span_id + "-01");
}

TEST(TraceContext, starts_a_new_trace_on_missing_or_bad_header) {
  const TraceContext a = make_trace_context(std::nullopt);
  const TraceContext b = make_trace_context("garbage");
  EXPECT_EQ(a.trace_id.size(), 32U);
  EXPECT_TRUE(a.parent_span_id.empty());
  EXPECT_NE(a.trace_id, b.trace_id);
  EXPECT_TRUE(parse_traceparent(a.traceparent()).has_value());
}

}  // namespace
}  // namespace vitrine::http
