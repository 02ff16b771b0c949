// AuditStore on a real SQLite file: records commit with the change they describe and only
// then, filters and pages, retention, and the table refusing updates. The black-box suite
// checks the same through the API on both stores.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <string>

#include "store/errors.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"
#include "util/uuid.hpp"

namespace vitrine::store {
namespace {

using domain::AuditEvent;
using domain::Outcome;

AuditEvent event(const std::string& action, const std::string& actor, std::int64_t at_us) {
  AuditEvent e = vitrine::testing::audit_record(action);
  e.actor_kind = domain::ActorKind::kUser;
  e.actor_id = actor;
  e.at_us = at_us;
  e.target_type = action.substr(0, action.find('.'));
  e.target_id = "t-" + actor;
  e.request_id = "req-" + action;
  return e;
}

class AuditStoreTest : public ::testing::Test {
 protected:
  AuditStore& audit() { return store_->audit(); }
  std::vector<AuditEvent> all() {
    AuditQuery q;
    q.limit = 500;
    return audit().list(q).items;
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> store_ = vitrine::testing::sqlite_store(dir_);
};

TEST_F(AuditStoreTest, a_change_and_its_record_commit_together) {
  AuditEvent created = vitrine::testing::audit_record("project.create");
  created.details = {{"changes", {{"title", {{"from", nullptr}, {"to", "a"}}}}}};
  store_->projects().insert(vitrine::testing::project("a"), created);
  // The slug is taken: the insert fails, and so does its record.
  EXPECT_THROW(store_->projects().insert(vitrine::testing::project("a"),
                                         vitrine::testing::audit_record("lost")),
               Conflict);
  const domain::Project p = *store_->projects().find("a");
  // A stale update changes nothing and records nothing.
  domain::Project next = p;
  next.version = 3;
  EXPECT_EQ(store_->projects().update(next, 2, vitrine::testing::audit_record("lost")),
            WriteOutcome::kStale);
  EXPECT_EQ(store_->projects().remove(p.id, std::nullopt,
                                      vitrine::testing::audit_record("project.delete")),
            WriteOutcome::kDone);

  const auto records = all();
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].action, "project.delete");
  EXPECT_EQ(records[1].action, "project.create");
  EXPECT_EQ(records[1].details, created.details);
  EXPECT_EQ(records[1].id, created.id);
}

TEST_F(AuditStoreTest, filters_by_actor_action_family_target_outcome_request_and_time) {
  audit().append(event("project.create", "ada", 1'000));
  audit().append(event("project.update", "ada", 2'000));
  audit().append(event("user.update", "bob", 3'000));
  AuditEvent failed = event("user.delete", "bob", 4'000);
  failed.outcome = Outcome::kDenied;
  audit().append(failed);

  const auto count = [&](auto&& set) {
    AuditQuery q;
    set(q);
    return audit().list(q).items.size();
  };
  EXPECT_EQ(count([](AuditQuery& q) { q.actor_id = "ada"; }), 2U);
  EXPECT_EQ(count([](AuditQuery& q) { q.action = "project."; }), 2U);
  EXPECT_EQ(count([](AuditQuery& q) { q.action = "project.update"; }), 1U);
  EXPECT_EQ(count([](AuditQuery& q) { q.action = "project"; }), 0U);  // exact without the dot
  EXPECT_EQ(count([](AuditQuery& q) { q.target_type = "user"; }), 2U);
  EXPECT_EQ(count([](AuditQuery& q) { q.target_id = "t-bob"; }), 2U);
  EXPECT_EQ(count([](AuditQuery& q) { q.outcome = Outcome::kDenied; }), 1U);
  EXPECT_EQ(count([](AuditQuery& q) { q.request_id = "req-user.update"; }), 1U);
  EXPECT_EQ(count([](AuditQuery& q) {
              q.since_us = 2'000;
              q.until_us = 4'000;
            }),
            2U);
  EXPECT_EQ(count([](AuditQuery& q) {
              q.actor_id = "bob";
              q.action = "user.";
              q.outcome = Outcome::kSuccess;
            }),
            1U);
}

TEST_F(AuditStoreTest, pages_newest_first_by_id) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    AuditEvent e = event("project.update", "ada", i);
    e.id = util::uuid_v7(std::chrono::system_clock::time_point(std::chrono::seconds(1000 + i)));
    ids.push_back(e.id);
    audit().append(e);
  }
  AuditQuery q;
  q.limit = 2;
  const AuditPage first = audit().list(q);
  ASSERT_EQ(first.items.size(), 2U);
  EXPECT_TRUE(first.has_more);
  EXPECT_EQ(first.items[0].id, ids[4]);
  q.before = first.items.back().id;
  q.limit = 10;
  const AuditPage rest = audit().list(q);
  ASSERT_EQ(rest.items.size(), 3U);
  EXPECT_FALSE(rest.has_more);
  EXPECT_EQ(rest.items.back().id, ids[0]);
}

TEST_F(AuditStoreTest, purge_deletes_only_older_records_and_records_itself) {
  audit().append(event("project.create", "ada", 1'000));
  audit().append(event("project.update", "ada", 5'000));
  AuditEvent purge = vitrine::testing::audit_record("audit.purge");
  EXPECT_EQ(audit().purge(5'000, purge), 1U);
  EXPECT_EQ(audit().purge(5'000, vitrine::testing::audit_record("audit.purge")), 0U);
  const auto records = all();
  ASSERT_EQ(records.size(), 2U);  // the kept one and the purge's own record, written once
  EXPECT_EQ(records[0].action, "audit.purge");
  EXPECT_EQ(records[0].details.value("deleted", 0), 1);
  EXPECT_EQ(records[1].action, "project.update");
}

TEST_F(AuditStoreTest, the_table_refuses_updates) {
  audit().append(event("project.create", "ada", 1'000));
  soci::session direct("sqlite3", "db=" + dir_.file("vitrine.db"));
  EXPECT_THROW(direct << "UPDATE audit_log SET outcome = 'denied'", soci::soci_error);
  EXPECT_EQ(all().front().outcome, Outcome::kSuccess);
}

// Migration 0008 rebuilt these tables with CHECKs as comparisons (SQLite builds a temporary
// index per row for an IN list): the same values are still refused.
TEST_F(AuditStoreTest, the_rebuilt_tables_still_refuse_unknown_enum_values) {
  soci::session direct("sqlite3", "db=" + dir_.file("vitrine.db"));
  const auto audit_row = [&](const std::string& kind, const std::string& outcome) {
    direct << "INSERT INTO audit_log (id, at_us, actor_kind, action, outcome) VALUES ('" +
                  util::uuid_v7() + "', 1, '" + kind + "', 'test', '" + outcome + "')";
  };
  EXPECT_NO_THROW(audit_row("token", "denied"));
  EXPECT_THROW(audit_row("robot", "denied"), soci::soci_error);
  EXPECT_THROW(audit_row("user", "maybe"), soci::soci_error);
  EXPECT_THROW(direct << "UPDATE audit_log SET outcome = 'denied'", soci::soci_error);

  const auto project_row = [&](const std::string& status) {
    direct << "INSERT INTO projects (id, slug, title, status, visibility, created_at, "
              "updated_at, version) VALUES ('" +
                  util::uuid_v7() + "', '" + util::uuid_v7() + "', 't', '" + status +
                  "', 'draft', 1, 1, 1)";
  };
  EXPECT_NO_THROW(project_row("maintained"));
  EXPECT_THROW(project_row("abandoned"), soci::soci_error);
}

}  // namespace
}  // namespace vitrine::store
