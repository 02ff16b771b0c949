// Monitors and results on a real SQLite store (PostgreSQL: tests/test_monitors.py).
#include <gtest/gtest.h>

#include "testing/test_store.hpp"
#include "util/time.hpp"

namespace vitrine::store {
namespace {

using vitrine::testing::audit_record;

domain::Monitor monitor(const std::string& name) {
  domain::Monitor m;
  m.id = util::uuid_v7();
  m.name = name;
  m.target = "http://127.0.0.1:9/";
  m.http.headers = {{"Authorization", "Bearer s"}};
  m.http.accepted_status = {{200, 204}, {301, 302}};
  m.http.json_pointer = "/ok";
  m.http.json_equals = "true";
  m.tls_verify = false;
  m.version = 1;
  return m;
}

domain::CheckResult result(const std::string& monitor_id, std::int64_t at_us,
                           domain::CheckState state) {
  domain::CheckResult r;
  r.monitor_id = monitor_id;
  r.at_us = at_us;
  r.state = state;
  r.timings = {100, 200, -1, 300, 700};
  r.status_code = state == domain::CheckState::kUp ? 200 : 0;
  if (state == domain::CheckState::kDown) {
    r.error = domain::CheckError::kTimeout;
    r.message = "timed out";
  }
  return r;
}

TEST(MonitorStore, round_trips_every_field_and_pages_by_id) {
  const vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir);
  domain::Monitor a = monitor("a");
  store->monitors().insert(a, audit_record());
  const domain::Monitor b = monitor("b");
  store->monitors().insert(b, audit_record());
  const auto found = store->monitors().find(a.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->http, a.http);
  EXPECT_FALSE(found->tls_verify);
  EXPECT_EQ(found->name, "a");
  MonitorQuery q;
  q.limit = 1;
  const MonitorPage first = store->monitors().list(q);
  ASSERT_EQ(first.items.size(), 1U);
  EXPECT_TRUE(first.has_more);
  q.after = first.items.back().id;
  EXPECT_EQ(store->monitors().list(q).items.front().id, b.id);
  a.name = "renamed";
  a.version = 2;
  EXPECT_EQ(store->monitors().update(a, 1, audit_record()), WriteOutcome::kDone);
  EXPECT_EQ(store->monitors().update(a, 1, audit_record()), WriteOutcome::kStale);
  EXPECT_EQ(store->monitors().all().size(), 2U);
}

TEST(ResultStore, stores_results_newest_first_and_drops_those_of_deleted_monitors) {
  const vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir);
  const domain::Monitor m = monitor("m");
  store->monitors().insert(m, audit_record());
  std::vector<domain::CheckResult> results;
  for (std::int64_t i = 1; i <= 5; ++i) {
    results.push_back(
        result(m.id, i * 1000, i == 3 ? domain::CheckState::kDown : domain::CheckState::kUp));
  }
  results.push_back(result(util::uuid_v7(), 1000, domain::CheckState::kUp));  // no monitor
  domain::MonitorStatus status;
  status.monitor_id = m.id;
  status.state = domain::MonitorState::kUp;
  status.since_us = 4000;
  status.last_check_us = 5000;
  store->results().append(results, {}, {&status, 1}, {});

  ResultQuery q;
  q.monitor_id = m.id;
  q.limit = 2;
  ResultPage page = store->results().list(q);
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_TRUE(page.has_more);
  EXPECT_EQ(page.items[0].at_us, 5000);
  EXPECT_EQ(page.items[0].timings, results[4].timings);
  q.before_us = page.items.back().at_us;
  page = store->results().list(q);
  EXPECT_EQ(page.items[0].at_us, 3000);
  EXPECT_EQ(page.items[0].error, domain::CheckError::kTimeout);
  EXPECT_EQ(page.items[0].message, "timed out");
  EXPECT_EQ(page.items[0].timings.tls_us, -1);
  q = {m.id, 2000, 4000, std::nullopt, 100};
  EXPECT_EQ(store->results().list(q).items.size(), 2U);  // from inclusive, to exclusive

