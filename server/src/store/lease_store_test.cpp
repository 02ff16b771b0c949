// Monitor leases on a real SQLite store (the two-process take-over on both stores:
// tests/test_leases.py): one replica takes every monitor, a second one gets a fair share as
// the first gives it back, a replica that stops renewing loses its monitors once its leases
// run out, and claims respect live leases unless they steal.
#include <gtest/gtest.h>

#include "testing/test_store.hpp"

namespace vitrine::store {
namespace {

using vitrine::testing::audit_record;

constexpr std::int64_t kTtl = 15'000'000;

class LeaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = vitrine::testing::sqlite_store(dir_);
    for (int i = 0; i < 5; ++i) {
      domain::Monitor m;
      m.id = util::uuid_v7();
      m.name = "m" + std::to_string(i);
      m.target = "http://127.0.0.1:9/";
      m.version = 1;
      store_->monitors().insert(m, audit_record());
      ids_.push_back(m.id);
    }
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> ids_;  // in id order
};

TEST_F(LeaseStoreTest, replicas_split_the_monitors_and_take_over_a_silent_ones) {
  LeaseStore& leases = store_->leases();
  std::int64_t now = 1'000'000'000;
  LeaseRound a = leases.renew("a", now, kTtl);
  EXPECT_EQ(a.held, ids_);  // alone: every monitor
  EXPECT_EQ(a.live_replicas, 1U);
  EXPECT_EQ(a.enabled_monitors, 5U);

  LeaseRound b = leases.renew("b", now + 1, kTtl);  // nothing free yet
  EXPECT_TRUE(b.held.empty());
  EXPECT_EQ(b.live_replicas, 2U);
  a = leases.renew("a", now + 2, kTtl);  // gives back beyond its share, ceil(5 / 2) = 3
  EXPECT_EQ(a.held, std::vector<std::string>(ids_.begin(), ids_.begin() + 3));
  b = leases.renew("b", now + 3, kTtl);
  EXPECT_EQ(b.held, std::vector<std::string>(ids_.begin() + 3, ids_.end()));

  // "a" stops renewing: its leases stay until they run out, then "b" takes them.
  now += kTtl / 3;
  b = leases.renew("b", now, kTtl);
  EXPECT_EQ(b.held.size(), 2U);
  now += kTtl;  // a's leases ran out; a no longer counts as live
  b = leases.renew("b", now, kTtl);
  EXPECT_EQ(b.held, ids_);
  EXPECT_EQ(b.live_replicas, 1U);

  // "a" comes back: nothing is free, until "b" gives back beyond the share.
  a = leases.renew("a", now + 1, kTtl);
  EXPECT_TRUE(a.held.empty());
  b = leases.renew("b", now + 2, kTtl);
  EXPECT_EQ(b.held.size(), 3U);
  a = leases.renew("a", now + 3, kTtl);
  EXPECT_EQ(a.held.size(), 2U);
}

TEST_F(LeaseStoreTest, claims_take_free_expired_or_own_leases_and_steal_only_when_asked) {
  LeaseStore& leases = store_->leases();
  const std::int64_t now = 1'000'000'000;
  EXPECT_TRUE(leases.claim(ids_[0], "a", now, kTtl, false));             // free
  EXPECT_TRUE(leases.claim(ids_[0], "a", now + 1, kTtl, false));         // own: renewed
  EXPECT_FALSE(leases.claim(ids_[0], "b", now + 2, kTtl, false));        // a's, live
  EXPECT_TRUE(leases.claim(ids_[0], "b", now + kTtl + 2, kTtl, false));  // expired
  EXPECT_TRUE(leases.claim(ids_[0], "a", now + kTtl + 3, kTtl, true));   // stolen back
  EXPECT_FALSE(leases.claim("0190a0a0-0000-7000-8000-000000000000", "a", now, kTtl, true));

  // A disabled monitor is leased by nobody.
  domain::Monitor paused = *store_->monitors().find(ids_[1]);
  EXPECT_TRUE(leases.claim(paused.id, "a", now, kTtl, false));
  paused.enabled = false;
  paused.version = 2;
  ASSERT_EQ(store_->monitors().update(paused, 1, audit_record()), WriteOutcome::kDone);
  EXPECT_FALSE(leases.claim(paused.id, "a", now, kTtl, true));
  const LeaseRound a = leases.renew("a", now + 4, kTtl);
  EXPECT_EQ(std::count(a.held.begin(), a.held.end(), paused.id), 0);
  EXPECT_EQ(a.held.size(), 4U);

  // A clean stop gives everything back at once.
  leases.release_all("a");
  EXPECT_EQ(leases.renew("b", now + 5, kTtl).held.size(), 4U);
}

}  // namespace
}  // namespace vitrine::store
