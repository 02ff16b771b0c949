// Connections opened at the same moment on a new SQLite file: switching it to WAL takes a
// lock, and a connection that met it used to fail with "database is locked" instead of
// waiting (the busy timeout was set after the switch).
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "testing/temp_dir.hpp"

namespace vitrine::store {
namespace {

TEST(SqliteConnect, simultaneous_first_connections_to_a_new_file_wait_for_each_other) {
  constexpr int kRounds = 20;
  constexpr int kOpeners = 6;
  for (int round = 0; round < kRounds; ++round) {
    vitrine::testing::TempDir dir;
    StoreOptions o;
    o.url = parse_database_url("sqlite://" + dir.file("new.db")).value();
    std::atomic<int> failures{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> openers;
    openers.reserve(kOpeners);
    for (int i = 0; i < kOpeners; ++i) {
      openers.emplace_back([&] {
        while (!go.load()) {
          std::this_thread::yield();
        }
        try {
          open_store(o)->ping();
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          failures.fetch_add(1);
        }
      });
    }
    go.store(true);
    for (auto& t : openers) {
      t.join();
    }
    ASSERT_EQ(failures.load(), 0) << "round " << round;
  }
}

}  // namespace
}  // namespace vitrine::store
