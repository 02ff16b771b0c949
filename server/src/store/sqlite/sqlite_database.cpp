#include "store/sqlite/sqlite_database.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "store/errors.hpp"
#include "store/sqlite/process_lock.hpp"

namespace vitrine::store::sqlite {
namespace {

constexpr int kBusy = 5;         // SQLITE_BUSY
constexpr int kLocked = 6;       // SQLITE_LOCKED
constexpr int kConstraint = 19;  // SQLITE_CONSTRAINT

// WAL is a property of the file: only the first connection to a new file switches it. That
// upgrades a shared lock to an exclusive one, which SQLite refuses at once (SQLITE_BUSY,
// no busy handler: the holder might be waiting for us) when another connection opens at
// the same moment; so the switch is retried, with short growing pauses, up to `timeout`.
void enable_wal(soci::session& s, std::chrono::milliseconds timeout) {
  using namespace std::chrono_literals;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (std::chrono::milliseconds pause = 1ms;; pause = std::min(pause * 2, 50ms)) {
    try {
      s << "PRAGMA journal_mode = WAL";
      return;
    } catch (const soci::sqlite3_soci_error& e) {
      if ((e.result() & 0xFF) != kBusy || std::chrono::steady_clock::now() + pause > deadline) {
        throw;
      }
      std::this_thread::sleep_for(pause);
    }
  }
}

// The database's directory exists and this process holds the shared lock that keeps
// `vitrine restore` away. A base of SqliteDatabase declared before sql::Database, so the
// lock is released only after every connection has closed.
class FileClaim {
 protected:
  explicit FileClaim(const std::string& sqlite_path) {
    const std::filesystem::path path(sqlite_path);
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        throw Unavailable("cannot create the directory of " + path.string() + ": " + ec.message());
      }
    }
    try {
      lock_ = ProcessLock::try_acquire(sqlite_path, ProcessLock::Mode::kShared);
    } catch (const std::system_error& e) {
      throw Unavailable(e.what());
    }
    if (!lock_) {
      throw Unavailable(path.string() +
                        " is being restored (`vitrine restore` holds its lock): start again "
                        "when the restore has finished");
    }
  }

 private:
  std::optional<ProcessLock> lock_;
};

class SqliteDatabase final : private FileClaim, public sql::Database {
 public:
  explicit SqliteDatabase(const StoreOptions& options)
      : FileClaim(options.url.sqlite_path), Database(options) {
    // Debian's SQLite keeps memory statistics behind a global mutex; off before any open.
    static std::once_flag configured;
    std::call_once(configured, [] {
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS,
                                 0);  // NOLINT(cppcoreguidelines-pro-type-vararg)
    });
  }

  [[nodiscard]] Backend backend() const override { return Backend::kSqlite; }

  void lock_migrations(soci::session& /*session*/) override {}    // BEGIN IMMEDIATE serializes
  void unlock_migrations(soci::session& /*session*/) override {}  // migrations across processes
  void begin_write(soci::session& session) override { session << "BEGIN IMMEDIATE"; }
  void lock_table(soci::session& /*session*/, std::string_view /*table*/) override {}

 protected:
  std::unique_ptr<sql::Session> connect() override {
    auto s = std::make_unique<sql::Session>();
    // SOCI's connection string quotes values with spaces in single quotes.
    s->open(*soci::factory_sqlite3(), "db=" + options().url.sqlite_path);
    const long long busy_ms = options().statement_timeout.count();
    *s << "PRAGMA busy_timeout = " + std::to_string(busy_ms);  // a number from the config
    enable_wal(*s, options().statement_timeout);
    *s << (options().sqlite_full_sync ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL");
    *s << "PRAGMA foreign_keys = ON";
    // Checkpoint (and fsync) every 4,000 WAL pages instead of 1,000: fewer, larger
    // checkpoints under a stream of writes; the WAL stays a few MiB.
    *s << "PRAGMA wal_autocheckpoint = 4000";
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

  // Group commit. Writers queue their unit; whoever finds no batch running becomes the
  // leader, runs what is queued (itself first) in one transaction, wakes exactly the
  // writers it served and hands the lead to the first one still waiting. One commit (one
  // WAL append of the touched pages) serves many writes; a batch wakes only its own
  // writers, not every waiter; in-process writers never meet SQLite's sleeping busy
  // handler. A failing unit makes the batch fall back to one transaction per unit, so it
  // fails alone.
  void run_write(const sql::WriteUnit& unit, const char* unique_field,
                 sql::Statements /*statements*/) override {
    Pending me(&unit, unique_field);
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&me);
    if (leader_active_) {
      me.wake.wait(lock, [&me] { return me.done || me.leads; });
    } else {
      leader_active_ = true;  // the queue was empty: `me` is at its front
    }
    if (!me.done) {
      lead(lock);
    }
    if (me.error) {
      std::rethrow_exception(me.error);
    }
  }

 private:
  static constexpr std::size_t kMaxBatch = 64;

  struct Pending {
    Pending(const sql::WriteUnit* u, const char* field) : unit(u), unique_field(field) {}
    const sql::WriteUnit* unit;
    const char* unique_field;
    std::exception_ptr error;
    bool done = false;
    bool leads = false;
    std::condition_variable wake;  // lives on the writer's stack: notified under the lock
  };

  // The leader's turn, entered with the lock held and its own unit at the queue's front.
  void lead(std::unique_lock<std::mutex>& lock) {
    std::vector<Pending*> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    run_batch(batch);
    lock.lock();
    for (Pending* p : batch) {
      p->done = true;
      p->wake.notify_one();
    }
    if (queue_.empty()) {
      leader_active_ = false;
    } else {
      queue_.front()->leads = true;  // it takes itself and those behind it next
      queue_.front()->wake.notify_one();
    }
  }

  void run_batch(const std::vector<Pending*>& batch) {
    std::optional<Lease> lease;
    try {
      lease.emplace(acquire());
    } catch (...) {
      for (Pending* p : batch) {
        p->error = std::current_exception();
      }
      return;
    }
    // The common case: every unit succeeds, one transaction, one commit.
    try {
      sql::Session& s = lease->session();
      begin_write(s);
      for (Pending* p : batch) {
        (*p->unit)(s);
      }
      s.commit();
      return;
    } catch (...) {
      rollback_quietly(*lease);
    }
    // A unit failed (a taken slug, say): nothing was written. Run each alone, so the
    // failure stays with its own request. Units are plain functions of their inputs, so
    // running one again is safe.
    for (Pending* p : batch) {
      p->error = run_alone(*lease, *p);
    }
  }

  std::exception_ptr run_alone(Lease& lease, const Pending& p) {
    sql::Session& s = lease.session();
    try {
      begin_write(s);
      try {
        (*p.unit)(s);
        s.commit();
        return nullptr;
      } catch (...) {
        rollback_quietly(lease);
        throw;
      }
    } catch (const soci::soci_error& e) {
      return translate_error(lease, e, p.unique_field);
    } catch (...) {
      return std::current_exception();
    }
  }

  std::mutex queue_mutex_;
  std::deque<Pending*> queue_;
  bool leader_active_ = false;
};

}  // namespace

std::unique_ptr<sql::Database> make_database(const StoreOptions& options) {
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace vitrine::store::sqlite
