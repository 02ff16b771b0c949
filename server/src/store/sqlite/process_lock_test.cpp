// Servers share a database; a restore excludes them all, and they it.
#include "store/sqlite/process_lock.hpp"

#include <gtest/gtest.h>

#include "store/errors.hpp"
#include "testing/test_store.hpp"

namespace vitrine::store::sqlite {
namespace {

using Mode = ProcessLock::Mode;

TEST(ProcessLock, shared_holders_coexist_and_exclude_an_exclusive_one) {
  const testing::TempDir dir;
  const std::string db = dir.file("vitrine.db");
  auto first = ProcessLock::try_acquire(db, Mode::kShared);
  auto second = ProcessLock::try_acquire(db, Mode::kShared);
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(ProcessLock::try_acquire(db, Mode::kExclusive));
  first.reset();
  EXPECT_FALSE(ProcessLock::try_acquire(db, Mode::kExclusive));
  second.reset();
  auto exclusive = ProcessLock::try_acquire(db, Mode::kExclusive);
  ASSERT_TRUE(exclusive);
  EXPECT_FALSE(ProcessLock::try_acquire(db, Mode::kShared));
}

TEST(ProcessLock, an_open_store_holds_it_until_it_closes) {
  const testing::TempDir dir;
  auto store = testing::sqlite_store(dir);
  EXPECT_FALSE(ProcessLock::try_acquire(dir.file("vitrine.db"), Mode::kExclusive));
  store.reset();
  EXPECT_TRUE(ProcessLock::try_acquire(dir.file("vitrine.db"), Mode::kExclusive));
}

TEST(ProcessLock, a_store_does_not_open_while_a_restore_holds_it) {
  const testing::TempDir dir;
  auto restoring = ProcessLock::try_acquire(dir.file("vitrine.db"), Mode::kExclusive);
  ASSERT_TRUE(restoring);
  try {
    auto store = testing::sqlite_store(dir);
    FAIL() << "the store opened";
  } catch (const Unavailable& e) {
    EXPECT_NE(std::string(e.what()).find("is being restored"), std::string::npos);
  }
}

}  // namespace
}  // namespace vitrine::store::sqlite
