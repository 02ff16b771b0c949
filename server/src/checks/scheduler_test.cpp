// The scheduler on a real event loop, with a checker the test completes by hand: how many
// checks run at once, what runs again and when.
#include "checks/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>

#include "checks/check_metrics.hpp"
#include "checks/checker.hpp"
#include "checks/curl_engine.hpp"
#include "checks/maintenance_calendar.hpp"
#include "obs/metrics.hpp"
#include "testing/wait.hpp"
#include "util/uuid.hpp"

namespace vitrine::checks {
namespace {

using namespace std::chrono_literals;

// Records every check started and holds its completion until the test finishes it.
class HeldChecker final : public Checker {
 public:
  void check(const domain::Monitor& monitor, Done done) override {
    std::lock_guard lock(mutex_);
    started_.push_back(monitor.id);
    held_.emplace_back(monitor.id, std::move(done));
    changed_.notify_all();
  }

  // Waits until `n` checks have started; false after 5 s.
  bool wait_started(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return started_.size() >= n; });
  }

  std::size_t started() {
    std::lock_guard lock(mutex_);
    return started_.size();
  }

  std::vector<std::string> started_ids() {
    std::lock_guard lock(mutex_);
    return started_;
  }

  // Completes the oldest held check with `state`, on the loop thread.
  void finish_one(CurlEngine& engine, domain::CheckState state) { finish(engine, "", state); }

  // Completes the held check of monitor `id` (empty: the oldest).
  void finish(CurlEngine& engine, const std::string& id, domain::CheckState state) {
    std::pair<std::string, Done> next;
    {
      std::lock_guard lock(mutex_);
      auto it = std::find_if(held_.begin(), held_.end(),
                             [&](const auto& h) { return id.empty() || h.first == id; });
      next = std::move(*it);
      held_.erase(it);
    }
    engine.post([next = std::move(next), state] {
      domain::CheckResult r;
      r.monitor_id = next.first;
      r.state = state;
      next.second(r);
    });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> started_;
  std::vector<std::pair<std::string, Done>> held_;
};

domain::Monitor monitor(std::int64_t interval_s = 60) {
  domain::Monitor m;
  m.id = util::uuid_v7();
  m.kind = domain::MonitorKind::kHttp;
  m.target = "http://127.0.0.1:9/";
  m.interval_s = interval_s;
  m.version = 1;
  return m;
}

struct Fixture {
  explicit Fixture(SchedulerOptions options)
      : checks(registry),
        scheduler(
            engine, checker, checks, calendar,
            [this](const domain::Monitor&, const Checked& checked) {
              std::lock_guard lock(mutex);
              statuses.push_back(checked.status);
            },
            options) {
    engine.start();
  }
  ~Fixture() { engine.stop(); }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
  Fixture(Fixture&&) = delete;
  Fixture& operator=(Fixture&&) = delete;

