// Incidents on a real SQLite store: the events the checks write open, join and resolve
// them; pausing or deleting the monitor resolves them; lists filter and page; updates are
// audited writes. (The black-box tests run the same on PostgreSQL: tests/test_incidents.py.)
#include <gtest/gtest.h>

#include "testing/test_store.hpp"
#include "util/time.hpp"

namespace vitrine::store {
namespace {

using domain::IncidentEvent;
using domain::IncidentEventKind;
using vitrine::testing::audit_record;

domain::Monitor monitor(const std::string& name, bool is_public) {
  domain::Monitor m;
  m.id = util::uuid_v7();
  m.name = name;
  m.target = "http://127.0.0.1:9/";
  m.is_public = is_public;
  m.version = 1;
  return m;
}

IncidentEvent event(const std::string& monitor_id, IncidentEventKind kind, std::int64_t at) {
  IncidentEvent e;
  e.monitor_id = monitor_id;
  e.kind = kind;
  e.at_us = at;
  if (kind == IncidentEventKind::kDown) {
    e.error = domain::CheckError::kStatus;
    e.message = "HTTP 503";
  }
  return e;
}

class IncidentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = vitrine::testing::sqlite_store(dir_); }

  void write(const std::vector<IncidentEvent>& events) {
    store_->results().append({}, {}, {}, events);
  }

