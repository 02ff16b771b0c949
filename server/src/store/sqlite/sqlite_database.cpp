#include "store/sqlite/sqlite_database.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <mutex>

#include "store/errors.hpp"

namespace vitrine::store::sqlite {
namespace {

constexpr int kBusy = 5;         // SQLITE_BUSY
constexpr int kLocked = 6;       // SQLITE_LOCKED
constexpr int kConstraint = 19;  // SQLITE_CONSTRAINT

class SqliteDatabase final : public sql::Database {
 public:
  explicit SqliteDatabase(const StoreOptions& options) : Database(options) {
    // Debian's SQLite keeps memory statistics behind a global mutex; off before any open.
    static std::once_flag configured;
    std::call_once(configured, [] {
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS,
                                 0);  // NOLINT(cppcoreguidelines-pro-type-vararg)
    });
    const std::filesystem::path path(options.url.sqlite_path);
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        throw Unavailable("cannot create the directory of " + path.string() + ": " + ec.message());
      }
    }
  }

  [[nodiscard]] Backend backend() const override { return Backend::kSqlite; }

  void lock_migrations(soci::session& /*session*/) override {}    // BEGIN IMMEDIATE serializes
  void unlock_migrations(soci::session& /*session*/) override {}  // migrations across processes
  void begin_write(soci::session& session) override { session << "BEGIN IMMEDIATE"; }

 protected:
  std::unique_ptr<soci::session> connect() override {
    auto s = std::make_unique<soci::session>();
    // SOCI's connection string quotes values with spaces in single quotes.
    s->open(*soci::factory_sqlite3(), "db=" + options().url.sqlite_path);
    *s << "PRAGMA journal_mode = WAL";
    *s << (options().sqlite_full_sync ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL");
    *s << "PRAGMA foreign_keys = ON";
    const long long busy_ms = options().statement_timeout.count();
    *s << "PRAGMA busy_timeout = " + std::to_string(busy_ms);  // a number from the config
    return s;
  }

  bool alive(soci::session& /*session*/) override { return true; }  // a file does not hang up

  sql::ErrorKind classify(soci::session& /*session*/, const soci::soci_error& error) override {
    const auto* e = dynamic_cast<const soci::sqlite3_soci_error*>(&error);
    if (e == nullptr) {
      return sql::ErrorKind::kOther;
    }
    switch (e->result() & 0xFF) {  // primary result code
      case kConstraint:
        return std::string_view(error.what()).find("UNIQUE") != std::string_view::npos
                   ? sql::ErrorKind::kUnique
                   : sql::ErrorKind::kOther;
      case kBusy:
      case kLocked:
        return sql::ErrorKind::kUnavailable;
      default:
        return sql::ErrorKind::kOther;
    }
  }

  std::unique_lock<std::mutex> writer_lock() override { return std::unique_lock(writer_); }

 private:
  std::mutex writer_;
};

}  // namespace

std::unique_ptr<sql::Database> make_database(const StoreOptions& options) {
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace vitrine::store::sqlite
