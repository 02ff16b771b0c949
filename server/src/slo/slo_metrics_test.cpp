// The SLO metrics on a real SQLite store and registry: the error-budget gauge per SLO and
// the latency SLOs' check counters.
#include <gtest/gtest.h>

#include "checks/slo_counters.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "slo/evaluations.hpp"
#include "testing/memory_sink.hpp"
#include "testing/test_store.hpp"
#include "testing/wait.hpp"
#include "util/time.hpp"

namespace vitrine::slo {
namespace {

using vitrine::testing::audit_record;

domain::Slo slo_on(const std::string& monitor_id, domain::SloKind kind) {
  domain::Slo s;
  s.id = util::uuid_v7();
  s.monitor_id = monitor_id;
  s.name = "s";
  s.kind = kind;
  s.objective = 0.99;
  s.threshold_ms = kind == domain::SloKind::kLatency ? 300 : 0;
  s.version = 1;
  return s;
}

TEST(SloMetrics, the_budget_gauge_shows_each_slos_remaining_ratio) {
  const vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir);
  domain::Monitor m;
  m.id = util::uuid_v7();
  m.name = "m";
  m.target = "http://127.0.0.1:9/";
  m.version = 1;
  store->monitors().insert(m, audit_record());
  const domain::Slo s = slo_on(m.id, domain::SloKind::kAvailability);
  store->slos().insert(s, audit_record());
  // The last hour: 54 minutes up, 6 down: 10 % bad against 1 % allowed, 10 budgets spent.
  const std::int64_t now = util::now_us();
  store->results().append(
      {},
      std::vector<domain::StateSpan>{
          {m.id, now - 3'600'000'000, now - 360'000'000, domain::MonitorState::kUp, std::nullopt},
          {m.id, now - 360'000'000, now, domain::MonitorState::kDown, std::nullopt}},
      {}, {});

  obs::MetricsRegistry registry("0", "c");
  const obs::Logger log("test", std::make_shared<vitrine::testing::MemorySink>(),
                        obs::Level::kError, obs::Format::kJson);
  const std::string line = "vitrine_slo_error_budget_remaining_ratio{slo=\"" + s.id + "\"} ";
  const auto evaluations = std::make_shared<Evaluations>(*store, log);
  const auto gauges = start_evaluations(evaluations, registry, std::chrono::hours(1));
  ASSERT_TRUE(vitrine::testing::wait_for(
      [&] { return registry.render().find(line) != std::string::npos; }, std::chrono::seconds(5)));
  const std::string text = registry.render();
  const double value = std::stod(text.substr(text.find(line) + line.size()));
  EXPECT_NEAR(value, 1.0 - 10.0, 1e-6);
  // The same evaluation, whole, for the status document.
  const auto latest = evaluations->latest();
  ASSERT_NE(latest, nullptr);
  ASSERT_EQ(latest->slos.size(), 1U);
  EXPECT_EQ(latest->slos[0].slo.id, s.id);
  EXPECT_EQ(latest->slos[0].report.state, domain::SloState::kExhausted);
}

TEST(SloMetrics, latency_slos_count_good_and_bad_checks_and_forget_deleted_ones) {
  obs::MetricsRegistry registry("0", "c");
  checks::SloCounters counters(registry);
  const domain::Slo fast = slo_on("m", domain::SloKind::kLatency);
  counters.set({fast, slo_on("m", domain::SloKind::kAvailability)});
  const auto check = [](domain::CheckState state, std::int64_t total_ms) {
    domain::CheckResult r;
    r.monitor_id = "m";
    r.state = state;
    r.timings.total_us = total_ms * 1000;
    return r;
  };
  counters.count(check(domain::CheckState::kUp, 300));        // at the threshold: good
  counters.count(check(domain::CheckState::kDegraded, 120));  // degraded is an answer: good
  counters.count(check(domain::CheckState::kUp, 301));        // slow
  counters.count(check(domain::CheckState::kDown, 2));        // failed
  domain::CheckResult other = check(domain::CheckState::kDown, 1);
  other.monitor_id = "another";  // no SLO: not counted
  counters.count(other);
  const std::string text = registry.render();
  const std::string series = "vitrine_slo_checks_total{outcome=\"";
  EXPECT_NE(text.find(series + "good\",slo=\"" + fast.id + "\"} 2"), std::string::npos) << text;
  EXPECT_NE(text.find(series + "bad\",slo=\"" + fast.id + "\"} 2"), std::string::npos) << text;
  EXPECT_EQ(text.find("outcome=\"good\",slo=\"" + fast.id + "\"} 3"), std::string::npos);

  counters.set({});
  EXPECT_EQ(registry.render().find(fast.id), std::string::npos);
}

}  // namespace
}  // namespace vitrine::slo
