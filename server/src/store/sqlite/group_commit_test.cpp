// SQLite's group commit under concurrent writers, on a real file: every acknowledged
// write is there with its audit record, a unit that fails (a taken slug) fails alone and
// leaves nothing behind, and no writer is left waiting. Runs under TSan in `make test`.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store/errors.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"

namespace vitrine::store {
namespace {

TEST(SqliteGroupCommit, concurrent_writers_each_get_their_own_outcome) {
  vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir);
  constexpr int kThreads = 24;
  constexpr int kWrites = 40;
  // Every third write of a thread reuses a slug another thread also writes: exactly one
  // of the two may succeed, and the other must see Conflict for its own unit.
  std::atomic<int> created{0};
  std::atomic<int> conflicts{0};
  std::atomic<int> other_errors{0};
  std::vector<std::thread> writers;
  writers.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::string slug = i % 3 == 0 ? "shared-" + std::to_string((t / 2) * 1000 + i)
                                            : "own-" + std::to_string(t * 1000 + i);
        try {
          store->projects().insert(vitrine::testing::project(slug),
                                   vitrine::testing::audit_record("project.create"));
          created.fetch_add(1);
        } catch (const Conflict&) {
          conflicts.fetch_add(1);
        } catch (...) {
          other_errors.fetch_add(1);
        }
      }
    });
  }
  for (auto& w : writers) {
    w.join();
  }
  const int shared_per_pair = (kWrites + 2) / 3;  // i = 0, 3, 6, ...
  EXPECT_EQ(other_errors.load(), 0);
  EXPECT_EQ(conflicts.load(), (kThreads / 2) * shared_per_pair);
  EXPECT_EQ(created.load(), kThreads * kWrites - conflicts.load());
  EXPECT_EQ(store->projects().count(), static_cast<std::uint64_t>(created.load()));

  // One record per committed write, none for the refused ones.
  std::uint64_t records = 0;
  AuditQuery q;
  q.limit = 500;
  q.action = "project.create";
  for (;;) {
    const AuditPage page = store->audit().list(q);
    records += page.items.size();
    if (!page.has_more) {
      break;
    }
    q.before = page.items.back().id;
  }
  EXPECT_EQ(records, static_cast<std::uint64_t>(created.load()));
}

}  // namespace
}  // namespace vitrine::store