  obs::MetricsRegistry registry{"0", "c"};
  CheckMetrics checks;
  MaintenanceCalendar calendar;
  CurlEngine engine;
  HeldChecker checker;
  std::mutex mutex;
  std::vector<domain::MonitorStatus> statuses;
  Scheduler scheduler;
};

TEST(SpreadOffset, spreads_ten_thousand_monitors_evenly_over_the_interval) {
  constexpr int kMonitors = 10'000;
  constexpr int kBuckets = 60;
  std::vector<int> per_second(kBuckets, 0);
  for (int i = 0; i < kMonitors; ++i) {
    const std::string id = util::uuid_v7();
    const auto offset = spread_offset(id, 60s);
    ASSERT_GE(offset.count(), 0);
    ASSERT_LT(offset.count(), 60'000);
    ASSERT_EQ(offset, spread_offset(id, 60s));  // the same on every replica and restart
    ++per_second[static_cast<std::size_t>(offset.count() / 1000)];
  }
  const double mean = static_cast<double>(kMonitors) / kBuckets;  // 166.7
  for (int count : per_second) {
    EXPECT_GT(count, mean * 0.6);
    EXPECT_LT(count, mean * 1.4);
  }
}

TEST(Scheduler, never_runs_more_checks_at_once_than_the_concurrency) {
  Fixture f({3, 10s, 0ms});
  for (int i = 0; i < 10; ++i) {
    f.scheduler.upsert(monitor());
  }
  ASSERT_TRUE(f.checker.wait_started(3));
  // The others are due now too; they queue once the loop's timer has fired for them.
  ASSERT_TRUE(vitrine::testing::wait_for([&] { return f.scheduler.stats().waiting == 7U; }, 5s));
  const SchedulerStats stats = f.scheduler.stats();
  EXPECT_EQ(stats.monitors, 10U);
  EXPECT_EQ(stats.running, 3U);
  EXPECT_EQ(f.checker.started(), 3U);
  f.checker.finish_one(f.engine, domain::CheckState::kUp);
  ASSERT_TRUE(f.checker.wait_started(4));
  EXPECT_EQ(f.scheduler.stats().running, 3U);
}

TEST(Scheduler, a_hanging_check_does_not_hold_up_the_others) {
  Fixture f({2, 10s, 0ms});
  const domain::Monitor hanging = monitor();
  f.scheduler.upsert(hanging);
  ASSERT_TRUE(f.checker.wait_started(1));  // held: it never finishes in this test
  for (int i = 0; i < 3; ++i) {
    const domain::Monitor quick = monitor();
    f.scheduler.upsert(quick);
    ASSERT_TRUE(f.checker.wait_started(static_cast<std::size_t>(i) + 2));
    f.checker.finish(f.engine, quick.id, domain::CheckState::kUp);
  }
  EXPECT_EQ(f.checker.started(), 4U);
  EXPECT_EQ(f.scheduler.stats().running, 1U);  // only the hanging one
}

TEST(Scheduler, a_failed_check_is_retried_before_the_interval) {
  Fixture f({10, 50ms, 0ms});
  domain::Monitor m = monitor(3600);
  m.retries = 1;
  f.scheduler.upsert(m);
  ASSERT_TRUE(f.checker.wait_started(1));
  f.checker.finish_one(f.engine, domain::CheckState::kDown);
  // The interval is an hour: only the retry can start a second check now.
  ASSERT_TRUE(f.checker.wait_started(2));
  f.checker.finish_one(f.engine, domain::CheckState::kDown);
  EXPECT_EQ(f.scheduler.stats().running, 0U);  // the loop answered: the completion ran
  std::lock_guard lock(f.mutex);
  ASSERT_EQ(f.statuses.size(), 2U);
  EXPECT_EQ(f.statuses[0].state, domain::MonitorState::kPending);
  EXPECT_EQ(f.statuses[1].state, domain::MonitorState::kDown);
}

TEST(Scheduler, a_change_while_running_runs_again_and_a_removal_stops) {
  Fixture f({10, 10s, 0ms});
  domain::Monitor m = monitor(3600);
  f.scheduler.upsert(m);
  ASSERT_TRUE(f.checker.wait_started(1));
  m.version = 2;
  f.scheduler.upsert(m);
  f.checker.finish_one(f.engine, domain::CheckState::kUp);
  ASSERT_TRUE(f.checker.wait_started(2));  // the new settings are checked at once
  f.scheduler.remove(m.id);
  f.checker.finish_one(f.engine, domain::CheckState::kUp);
  EXPECT_EQ(f.scheduler.stats().monitors, 0U);
  EXPECT_EQ(f.checker.started(), 2U);
}

TEST(Scheduler, replace_all_drops_missing_and_disabled_monitors) {
  Fixture f({10, 10s, 0ms});
  const domain::Monitor a = monitor();
  domain::Monitor b = monitor();
  domain::Monitor push = monitor();
  push.kind = domain::MonitorKind::kPush;
  f.scheduler.replace_all({a, b, push}, {}, f.scheduler.changes());
  EXPECT_EQ(f.scheduler.stats().monitors, 3U);
  b.enabled = false;
  b.version = 2;
  f.scheduler.replace_all({b}, {}, f.scheduler.changes());
  EXPECT_EQ(f.scheduler.stats().monitors, 0U);
}

TEST(Scheduler, a_store_read_older_than_an_api_change_does_not_undo_it) {
  Fixture f({10, 10s, 0ms});
  const domain::Monitor kept = monitor();
  const domain::Monitor gone = monitor();
  f.scheduler.replace_all({kept, gone}, {}, f.scheduler.changes());
  // A reload reads the store; meanwhile the API creates two monitors and deletes one.
  const std::uint64_t before_read = f.scheduler.changes();
  const domain::Monitor created = monitor();
  const domain::Monitor also_created = monitor();
  f.scheduler.upsert(created);
  f.scheduler.upsert(also_created);
  f.scheduler.remove(gone.id);
  f.scheduler.replace_all({kept, gone}, {}, before_read);  // the read saw none of that
  EXPECT_EQ(f.scheduler.stats().monitors, 3U);             // kept and the two created
  // Later reads show the changes and settle it, also when another replica deletes.
  f.scheduler.replace_all({kept, created, also_created}, {}, f.scheduler.changes());
  EXPECT_EQ(f.scheduler.stats().monitors, 3U);
  f.scheduler.replace_all({kept}, {}, f.scheduler.changes());
  EXPECT_EQ(f.scheduler.stats().monitors, 1U);
}

TEST(Scheduler, a_push_monitor_is_down_when_its_beat_is_late_and_up_on_the_next) {
  Fixture f({10, 10s, 0ms});
  domain::Monitor push = monitor(1);
  push.kind = domain::MonitorKind::kPush;
  push.timeout_ms = 100;
  push.retries = 0;
  domain::CheckResult beat;
  beat.monitor_id = push.id;
  beat.at_us = 1;
  f.scheduler.heartbeat(push, beat);
  const auto statuses = [&f] {
    std::lock_guard lock(f.mutex);
    return f.statuses;
  };
  // No further beat: 1.1 s later the deadline records a missed one.
  ASSERT_TRUE(vitrine::testing::wait_for([&] { return statuses().size() >= 2; }, 5s));
  EXPECT_EQ(statuses()[0].state, domain::MonitorState::kUp);
  EXPECT_EQ(statuses()[1].state, domain::MonitorState::kDown);
  f.scheduler.heartbeat(push, beat);
  ASSERT_TRUE(vitrine::testing::wait_for([&] { return statuses().size() >= 3; }, 5s));
  EXPECT_EQ(statuses()[2].state, domain::MonitorState::kUp);
  EXPECT_EQ(f.checker.started(), 0U);  // push monitors are never run
}

}  // namespace
}  // namespace vitrine::checks
