// The API token cache on a real SQLite file shared by two "replicas": one looks tokens up
// through the cache, the other writes to the same database behind its back. What the cache
// may serve stale, and for how long, is the contract these tests pin down.
#include "store/token_cache.hpp"

#include <gtest/gtest.h>

#include <string>

#include "store/sql/sql_token_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"
#include "util/digest.hpp"
#include "util/uuid.hpp"

namespace vitrine::store {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

domain::ApiToken make_token(const std::string& secret) {
  domain::ApiToken t;
  t.id = util::uuid_v7();
  t.name = "ci " + secret;
  t.token_hash = util::sha256_hex(secret);
  t.prefix = secret.substr(0, 8);
  t.scopes = static_cast<domain::Scopes>(domain::Scope::kContentWrite);
  t.created_by = "cli";
  t.created_at_us = 1;
  t.expires_at_us = 4'000'000'000'000'000;
  return t;
}

class TokenCacheTest : public ::testing::Test {
 protected:
  // This replica: the cached store, on its own connections to the shared file.
  std::unique_ptr<TokenStore> cached(std::chrono::milliseconds ttl, std::size_t max = 4096) {
    StoreOptions o;
    o.url = parse_database_url("sqlite://" + dir_.file("vitrine.db")).value();
    db_ = sqlite::make_database(o);
    return cache_token_lookups(sql::make_token_store(*db_),
                               {.ttl = ttl, .max_entries = max, .clock = [this] { return now_; }});
  }
  // The other replica: writes without this one's cache knowing.
  TokenStore& other() { return other_->tokens(); }

  domain::ApiToken insert(const std::string& secret) {
    auto t = make_token(secret);
    other().insert(t, vitrine::testing::audit_record("token.create"));
    return t;
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> other_ = vitrine::testing::sqlite_store(dir_);  // migrates the file
  std::unique_ptr<sql::Database> db_;
  Clock::time_point now_ = Clock::now();
};

TEST_F(TokenCacheTest, serves_a_remembered_token_for_at_most_the_ttl) {
  auto tokens = cached(5s);
  const auto t = insert("vtr_first");
  ASSERT_TRUE(tokens->find_by_hash(t.token_hash).has_value());

  other().revoke(t.id, 7, vitrine::testing::audit_record("token.revoke"));
  now_ += 4999ms;
  const auto stale = tokens->find_by_hash(t.token_hash);
  ASSERT_TRUE(stale.has_value());
  EXPECT_FALSE(stale->revoked_at_us.has_value()) << "within the TTL the remembered row serves";

  now_ += 1ms;
  const auto fresh = tokens->find_by_hash(t.token_hash);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->revoked_at_us, 7) << "at the TTL the row is read again";
}

TEST_F(TokenCacheTest, a_revoke_through_the_cache_is_seen_at_once) {
  auto tokens = cached(1min);
  const auto t = insert("vtr_second");
  ASSERT_FALSE(tokens->find_by_hash(t.token_hash)->revoked_at_us.has_value());

  EXPECT_EQ(tokens->revoke(t.id, 9, vitrine::testing::audit_record("token.revoke")),
            WriteOutcome::kDone);
  EXPECT_EQ(tokens->find_by_hash(t.token_hash)->revoked_at_us, 9);
}

TEST_F(TokenCacheTest, a_touch_updates_the_remembered_row) {
  auto tokens = cached(1min);
  const auto t = insert("vtr_third");
  ASSERT_FALSE(tokens->find_by_hash(t.token_hash)->last_used_at_us.has_value());

  tokens->touch(t.id, 100'000'000, 60'000'000);
  EXPECT_EQ(tokens->find_by_hash(t.token_hash)->last_used_at_us, 100'000'000);
  EXPECT_EQ(other().find(t.id)->last_used_at_us, 100'000'000);

  // Within the granularity neither the database nor the remembered row moves.
  tokens->touch(t.id, 130'000'000, 60'000'000);
  EXPECT_EQ(tokens->find_by_hash(t.token_hash)->last_used_at_us, 100'000'000);
  EXPECT_EQ(other().find(t.id)->last_used_at_us, 100'000'000);
}

TEST_F(TokenCacheTest, unknown_secrets_are_not_remembered) {
  auto tokens = cached(1min);
  const auto t = make_token("vtr_fourth");
  EXPECT_FALSE(tokens->find_by_hash(t.token_hash).has_value());
  other().insert(t, vitrine::testing::audit_record("token.create"));
  EXPECT_TRUE(tokens->find_by_hash(t.token_hash).has_value());
}

TEST_F(TokenCacheTest, a_full_cache_makes_room_rather_than_growing) {
  auto tokens = cached(1min, 1);
  const auto first = insert("vtr_fifth");
  const auto second = insert("vtr_sixth");
  ASSERT_TRUE(tokens->find_by_hash(first.token_hash).has_value());
  ASSERT_TRUE(tokens->find_by_hash(second.token_hash).has_value());  // pushes `first` out

  other().revoke(first.id, 11, vitrine::testing::audit_record("token.revoke"));
  EXPECT_EQ(tokens->find_by_hash(first.token_hash)->revoked_at_us, 11);
}

TEST_F(TokenCacheTest, a_zero_ttl_reads_the_database_every_time) {
  auto tokens = cached(0ms);
  const auto t = insert("vtr_seventh");
  ASSERT_FALSE(tokens->find_by_hash(t.token_hash)->revoked_at_us.has_value());
  other().revoke(t.id, 13, vitrine::testing::audit_record("token.revoke"));
  EXPECT_EQ(tokens->find_by_hash(t.token_hash)->revoked_at_us, 13);
}

}  // namespace
}  // namespace vitrine::store
