// Incidents from a scripted sequence of results, with retries = 1 (down after two failed
// checks in a row) and the recovery threshold as each test says.
#include "domain/incident.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

// Moves the status on with one result and returns the incident events it brings.
class Script {
 public:
  explicit Script(int recovery_checks) : recovery_checks_(recovery_checks) {}

  std::vector<IncidentEvent> check(std::int64_t at, CheckState state, bool maintenance = false) {
    CheckResult r;
    r.monitor_id = "m";
    r.at_us = at;
    r.state = state;
    r.maintenance = maintenance;
    if (state == CheckState::kDown) {
      r.error = CheckError::kConnect;
      r.message = "refused";
    }
    MonitorStatus next = advance(status_, r, 1);
    auto events = incident_events(status_, next, r, recovery_checks_);
    status_ = next;
    return events;
  }

  [[nodiscard]] const MonitorStatus& status() const { return *status_; }
  void restart_from(MonitorStatus stored) { status_ = std::move(stored); }

 private:
  int recovery_checks_;
  std::optional<MonitorStatus> status_;
};

IncidentEvent event(IncidentEventKind kind, std::int64_t at) {
  IncidentEvent e;
  e.monitor_id = "m";
  e.kind = kind;
  e.at_us = at;
  return e;
}

IncidentEvent down_at(std::int64_t at) {
  IncidentEvent e = event(IncidentEventKind::kDown, at);
  e.error = CheckError::kConnect;
  e.message = "refused";
  return e;
}

IncidentEvent resolved(std::int64_t at, std::int64_t recovered_at) {
  IncidentEvent e = event(IncidentEventKind::kResolved, at);
  e.recovered_at_us = recovered_at;
  return e;
}

using Events = std::vector<IncidentEvent>;

TEST(Incidents, a_tolerated_failure_opens_none) {
  Script m(2);
  EXPECT_EQ(m.check(10, CheckState::kUp), Events{});
  EXPECT_EQ(m.check(20, CheckState::kDown), Events{});
  EXPECT_EQ(m.check(30, CheckState::kUp), Events{});
  EXPECT_FALSE(m.status().incident_open);
}

TEST(Incidents, down_opens_one_from_the_first_failure_and_recovery_resolves_it) {
  Script m(2);
  m.check(10, CheckState::kUp);
  EXPECT_EQ(m.check(20, CheckState::kDown), Events{});
  EXPECT_EQ(m.check(30, CheckState::kDown), Events{down_at(20)});
  EXPECT_TRUE(m.status().incident_open);
  EXPECT_EQ(m.check(40, CheckState::kDown), Events{});  // still down: nothing new
  EXPECT_EQ(m.check(50, CheckState::kUp), Events{event(IncidentEventKind::kUp, 50)});
  EXPECT_TRUE(m.status().incident_open);  // one good answer of two
  EXPECT_EQ(m.check(60, CheckState::kUp), Events{resolved(60, 50)});
  EXPECT_FALSE(m.status().incident_open);
  EXPECT_EQ(m.check(70, CheckState::kUp), Events{});
}

TEST(Incidents, a_flapping_monitor_stays_in_one_incident_until_it_answers_enough_in_a_row) {
  Script m(2);
  m.check(10, CheckState::kDown);
  EXPECT_EQ(m.check(20, CheckState::kDown), Events{down_at(10)});
  EXPECT_EQ(m.check(30, CheckState::kUp), Events{event(IncidentEventKind::kUp, 30)});
  // A tolerated failure breaks the run of good answers: no resolution at the next one.
  EXPECT_EQ(m.check(40, CheckState::kDown), Events{});
  EXPECT_EQ(m.check(50, CheckState::kUp), Events{});
  EXPECT_TRUE(m.status().incident_open);
  // Down again: the open incident's timeline, not a new incident (the store joins it).
  m.check(60, CheckState::kDown);
  EXPECT_EQ(m.check(70, CheckState::kDown), Events{down_at(60)});
  EXPECT_EQ(m.check(80, CheckState::kDegraded), Events{event(IncidentEventKind::kDegraded, 80)});
  // Degraded is an answer: it counts towards recovery, which dates from the first of them.
  EXPECT_EQ(m.check(90, CheckState::kUp),
            (Events{event(IncidentEventKind::kUp, 90), resolved(90, 80)}));
}