  std::vector<domain::Incident> incidents(IncidentQuery q = {}) {
    q.limit = 100;
    return store_->incidents().list(q).items;
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(IncidentStoreTest, a_down_opens_one_incident_that_later_downs_join_until_resolved) {
  const domain::Monitor m = monitor("api", true);
  store_->monitors().insert(m, audit_record());
  IncidentEvent resolved = event(m.id, IncidentEventKind::kResolved, 5000);
  resolved.recovered_at_us = 4000;
  write({event(m.id, IncidentEventKind::kDown, 1000), event(m.id, IncidentEventKind::kUp, 2000)});
  write({event(m.id, IncidentEventKind::kDown, 3000), event(m.id, IncidentEventKind::kUp, 4000),
         resolved});
  write({event(m.id, IncidentEventKind::kUp, 6000)});  // none open: changes nothing

  auto all = incidents();
  ASSERT_EQ(all.size(), 1U);
  const domain::Incident& i = all.front();
  EXPECT_EQ(i.monitor_id, m.id);
  EXPECT_EQ(i.monitor_name, "api");
  EXPECT_EQ(i.started_at_us, 1000);
  EXPECT_EQ(i.resolved_at_us, 4000);
  EXPECT_EQ(i.error, domain::CheckError::kStatus);
  EXPECT_EQ(i.message, "HTTP 503");
  ASSERT_EQ(i.timeline.size(), 5U);
  EXPECT_EQ(i.timeline[2].kind, IncidentEventKind::kDown);
  EXPECT_EQ(i.timeline[2].at_us, 3000);
  EXPECT_EQ(i.timeline[4].kind, IncidentEventKind::kResolved);

  write({event(m.id, IncidentEventKind::kDown, 7000)});  // the next outage: a new incident
  all = incidents();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all.front().started_at_us, 7000);  // newest first
  EXPECT_FALSE(all.front().resolved_at_us);
}

TEST_F(IncidentStoreTest, pausing_or_deleting_the_monitor_resolves_its_incident) {
  domain::Monitor paused = monitor("paused", true);
  const domain::Monitor deleted = monitor("deleted", true);
  store_->monitors().insert(paused, audit_record());
  store_->monitors().insert(deleted, audit_record());
  write({event(paused.id, IncidentEventKind::kDown, 1000),
         event(deleted.id, IncidentEventKind::kDown, 1000)});

  domain::MonitorStatus status;  // as the checks left it: down, in an incident
  status.monitor_id = paused.id;
  status.state = domain::MonitorState::kDown;
  status.incident_open = true;
  store_->results().append({}, {}, {&status, 1}, {});
  ASSERT_TRUE(store_->results().status(paused.id)->incident_open);

  paused.enabled = false;
  paused.version = 2;
  ASSERT_EQ(store_->monitors().update(paused, 1, audit_record()), WriteOutcome::kDone);
  ASSERT_EQ(store_->monitors().remove(deleted.id, 1, audit_record()), WriteOutcome::kDone);

  IncidentQuery open;
  open.state = IncidentState::kOpen;
  EXPECT_TRUE(incidents(open).empty());
  for (const domain::Incident& i : incidents()) {
    ASSERT_TRUE(i.resolved_at_us.has_value());
    EXPECT_GE(*i.resolved_at_us, util::now_us() - 60'000'000);
    if (i.monitor_name == "deleted") {
      EXPECT_FALSE(i.monitor_id.has_value());  // the history stays without its monitor
      EXPECT_EQ(i.timeline.back().kind, IncidentEventKind::kMonitorDeleted);
    } else {
      EXPECT_EQ(i.timeline.back().kind, IncidentEventKind::kMonitorDisabled);
      EXPECT_FALSE(store_->results().status(paused.id)->incident_open);
    }
  }
  // A stale delete changes nothing: the incident of a monitor still there stays open.
  const domain::Monitor kept = monitor("kept", false);
  store_->monitors().insert(kept, audit_record());
  write({event(kept.id, IncidentEventKind::kDown, 2000)});
  EXPECT_EQ(store_->monitors().remove(kept.id, 7, audit_record()), WriteOutcome::kStale);
  EXPECT_EQ(incidents(open).size(), 1U);
}

TEST_F(IncidentStoreTest, filters_by_state_monitor_project_time_and_visibility_and_pages) {
  domain::Project draft = vitrine::testing::project("draft");
  store_->projects().insert(draft, audit_record());
  domain::Monitor shown = monitor("shown", true);
  shown.project_id = draft.id;
  const domain::Monitor hidden = monitor("hidden", false);
  store_->monitors().insert(shown, audit_record());
  store_->monitors().insert(hidden, audit_record());
  IncidentEvent resolved = event(shown.id, IncidentEventKind::kResolved, 2500);
  resolved.recovered_at_us = 2000;
  write({event(shown.id, IncidentEventKind::kDown, 1000), resolved,
         event(shown.id, IncidentEventKind::kDown, 3000),
         event(hidden.id, IncidentEventKind::kDown, 3500)});

  IncidentQuery q;
  q.monitor_id = shown.id;
  EXPECT_EQ(incidents(q).size(), 2U);
  q = {};
  q.project_id = draft.id;
  EXPECT_EQ(incidents(q).size(), 2U);
  q = {};
  q.state = IncidentState::kResolved;
  EXPECT_EQ(incidents(q).size(), 1U);
  q = {};
  q.from_us = 2001;  // still open then: the two open ones
  EXPECT_EQ(incidents(q).size(), 2U);
  q.to_us = 3000;  // started before: only the hidden one's is later
  ASSERT_EQ(incidents(q).size(), 0U);
  q.to_us = 3001;
  EXPECT_EQ(incidents(q).size(), 1U);

  q = {};
  q.public_only = true;  // the public monitor's two; the draft project is not named
  auto shown_only = incidents(q);
  ASSERT_EQ(shown_only.size(), 2U);
  EXPECT_FALSE(shown_only.front().project_id.has_value());
  q.project_id = draft.id;  // nor found by
  EXPECT_TRUE(incidents(q).empty());

  q = {};
  q.limit = 2;
  IncidentPage page = store_->incidents().list(q);
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_TRUE(page.has_more);
  q.after = page.items.back().id;
  page = store_->incidents().list(q);
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_FALSE(page.has_more);
  EXPECT_EQ(page.items.front().started_at_us, 1000);
}

TEST_F(IncidentStoreTest, updates_join_their_incident_in_order) {
  const domain::Monitor m = monitor("api", true);
  store_->monitors().insert(m, audit_record());
  write({event(m.id, IncidentEventKind::kDown, 1000)});
  const std::string id = incidents().front().id;
  domain::IncidentUpdate u;
  u.incident_id = id;
  u.author_id = "user-1";
  for (const auto status :
       {domain::UpdateStatus::kInvestigating, domain::UpdateStatus::kIdentified}) {
    u.id = util::uuid_v7();
    u.status = status;
    u.body = std::string(domain::to_string(status));
    u.at_us = util::now_us();
    EXPECT_EQ(store_->incidents().add_update(u, audit_record()), WriteOutcome::kDone);
  }
  u.id = util::uuid_v7();
  u.incident_id = util::uuid_v7();
  EXPECT_EQ(store_->incidents().add_update(u, audit_record()), WriteOutcome::kNotFound);

  const auto found = store_->incidents().find(id);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->updates.size(), 2U);
  EXPECT_EQ(found->updates[0].status, domain::UpdateStatus::kInvestigating);
  EXPECT_EQ(found->updates[1].body, "identified");
  EXPECT_EQ(found->updates[1].author_id, "user-1");
  EXPECT_FALSE(store_->incidents().find(util::uuid_v7()).has_value());
}

}  // namespace
}  // namespace vitrine::store
