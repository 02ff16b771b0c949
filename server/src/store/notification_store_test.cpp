// The notification outbox on a real SQLite store: incidents opening and resolving write one
// delivery per channel that wants them (in the incident's transaction), claims keep a
// delivery from being sent twice, tries are logged, and old finished deliveries go. (The
// black-box tests run the whole path on PostgreSQL too: tests/test_notifications.py.)
#include <gtest/gtest.h>

#include <set>

#include "testing/test_store.hpp"
#include "util/time.hpp"

namespace vitrine::store {
namespace {

using domain::DeliveryState;
using domain::IncidentEvent;
using domain::IncidentEventKind;
using domain::NotificationEvent;
using vitrine::testing::audit_record;

domain::NotificationChannel channel(const std::string& name, domain::ChannelKind kind) {
  domain::NotificationChannel c;
  c.id = util::uuid_v7();
  c.name = name;
  c.kind = kind;
  c.url_sealed = "sealed-url";
  c.secret_sealed = kind == domain::ChannelKind::kWebhook ? "sealed-secret" : "";
  c.url_origin = "http://127.0.0.1:9";
  c.version = 1;
  return c;
}

class NotificationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = vitrine::testing::sqlite_store(dir_);
    project_ = vitrine::testing::project("shop");
    store_->projects().insert(project_, audit_record());
    monitor_.id = util::uuid_v7();
    monitor_.name = "api";
    monitor_.target = "http://127.0.0.1:9/";
    monitor_.project_id = project_.id;
    monitor_.version = 1;
    store_->monitors().insert(monitor_, audit_record());
  }

  void event(IncidentEventKind kind, std::int64_t at) {
    IncidentEvent e;
    e.monitor_id = monitor_.id;
    e.kind = kind;
    e.at_us = at;
    e.recovered_at_us = at;
    e.error =
        kind == IncidentEventKind::kDown ? domain::CheckError::kStatus : domain::CheckError::kNone;
    e.message = kind == IncidentEventKind::kDown ? "HTTP 503" : "";
    store_->results().append({}, {}, {}, std::vector{e});
  }

