#pragma once
// A pool of SOCI sessions with the per-backend behaviour behind virtual hooks: how to
// connect, notice a dead connection, start a write, take the migration lock and classify
// errors. The SQL written once in store/sql/ runs through `read` and `write`.

#include <soci/error.h>
#include <soci/session.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "store/database_url.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

enum class ErrorKind : std::uint8_t { kConnection, kUnique, kUnavailable, kOther };

class Database {
 public:
  explicit Database(const StoreOptions& options);
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) = delete;
  Database& operator=(Database&&) = delete;

  [[nodiscard]] virtual Backend backend() const = 0;

  // A pooled session for one unit of work; returned to the pool on destruction.
  class Lease {
   public:
    Lease(Database& db, std::size_t slot) : db_(&db), slot_(slot) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept : db_(other.db_), slot_(other.slot_) { other.db_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    soci::session& session() { return *db_->slots_[slot_].session; }
    // The connection is unusable; it is closed and reopened on a later lease.
    void discard() { discard_ = true; }

   private:
    Database* db_;
    std::size_t slot_;
    bool discard_ = false;
  };

  // Waits up to the acquire timeout for a session, connecting when needed. Throws
  // Unavailable on timeout or when the database cannot be reached.
  Lease acquire();

  // Runs `fn(session)` and maps database errors: lost connection, timeouts and busy →
  // Unavailable (the session is discarded when broken), unique violations → Conflict
  // naming `unique_field`.
  template <typename Fn>
  auto read(Fn&& fn, const char* unique_field = "") {
    Lease lease = acquire();
    try {
      return fn(lease.session());
    } catch (const soci::soci_error& e) {
      translate(lease, e, unique_field);
    }
  }

  // Like `read`, inside a write transaction: committed when `fn` returns, rolled back when
  // it throws.
  template <typename Fn>
  auto write(Fn&& fn, const char* unique_field = "") {
    Lease lease = acquire();
    const std::unique_lock<std::mutex> serialized = writer_lock();
    try {
      soci::session& s = lease.session();
      begin_write(s);
      try {
        if constexpr (std::is_void_v<decltype(fn(s))>) {
          fn(s);
          s.commit();
        } else {
          auto result = fn(s);
          s.commit();
          return result;
        }
      } catch (...) {
        rollback_quietly(lease);
        throw;
      }
    } catch (const soci::soci_error& e) {
      translate(lease, e, unique_field);
    }
  }

  [[nodiscard]] PoolStats stats() const;

  // Migrations hold this across replicas and processes while they run.
  virtual void lock_migrations(soci::session& session) = 0;
  virtual void unlock_migrations(soci::session& session) = 0;
  // BEGIN for a write transaction (SQLite: BEGIN IMMEDIATE, to take the write lock first).
  virtual void begin_write(soci::session& session) = 0;

 protected:
  // Opens and configures a new session; throws soci_error or Unavailable.
  virtual std::unique_ptr<soci::session> connect() = 0;
  // Cheap check on lease that an idle session is still connected.
  virtual bool alive(soci::session& session) = 0;
  virtual ErrorKind classify(soci::session& session, const soci::soci_error& error) = 0;
  // SQLite serializes writers in-process (a mutex is fairer and faster than its busy
  // handler's sleeps); PostgreSQL needs no lock.
  virtual std::unique_lock<std::mutex> writer_lock() { return {}; }

  const StoreOptions& options() const { return options_; }

 private:
  struct Slot {
    std::unique_ptr<soci::session> session;
    bool in_use = false;
  };

  [[noreturn]] void translate(Lease& lease, const soci::soci_error& error,
                              const char* unique_field);
  static void rollback_quietly(Lease& lease);
  void release(std::size_t slot, bool discard);

  StoreOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<Slot> slots_;
  std::uint64_t acquire_timeouts_ = 0;
  std::uint64_t reconnects_ = 0;
  bool ever_connected_ = false;
};

}  // namespace vitrine::store::sql
