#pragma once
// A pool of SOCI sessions with the per-backend behaviour behind virtual hooks: how to
// connect, notice a dead connection, start a write, take the migration lock and classify
// errors. The SQL written once in store/sql/ runs through `read` and `write`.

#include <soci/error.h>
#include <soci/session.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "obs/tracing.hpp"
#include "store/database_url.hpp"
#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

enum class ErrorKind : std::uint8_t { kConnection, kUnique, kUnavailable, kOther };

// How many statements a write unit runs. A single statement is atomic by itself, so on
// PostgreSQL it runs without BEGIN/COMMIT (one round trip instead of three).
enum class Statements : std::uint8_t { kOne, kSeveral };

using WriteUnit = std::function<void(Session&)>;

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
    Session& session() { return *db_->slots_[slot_].session; }
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
    obs::Span span = trace_span("read");
    const obs::ErrorOnUnwind failed(span);
    Lease lease = acquire();
    try {
      return fn(lease.session());
    } catch (const soci::soci_error& e) {
      translate(lease, e, unique_field);
    }
  }

  // Runs `fn(session)` as one atomic write: its effects are committed (and durable as the
  // store promises) before this returns, or none are and it throws. Errors map as in
  // `read`. The store may batch concurrent writes into one transaction (SQLite), each in
  // its own savepoint, so one failing write never fails another.
  template <typename Fn>
  auto write(Fn&& fn, const char* unique_field = "", Statements statements = Statements::kSeveral) {
    obs::Span span = trace_span("write");
    const obs::ErrorOnUnwind failed(span);
    using Result = std::invoke_result_t<Fn&, Session&>;
    if constexpr (std::is_void_v<Result>) {
      run_write([&fn](Session& s) { fn(s); }, unique_field, statements);
    } else {
      std::optional<Result> result;
      run_write([&fn, &result](Session& s) { result.emplace(fn(s)); }, unique_field, statements);
      return std::move(*result);
    }
  }

  [[nodiscard]] PoolStats stats() const;

  // Migrations hold this across replicas and processes while they run.
  virtual void lock_migrations(soci::session& session) = 0;
  virtual void unlock_migrations(soci::session& session) = 0;
  // BEGIN for a write transaction (SQLite: BEGIN IMMEDIATE, to take the write lock first).
  virtual void begin_write(soci::session& session) = 0;
  // Inside a write transaction: no other transaction writes `table` until this one ends, so
  // a rule checked across rows (the last admin) holds. PostgreSQL locks the table; SQLite
  // already runs one writer at a time. `table` is a constant from our code, never input.
  virtual void lock_table(soci::session& session, std::string_view table) = 0;

 protected:
  // Opens and configures a new session; throws soci_error or Unavailable.
  virtual std::unique_ptr<Session> connect() = 0;
  // Cheap check on lease that an idle session is still connected.
  virtual bool alive(soci::session& session) = 0;
  virtual ErrorKind classify(soci::session& session, const soci::soci_error& error) = 0;
  // One write unit in its own transaction (or none, for a single statement). SQLite
  // overrides it with group commit.
  virtual void run_write(const WriteUnit& unit, const char* unique_field, Statements statements);
  // The exception a database error becomes (Unavailable, Conflict, or the error itself);
  // call from the handler catching it. Discards the lease's connection when it broke.
  std::exception_ptr translate_error(Lease& lease, const soci::soci_error& error,
                                     const char* unique_field);
  static void rollback_quietly(Lease& lease);
  // A client span for one unit of work under the thread's current span (the request's),
  // or a non-recording one: "read postgresql", "write sqlite".
  [[nodiscard]] obs::Span trace_span(std::string_view operation) const;

  const StoreOptions& options() const { return options_; }

 private:
  struct Slot {
    std::unique_ptr<Session> session;
    bool in_use = false;
  };

  [[noreturn]] void translate(Lease& lease, const soci::soci_error& error,
                              const char* unique_field);
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