  std::vector<domain::Delivery> deliveries(std::optional<std::string> channel_id = {},
                                           std::optional<std::string> incident_id = {},
                                           std::optional<DeliveryState> state = {}) {
    DeliveryQuery q;
    q.channel_id = std::move(channel_id);
    q.incident_id = std::move(incident_id);
    q.state = state;
    q.limit = 100;
    return store_->notifications().list_deliveries(q).items;
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  domain::Project project_;
  domain::Monitor monitor_;
};

TEST_F(NotificationStoreTest, incidents_write_one_delivery_per_channel_that_wants_the_event) {
  auto& n = store_->notifications();
  const auto everything = channel("everything", domain::ChannelKind::kWebhook);
  auto opens_only = channel("opens", domain::ChannelKind::kSlack);
  opens_only.on_resolve = false;
  auto other_project = channel("other", domain::ChannelKind::kWebhook);
  const domain::Project other = vitrine::testing::project("other");
  store_->projects().insert(other, audit_record());
  other_project.project_id = other.id;
  auto paused = channel("paused", domain::ChannelKind::kWebhook);
  paused.enabled = false;
  for (const auto& c : {everything, opens_only, other_project, paused}) {
    n.insert_channel(c, audit_record());
  }

  event(IncidentEventKind::kDown, 1000);
  event(IncidentEventKind::kUp, 2000);  // joins the timeline: no message
  event(IncidentEventKind::kResolved, 3000);

  auto all = deliveries();
  ASSERT_EQ(all.size(), 3U);  // newest first
  EXPECT_EQ(all[0].event, NotificationEvent::kIncidentResolved);
  EXPECT_EQ(all[0].channel_id, everything.id);
  std::set<std::string> opened_to;
  for (const auto& d : {all[1], all[2]}) {
    EXPECT_EQ(d.event, NotificationEvent::kIncidentOpened);
    EXPECT_EQ(d.state, DeliveryState::kPending);
    EXPECT_EQ(d.attempts, 0);
    opened_to.insert(d.channel_id);
  }
  EXPECT_EQ(opened_to, (std::set<std::string>{everything.id, opens_only.id}));
  const auto incident = store_->incidents().list({}).items.front();
  EXPECT_EQ(all[0].incident_id, incident.id);
  EXPECT_EQ(deliveries({}, incident.id).size(), 3U);
  EXPECT_EQ(deliveries(opens_only.id).size(), 1U);

  // The bodies were written for their channel's kind, from the incident as it stood.
  const auto slack = n.find_delivery(all[2].channel_id == opens_only.id ? all[2].id : all[1].id);
  ASSERT_TRUE(slack);
  EXPECT_NE(slack->body.find("\"text\""), std::string::npos);
  const auto resolved = n.find_delivery(all[0].id);
  ASSERT_TRUE(resolved);
  EXPECT_NE(resolved->body.find("\"event\":\"incident.resolved\""), std::string::npos);
  EXPECT_NE(resolved->body.find("\"id\":\"" + all[0].id + "\""), std::string::npos);
  EXPECT_NE(resolved->body.find("\"state\":\"resolved\""), std::string::npos);
}

TEST_F(NotificationStoreTest, a_claim_keeps_others_off_until_it_lapses_and_tries_are_logged) {
  auto& n = store_->notifications();
  const auto c = channel("hook", domain::ChannelKind::kWebhook);
  n.insert_channel(c, audit_record());
  event(IncidentEventKind::kDown, 1000);
  const std::int64_t now = util::now_us();

  auto due = n.claim_due(now, now + 60'000'000, 10);
  ASSERT_EQ(due.size(), 1U);
  EXPECT_EQ(due[0].channel.id, c.id);
  EXPECT_EQ(due[0].channel.url_sealed, "sealed-url");
  EXPECT_FALSE(due[0].delivery.body.empty());
  EXPECT_TRUE(n.claim_due(now, now + 60'000'000, 10).empty());  // claimed: nobody else's
  EXPECT_EQ(n.claim_due(now + 60'000'000, now + 120'000'000, 10).size(), 1U);  // lapsed

  const std::string id = due[0].delivery.id;
  domain::DeliveryAttempt first{1, now, 12, 503, "HTTP 503"};
  n.record_attempt(id, first, DeliveryState::kPending, now + 5'000'000);
  EXPECT_TRUE(n.claim_due(now + 4'000'000, now + 9'000'000, 10).empty());  // not due yet
  due = n.claim_due(now + 5'000'000, now + 9'000'000, 10);
  ASSERT_EQ(due.size(), 1U);
  EXPECT_EQ(due[0].delivery.attempts, 1);
  domain::DeliveryAttempt second{2, now + 5'000'000, 7, 200, ""};
  n.record_attempt(id, second, DeliveryState::kDelivered, now + 5'000'000);
  EXPECT_TRUE(n.claim_due(now + 1'000'000'000, now + 2'000'000'000, 10).empty());

  const auto d = n.find_delivery(id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, DeliveryState::kDelivered);
  EXPECT_EQ(d->attempts, 2);
  EXPECT_EQ(d->delivered_at_us, now + 5'000'000);
  EXPECT_EQ(d->last_error, "");
  EXPECT_EQ(d->log, (std::vector<domain::DeliveryAttempt>{first, second}));
  EXPECT_EQ(deliveries({}, {}, DeliveryState::kDelivered).size(), 1U);
  EXPECT_TRUE(deliveries({}, {}, DeliveryState::kPending).empty());
}

TEST_F(NotificationStoreTest, purging_deletes_old_finished_deliveries_only) {
  auto& n = store_->notifications();
  const auto c = channel("hook", domain::ChannelKind::kWebhook);
  n.insert_channel(c, audit_record());
  event(IncidentEventKind::kDown, 1000);
  event(IncidentEventKind::kResolved, 2000);
  auto all = deliveries();
  ASSERT_EQ(all.size(), 2U);
  const std::int64_t now = util::now_us();
  n.record_attempt(all[1].id, {1, now, 1, std::nullopt, "connection refused"},
                   DeliveryState::kFailed, now);
  const std::int64_t later = now + 3'600'000'000;
  EXPECT_EQ(n.purge_deliveries(later), 1U);  // the failed one; the pending one stays
  all = deliveries();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].state, DeliveryState::kPending);

  // Deleting the channel deletes its deliveries with it.
  EXPECT_EQ(n.remove_channel(c.id, std::nullopt, audit_record()), WriteOutcome::kDone);
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(NotificationStoreTest, channels_are_versioned_writes) {
  auto& n = store_->notifications();
  auto c = channel("hook", domain::ChannelKind::kWebhook);
  c.project_id = project_.id;
  n.insert_channel(c, audit_record());
  auto found = n.find_channel(c.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->project_id, project_.id);
  EXPECT_EQ(found->secret_sealed, "sealed-secret");
  c.name = "renamed";
  c.version = 2;
  EXPECT_EQ(n.update_channel(c, 1, audit_record()), WriteOutcome::kDone);
  EXPECT_EQ(n.update_channel(c, 1, audit_record()), WriteOutcome::kStale);
  EXPECT_EQ(n.find_channel(c.id)->name, "renamed");
  const auto page = n.list_channels(std::nullopt, 10);
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_FALSE(page.has_more);
  EXPECT_EQ(n.remove_channel(c.id, 1, audit_record()), WriteOutcome::kStale);
  EXPECT_EQ(n.remove_channel(c.id, 2, audit_record()), WriteOutcome::kDone);
  EXPECT_FALSE(n.find_channel(c.id));
}

}  // namespace
}  // namespace vitrine::store