  EXPECT_EQ(store->results().status(m.id), status);
  EXPECT_EQ(store->results().statuses_between(m.id, m.id), std::vector{status});
  EXPECT_EQ(store->results().purge({2500, 0, 0}), 2U);
  EXPECT_EQ(store->monitors().remove(m.id, std::nullopt, audit_record()), WriteOutcome::kDone);
  EXPECT_FALSE(store->results().status(m.id));
  q = {m.id, std::nullopt, std::nullopt, std::nullopt, 100};
  EXPECT_TRUE(store->results().list(q).items.empty());
}

TEST(ResultStore, adds_rollups_across_batches_and_purges_them_by_resolution) {
  const vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir);
  const domain::Monitor m = monitor("m");
  const domain::Monitor other = monitor("other");
  store->monitors().insert(m, audit_record());
  store->monitors().insert(other, audit_record());
  constexpr std::int64_t kHour = 3'600'000'000;
  const std::int64_t t0 = 1000 * kHour;  // a whole hour
  const std::vector first{result(m.id, t0 + 10'000'000, domain::CheckState::kUp)};
  const std::vector<domain::StateSpan> spans{
      {m.id, t0, t0 + 90'000'000, domain::MonitorState::kDown, std::nullopt}};
  store->results().append(first, spans, {}, {});
  // A second batch in the same hour adds to the stored row (read, merge, write back).
  const std::vector second{result(m.id, t0 + 70'000'000, domain::CheckState::kDown),
                           result(other.id, t0 + kHour, domain::CheckState::kUp)};
  store->results().append(second, {}, {}, {});

  const auto hours = store->results().rollups(m.id, domain::Resolution::kHour, t0, t0 + kHour);
  ASSERT_EQ(hours.size(), 1U);
  EXPECT_EQ(hours[0].start_us, t0);
  EXPECT_EQ(hours[0].rollup.checks, 2);
  EXPECT_EQ(hours[0].rollup.down, 1);
  EXPECT_EQ(hours[0].rollup.down_ms, 90'000);
  EXPECT_EQ(hours[0].rollup.latency.count(), 1U);
  const auto minutes = store->results().rollups(m.id, domain::Resolution::kMinute, t0, t0 + kHour);
  ASSERT_EQ(minutes.size(), 2U);
  EXPECT_EQ(minutes[0].rollup.down_ms, 60'000);
  EXPECT_EQ(minutes[1].rollup.down_ms, 30'000);
  EXPECT_EQ(minutes[1].rollup.checks, 1);

  const auto totals = store->results().hourly_totals_since(t0 + kHour);
  ASSERT_EQ(totals.size(), 1U);  // m has no hour from then on
  EXPECT_EQ(totals.at(other.id).checks, 1);
  EXPECT_EQ(store->results().hourly_totals_since(t0).at(m.id).down_ms, 90'000);

  // Minute rollups older than t0 + 1 min and hour rollups older than t0 go.
  EXPECT_EQ(store->results().purge({0, t0 + 60'000'000, t0}), 1U);
  EXPECT_EQ(store->results().rollups(m.id, domain::Resolution::kMinute, t0, t0 + kHour).size(), 1U);
  EXPECT_EQ(store->results().purge({0, 0, t0 + kHour}), 1U);
  EXPECT_TRUE(store->results().rollups(m.id, domain::Resolution::kHour, 0, t0 + kHour).empty());
}

TEST(ResultStore, adding_rollups_leaves_no_stale_read_snapshot_on_the_connection) {
  const vitrine::testing::TempDir dir;
  // One connection: the read after the write runs on the connection that wrote.
  StoreOptions one;
  one.url = parse_database_url("sqlite://" + dir.file("vitrine.db")).value();
  one.pool_size = 1;
  const auto store = open_store(one);
  store->migrate(true);
  const auto other = open_store(one);  // another process, as far as SQLite is concerned
  const domain::Monitor m = monitor("m");
  store->monitors().insert(m, audit_record());
  const std::vector first{result(m.id, 60'000'000, domain::CheckState::kUp)};
  store->results().append(first, {}, {}, {});
  const std::vector again{result(m.id, 70'000'000, domain::CheckState::kUp)};
  store->results().append(again, {}, {}, {});  // the rollup exists now: read, then rewritten
  const domain::Monitor later = monitor("later");
  other->monitors().insert(later, audit_record());
  EXPECT_TRUE(store->monitors().find(later.id).has_value());
}

}  // namespace
}  // namespace vitrine::store
