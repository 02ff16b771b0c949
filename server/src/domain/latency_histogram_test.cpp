#include "domain/latency_histogram.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

TEST(LatencyHistogram, a_bound_belongs_to_its_own_bucket) {
  LatencyHistogram h;
  h.add(300'000);  // exactly 300 ms
  h.add(300'001);  // just above
  EXPECT_EQ(h.count_at_most(300), 1U);
  EXPECT_EQ(h.count_at_most(400), 2U);
  EXPECT_EQ(h.count_at_most(250), 0U);
  EXPECT_EQ(h.count(), 2U);
}

TEST(LatencyHistogram, quantiles_interpolate_within_the_bucket) {
  LatencyHistogram h;
  for (int i = 0; i < 4; ++i) {
    h.add(120'000);  // (100, 150] ms
  }
  // rank 2 of 4 in the only bucket: halfway between 100 and 150.
  EXPECT_DOUBLE_EQ(*h.quantile(0.5), 125.0);
  EXPECT_DOUBLE_EQ(*h.quantile(1.0), 150.0);
  h.add(900'000'000);  // 15 minutes: above every bound
  EXPECT_DOUBLE_EQ(*h.quantile(1.0), 120'000.0);
  EXPECT_FALSE(LatencyHistogram().quantile(0.5).has_value());
}

TEST(LatencyHistogram, merges_and_round_trips_through_its_text) {
  LatencyHistogram a;
  a.add(500);
  a.add(42'000, 3);
  LatencyHistogram b;
  b.add(42'000);
  a.merge(b);
  EXPECT_EQ(a.count(), 5U);
  EXPECT_EQ(a.encode(), "0:1,12:4");
  EXPECT_EQ(LatencyHistogram::parse(a.encode()), a);
  EXPECT_EQ(LatencyHistogram::parse(""), LatencyHistogram());
}

TEST(LatencyHistogram, rejects_text_it_did_not_write) {
  for (const char* bad : {"x", "1", "1:", ":1", "1:0", "38:1", "1:1,", "1:-1", "99999999999:1"}) {
    EXPECT_FALSE(LatencyHistogram::parse(bad).has_value()) << bad;
  }
}

TEST(LatencyHistogram, slo_thresholds_must_be_bounds) {
  EXPECT_TRUE(LatencyHistogram::is_bound(300));
  EXPECT_TRUE(LatencyHistogram::is_bound(1000));
  EXPECT_FALSE(LatencyHistogram::is_bound(301));
}

}  // namespace
}  // namespace vitrine::domain
