#include "store/sql/database.hpp"

#include <fmt/format.h>

#include "store/errors.hpp"

namespace vitrine::store::sql {

Database::Database(const StoreOptions& options) : options_(options), slots_(options.pool_size) {}

Database::Lease::~Lease() {
  if (db_ != nullptr) {
    db_->release(slot_, discard_);
  }
}

Database::Lease Database::acquire() {
  std::size_t slot = 0;
  bool need_connect = false;
  {
    std::unique_lock lock(mutex_);
    const auto free_slot = [&] {
      for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (!slots_[i].in_use) {
          slot = i;
          return true;
        }
      }
      return false;
    };
    if (!freed_.wait_for(lock, options_.acquire_timeout, free_slot)) {
      ++acquire_timeouts_;
      throw Unavailable(fmt::format("no database connection free within {} ms",
                                    options_.acquire_timeout.count()));
    }
    slots_[slot].in_use = true;
    need_connect = !slots_[slot].session;
  }
  Lease lease(*this, slot);
  // Connecting and the liveness check run outside the pool lock.
  Slot& s = slots_[slot];
  if (!need_connect && !alive(*s.session)) {
    s.session.reset();
    need_connect = true;
  }
  if (need_connect) {
    try {
      s.session = connect();
    } catch (const soci::soci_error& e) {
      throw Unavailable(std::string("cannot connect to the database: ") + e.what());
    }
    const std::lock_guard lock(mutex_);
    reconnects_ += ever_connected_ ? 1 : 0;
    ever_connected_ = true;
  }
  return lease;
}

void Database::release(std::size_t slot, bool discard) {
  {
    const std::lock_guard lock(mutex_);
    if (discard) {
      slots_[slot].session.reset();
    }
    slots_[slot].in_use = false;
  }
  freed_.notify_one();
}

std::exception_ptr Database::translate_error(Lease& lease, const soci::soci_error& error,
                                             const char* unique_field) {
  switch (classify(lease.session(), error)) {
    case ErrorKind::kConnection:
      lease.discard();
      return std::make_exception_ptr(
          Unavailable(std::string("database connection lost: ") + error.what()));
    case ErrorKind::kUnavailable:
      return std::make_exception_ptr(
          Unavailable(std::string("database busy or too slow: ") + error.what()));
    case ErrorKind::kUnique:
      return std::make_exception_ptr(Conflict(unique_field, error.what()));
    case ErrorKind::kOther:
      break;
  }
  return std::current_exception();  // the soci_error being handled
}

void Database::translate(Lease& lease, const soci::soci_error& error, const char* unique_field) {
  std::rethrow_exception(translate_error(lease, error, unique_field));
}

obs::Span Database::trace_span(std::string_view operation) const {
  if (!obs::current_span_recording()) {
    return {};  // every store call outside a recorded request: nothing to build
  }
  // OpenTelemetry's db.system values.
  const std::string system = backend() == Backend::kPostgres ? "postgresql" : "sqlite";
  obs::Span span =
      obs::child_of_current(std::string(operation) + " " + system, obs::SpanKind::kClient);
  span.set("db.system", system);
  span.set("db.operation.name", std::string(operation));
  return span;
}

void Database::run_write(const WriteUnit& unit, const char* unique_field, Statements statements) {
  Lease lease = acquire();
  try {
    Session& s = lease.session();
    if (statements == Statements::kOne) {
      unit(s);
      return;
    }
    begin_write(s);
    try {
      unit(s);
      s.commit();
    } catch (...) {
      rollback_quietly(lease);
      throw;
    }
  } catch (const soci::soci_error& e) {
    translate(lease, e, unique_field);
  }
}

void Database::rollback_quietly(Lease& lease) {
  try {
    lease.session().rollback();
  } catch (const soci::soci_error&) {
    lease.discard();  // a session that cannot roll back is not reused
  }
}

PoolStats Database::stats() const {
  const std::lock_guard lock(mutex_);
  PoolStats st;
  st.size = static_cast<unsigned>(slots_.size());
  for (const Slot& s : slots_) {
    st.in_use += s.in_use ? 1 : 0;
  }
  st.acquire_timeouts = acquire_timeouts_;
  st.reconnects = reconnects_;
  return st;
}

}  // namespace vitrine::store::sql
