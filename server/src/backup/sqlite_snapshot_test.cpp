// The online copy is the database as of one commit, and verify() tells a whole Vitrine
// database from a damaged file, a foreign database and something else entirely.
#include "backup/sqlite_snapshot.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <string>

#include "backup/errors.hpp"
#include "testing/test_store.hpp"

namespace vitrine::backup {
namespace {

std::string verify_error(const std::string& file) {
  try {
    static_cast<void>(verify(file));
    return "";
  } catch (const BackupError& e) {
    return e.what();
  }
}

TEST(SqliteSnapshot, copies_a_live_store_and_the_copy_holds_its_rows) {
  const testing::TempDir dir;
  auto store = testing::sqlite_store(dir);
  store->projects().insert(testing::project("before"), testing::audit_record());
  copy_online(dir.file("vitrine.db"), dir.file("copy.db"));
  store->projects().insert(testing::project("after"), testing::audit_record());

  const SnapshotInfo info = verify(dir.file("copy.db"));
  EXPECT_GT(info.pages, 0);
  EXPECT_EQ(info.page_size, 4096);
  EXPECT_GE(info.schema_version, 16U);
  EXPECT_EQ(
      std::filesystem::status(dir.file("copy.db")).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // One file: no -wal beside the copy.
  EXPECT_FALSE(std::filesystem::exists(dir.file("copy.db-wal")));

  store::StoreOptions o;
  o.url = store::parse_database_url("sqlite://" + dir.file("copy.db")).value();
  auto copy = store::open_store(o);
  EXPECT_TRUE(copy->projects().find("before").has_value());
  EXPECT_FALSE(copy->projects().find("after").has_value());
}

TEST(SqliteSnapshot, refuses_a_missing_source_and_an_existing_destination) {
  const testing::TempDir dir;
  EXPECT_THROW(copy_online(dir.file("absent.db"), dir.file("copy.db")), BackupError);
  auto store = testing::sqlite_store(dir);
  const std::string taken = dir.write("taken.db", "x");
  EXPECT_THROW(copy_online(dir.file("vitrine.db"), taken), BackupError);
}

TEST(SqliteSnapshot, verify_names_what_is_wrong_with_a_file) {
  const testing::TempDir dir;
  EXPECT_NE(verify_error(dir.write("text.db", std::string(8192, 'x'))).find("is not a SQLite"),
            std::string::npos);

  {
    auto store = testing::sqlite_store(dir);  // a real database, to damage below
  }
  copy_online(dir.file("vitrine.db"), dir.file("copy.db"));
  EXPECT_EQ(verify_error(dir.file("copy.db")), "");
  {
    std::fstream f(dir.file("copy.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);  // pages 2 and 3: b-tree pages of the schema's first tables
    const std::string noise(std::size_t{2} * 4096, '\x5a');
    f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  const std::string damaged = verify_error(dir.file("copy.db"));
  EXPECT_TRUE(damaged.find("integrity check") != std::string::npos ||
              damaged.find("is damaged") != std::string::npos)
      << damaged;
}

TEST(SqliteSnapshot, verify_refuses_a_database_that_is_not_vitrines) {
  const testing::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("other.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE notes (body TEXT)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_NE(verify_error(dir.file("other.db")).find("not Vitrine's"), std::string::npos);
}

}  // namespace
}  // namespace vitrine::backup
