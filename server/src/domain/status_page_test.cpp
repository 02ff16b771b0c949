#include "domain/status_page.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

namespace vitrine::domain {
namespace {

std::string_view state_of(std::initializer_list<MonitorState> states) {
  StateCounts c;
  for (const MonitorState s : states) {
    c.add(s);
  }
  return to_string(overall_state(c));
}

TEST(StatusPage, the_worst_decided_state_names_the_page) {
  using S = MonitorState;
  EXPECT_EQ(state_of({}), "unknown");
  EXPECT_EQ(state_of({S::kPending, S::kPending}), "unknown");
  EXPECT_EQ(state_of({S::kUp, S::kPending}), "operational");
  EXPECT_EQ(state_of({S::kUp, S::kDegraded}), "degraded");
  EXPECT_EQ(state_of({S::kUp, S::kDegraded, S::kDown}), "partial_outage");
  EXPECT_EQ(state_of({S::kDown, S::kPending, S::kDown}), "major_outage");
}

TEST(StatusPage, monitors_in_maintenance_count_apart) {
  StateCounts c;
  c.maintenance = 2;
  EXPECT_EQ(to_string(overall_state(c)), "under_maintenance");
  c.add(MonitorState::kUp);  // the others decide
  EXPECT_EQ(to_string(overall_state(c)), "operational");
}

}  // namespace
}  // namespace vitrine::domain
