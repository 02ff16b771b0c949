#include "backup/sqlite_snapshot.hpp"

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "backup/errors.hpp"
#include "backup/file_io.hpp"

namespace vitrine::backup {
namespace {

constexpr int kBusyTimeoutMs = 10'000;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

struct Finalize {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

std::string describe(const std::filesystem::path& file, sqlite3* db, int rc) {
  if ((rc & 0xFF) == SQLITE_NOTADB) {
    return file.string() + " is not a SQLite database";
  }
  if ((rc & 0xFF) == SQLITE_CORRUPT) {
    return file.string() + " is damaged (SQLite: " + sqlite3_errmsg(db) + ")";
  }
  return file.string() + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

Db open(const std::filesystem::path& file, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    throw BackupError("cannot open " + describe(file, db.get(), rc));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

void exec(const std::filesystem::path& file, sqlite3* db, const char* sql) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    throw BackupError(describe(file, db, rc));
  }
}

// Every row's first column as text, for the check pragmas.
std::vector<std::string> column(const std::filesystem::path& file, sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  const Statement st(raw);
  if (rc != SQLITE_OK) {
    throw BackupError(describe(file, db, rc));
  }
  std::vector<std::string> rows;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(st.get(), 0);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): SQLite's text is UTF-8
    rows.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  if (rc != SQLITE_DONE) {
    throw BackupError(describe(file, db, rc));
  }
  return rows;
}

std::int64_t number(const std::filesystem::path& file, sqlite3* db, const char* sql) {
  const auto rows = column(file, db, sql);
  return rows.empty() ? 0 : std::stoll(rows.front());
}

}  // namespace

void copy_online(const std::filesystem::path& source, const std::filesystem::path& dest) {
  if (!std::filesystem::exists(source)) {
    throw BackupError("there is no database at " + source.string());
  }
  const Db from = open(source, SQLITE_OPEN_READONLY);
  NewFile(dest).commit();  // owner-only (0600) before SQLite fills it: a backup is secret
  const Db to = open(dest, SQLITE_OPEN_READWRITE);
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (backup == nullptr) {
    throw BackupError("cannot copy " + source.string() + ": " + sqlite3_errmsg(to.get()));
  }
  // All pages in one step: one read transaction, so one consistent state. The source is
  // only busy while a crashed writer's WAL is recovered: wait that out.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  int rc = SQLITE_OK;
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (std::chrono::steady_clock::now() > deadline) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    throw BackupError("cannot copy " + describe(source, from.get(), rc));
  }
  // The copy carries the source's WAL flag; a backup is one self-contained file instead.
  exec(dest, to.get(), "PRAGMA journal_mode = DELETE");
}

SnapshotInfo verify(const std::filesystem::path& file) {
  const Db db = open(file, SQLITE_OPEN_READONLY);
  const auto integrity = column(file, db.get(), "PRAGMA integrity_check(20)");
  if (integrity.size() != 1 || integrity.front() != "ok") {
    std::string what;
    for (const auto& line : integrity) {
      what += "\n  " + line;
    }
    throw BackupError(file.string() + " fails SQLite's integrity check:" + what);
  }
  if (!column(file, db.get(), "PRAGMA foreign_key_check").empty()) {
    throw BackupError(file.string() +
                      " has rows whose references point nowhere "
                      "(PRAGMA foreign_key_check)");
  }
  if (number(file, db.get(),
             "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
             "name = 'schema_migrations'") == 0) {
    throw BackupError(file.string() +
                      " is a SQLite database but not Vitrine's "
                      "(it has no schema_migrations table)");
  }
  SnapshotInfo info;
  info.pages = number(file, db.get(), "PRAGMA page_count");
  info.page_size = number(file, db.get(), "PRAGMA page_size");
  info.schema_version = static_cast<unsigned>(
      number(file, db.get(), "SELECT coalesce(max(version), 0) FROM schema_migrations"));
  return info;
}

void checkpoint(const std::filesystem::path& database) {
  const Db db = open(database, SQLITE_OPEN_READWRITE);
  // TRUNCATE waits for readers (none: the restore holds the process lock) and empties the
  // WAL; closing the last connection then deletes it.
  exec(database, db.get(), "PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace vitrine::backup