TEST(Incidents, one_recovery_check_resolves_at_the_first_answer) {
  Script m(1);
  m.check(10, CheckState::kDown);
  m.check(20, CheckState::kDown);
  EXPECT_EQ(m.check(30, CheckState::kUp),
            (Events{event(IncidentEventKind::kUp, 30), resolved(30, 30)}));
}

TEST(Incidents, an_incident_open_before_a_restart_resolves_after_it) {
  Script before(2);
  before.check(10, CheckState::kDown);
  before.check(20, CheckState::kDown);
  Script after(2);
  after.restart_from(before.status());  // as the store kept it
  after.check(30, CheckState::kUp);
  EXPECT_EQ(after.check(40, CheckState::kUp), Events{resolved(40, 30)});
}

TEST(Incidents, a_monitor_down_with_no_incident_open_opens_one_at_its_next_check) {
  // A status stored before incidents existed (or one whose commit was lost): down, and
  // nothing open.
  MonitorStatus stored;
  stored.monitor_id = "m";
  stored.state = MonitorState::kDown;
  stored.since_us = 5;
  stored.failures = 4;
  Script m(2);
  m.restart_from(stored);
  EXPECT_EQ(m.check(30, CheckState::kDown), Events{down_at(30)});
  EXPECT_TRUE(m.status().incident_open);
  EXPECT_EQ(m.check(40, CheckState::kDown), Events{});
}

TEST(Incidents, inside_a_maintenance_window_none_opens_and_after_it_one_does) {
  Script m(2);
  m.check(10, CheckState::kUp);
  EXPECT_EQ(m.check(20, CheckState::kDown, true), Events{});
  EXPECT_EQ(m.check(30, CheckState::kDown, true), Events{});  // down, in the window
  EXPECT_FALSE(m.status().incident_open);
  EXPECT_EQ(m.check(40, CheckState::kDown), Events{down_at(40)});  // still down after it
  // A window does not hide what happens to an incident already open.
  EXPECT_EQ(m.check(50, CheckState::kUp, true), Events{event(IncidentEventKind::kUp, 50)});
  EXPECT_EQ(m.check(60, CheckState::kUp, true), Events{resolved(60, 50)});
  // Recovered inside the window: nothing opens.
  Script quiet(2);
  quiet.check(10, CheckState::kDown, true);
  quiet.check(20, CheckState::kDown, true);
  EXPECT_EQ(quiet.check(30, CheckState::kUp, true), Events{});
  EXPECT_EQ(quiet.check(40, CheckState::kUp), Events{});
}

TEST(Incidents, names_round_trip) {
  for (const auto kind :
       {IncidentEventKind::kDown, IncidentEventKind::kUp, IncidentEventKind::kDegraded,
        IncidentEventKind::kResolved, IncidentEventKind::kMonitorDisabled,
        IncidentEventKind::kMonitorDeleted}) {
    EXPECT_EQ(parse_incident_event_kind(to_string(kind)), kind);
  }
  for (const auto status : {UpdateStatus::kInvestigating, UpdateStatus::kIdentified,
                            UpdateStatus::kMonitoring, UpdateStatus::kResolved}) {
    EXPECT_EQ(parse_update_status(to_string(status)), status);
  }
  EXPECT_EQ(parse_update_status("fixed"), std::nullopt);
}

TEST(Incidents, an_update_needs_a_body_of_at_most_the_limit) {
  IncidentUpdate u;
  EXPECT_EQ(validate(u).size(), 1U);
  u.body = "We are looking into it.";
  EXPECT_TRUE(validate(u).empty());
  u.body = std::string(kMaxUpdateBody + 1, 'x');
  EXPECT_EQ(validate(u).size(), 1U);
}

}  // namespace
}  // namespace vitrine::domain
