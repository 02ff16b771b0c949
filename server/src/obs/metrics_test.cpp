// The registry's scrape-time callbacks, rendered in the Prometheus text format.
#include "obs/metrics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vitrine::obs {
namespace {

TEST(MetricsRegistry, renders_callbacks_as_read_at_scrape_time) {
  MetricsRegistry registry("1.2.3", "abc");
  double queued = 3;
  std::vector<MetricsRegistry::LabelledValue> budgets{{"a", 0.5}, {"b", -2}};
  registry.add_gauge_callback("q", "Queued.", [&] { return queued; });
  registry.add_counter_callback("c_total", "Counted.", [] { return 7.0; });
  registry.add_gauge_family_callback("budget", "Left.", "slo", [&] { return budgets; });

  std::string text = registry.render();
  EXPECT_NE(text.find("vitrine_build_info{commit=\"abc\",version=\"1.2.3\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE q gauge\nq 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE c_total counter\nc_total 7\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE budget gauge\nbudget{slo=\"a\"} 0.5\nbudget{slo=\"b\"} -2\n"),
            std::string::npos)
      << text;

  queued = 4;
  budgets = {{"b", 1}};  // a series gone from the read is gone from the next scrape
  text = registry.render();
  EXPECT_NE(text.find("q 4\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("slo=\"a\""), std::string::npos) << text;
  EXPECT_NE(text.find("budget{slo=\"b\"} 1\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace vitrine::obs
