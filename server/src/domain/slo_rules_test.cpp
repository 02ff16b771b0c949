// The generated rules' shape; promtool checks and runs them in tests/test_slos.py.
#include "domain/slo_rules.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(SloRules, record_every_window_and_alert_at_the_burn_thresholds) {
  Slo s;
  s.id = "01890a5d-ac96-774b-bcce-b302099a8057";
  s.monitor_id = "01890a5d-ac96-774b-bcce-b302099a8058";
  s.name = R"(API "up"\)";
  s.objective = 0.995;
  s.window_days = 28;
  const std::string yaml = prometheus_rules({s});
  for (const char* w : {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "28d"}) {
    EXPECT_NE(yaml.find(std::string("record: slo:sli_error:ratio_rate") + w + "\n"),
              std::string::npos)
        << w;
  }
  EXPECT_EQ(count(yaml, "- record: "), 12U);
  EXPECT_EQ(count(yaml, "- alert: "), 2U);
  EXPECT_NE(yaml.find("avg_over_time(vitrine_monitor_up{monitor=\"" + s.monitor_id + "\"}[5m])"),
            std::string::npos);
  // 14.4 and 6 times the 0.5 % allowed; names are quoted and escaped.
  EXPECT_NE(yaml.find("> 0.072) without (window)"), std::string::npos);
  EXPECT_NE(yaml.find("> 0.03) without (window)"), std::string::npos);
  EXPECT_NE(yaml.find("slo_name: \"API \\\"up\\\"\\\\\""), std::string::npos);
}

TEST(SloRules, latency_reads_the_slos_check_counters) {
  Slo s;
  s.id = "01890a5d-ac96-774b-bcce-b302099a8057";
  s.kind = SloKind::kLatency;
  s.threshold_ms = 300;
  const std::string yaml = prometheus_rules({s});
  EXPECT_NE(yaml.find("sum(rate(vitrine_slo_checks_total{slo=\"" + s.id +
                      "\",outcome=\"bad\"}[1h])) / sum(rate(vitrine_slo_checks_total{slo=\"" +
                      s.id + "\"}[1h]))"),
            std::string::npos);
  EXPECT_EQ(prometheus_rules({}).find("groups:\n  []\n") != std::string::npos, true);
}

}  // namespace
}  // namespace vitrine::domain
