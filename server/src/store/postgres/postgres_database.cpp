#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>

#include <string>

namespace vitrine::store::postgres {
namespace {

// pg_advisory_lock key for schema migrations: any constant, the same in every replica.
constexpr long long kMigrationLockKey = 0x76697472696e65;  // "vitrine"

// Every session of this pool was opened with the postgresql factory. (A static cast: SOCI
// does not export the backend's type information, so dynamic_cast cannot link.)
PGconn* connection_of(soci::session& session) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-static-cast-downcast): see above
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  return backend != nullptr ? backend->conn_ : nullptr;
}

class PostgresDatabase final : public sql::Database {
 public:
  using Database::Database;

  [[nodiscard]] Backend backend() const override { return Backend::kPostgres; }

  void lock_migrations(soci::session& session) override {
    session << "SET statement_timeout = 0";  // waiting for another replica's migration is fine
    long long key = kMigrationLockKey;
    session << "SELECT pg_advisory_lock(:key)", soci::use(key);
  }

  void unlock_migrations(soci::session& session) override {
    long long key = kMigrationLockKey;
    session << "SELECT pg_advisory_unlock(:key)", soci::use(key);
    set_statement_timeout(session);
  }

  void begin_write(soci::session& session) override { session.begin(); }
  // SHARE ROW EXCLUSIVE: conflicts with itself and with every write, not with reads.
  void lock_table(soci::session& session, std::string_view table) override {
    session << "LOCK TABLE " + std::string(table) + " IN SHARE ROW EXCLUSIVE MODE";
  }

 protected:
  std::unique_ptr<sql::Session> connect() override {
    auto s = std::make_unique<sql::Session>();
    s->open(*soci::factory_postgresql(), options().url.postgres_conninfo);
    set_statement_timeout(*s);
    *s << "SET application_name = 'vitrine'";
    return s;
  }

  // An idle connection has nothing to read. Anything there means the server is going or
  // gone: the FATAL it sends before hanging up (restart, failover, idle timeout), or the
  // hang-up itself. Consuming the FATAL alone leaves libpq's status OK until the EOF
  // arrives, so a readable socket is enough to reconnect: that costs less than a request
  // answered 503. Checked without a round trip.
  bool alive(soci::session& session) override {
    PGconn* conn = connection_of(session);
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
      return false;
    }
    pollfd pfd{PQsocket(conn), POLLIN, 0};
    if (pfd.fd < 0 || poll(&pfd, 1, 0) != 0) {
      return false;
    }
    return PQtransactionStatus(conn) == PQTRANS_IDLE;
  }

  sql::ErrorKind classify(soci::session& session, const soci::soci_error& error) override {
    PGconn* conn = connection_of(session);
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
      return sql::ErrorKind::kConnection;
    }
    const auto* e = dynamic_cast<const soci::postgresql_soci_error*>(&error);
    if (e == nullptr) {
      return sql::ErrorKind::kOther;
    }
    const std::string state = e->sqlstate();
    if (state == "23505") {  // unique_violation
      return sql::ErrorKind::kUnique;
    }
    if (state.starts_with("08") || state.starts_with("57P")) {  // connection, shutdown
      return sql::ErrorKind::kConnection;
    }
    if (state == "57014" || state == "40001" || state == "40P01" || state == "55P03" ||
        state.starts_with("53")) {  // timeout, serialization, deadlock, lock, resources
      return sql::ErrorKind::kUnavailable;
    }
    return sql::ErrorKind::kOther;
  }

 private:
  void set_statement_timeout(soci::session& session) const {
    // A number from the configuration, not input.
    session << "SET statement_timeout = " + std::to_string(options().statement_timeout.count());
  }
};

}  // namespace

std::unique_ptr<sql::Database> make_database(const StoreOptions& options) {
  return std::make_unique<PostgresDatabase>(options);
}

}  // namespace vitrine::store::postgres
