#include <soci/soci.h>

#include <string>
#include <utility>

#include "store/sql/sql_incident_store.hpp"
#include "store/sql/sql_monitor_store.hpp"
#include "store/sql/sql_rollups.hpp"

namespace vitrine::store::sql {
namespace {

using domain::CheckResult;

// A nullable integer column: -1 (not measured) and 0 (no status) are stored as NULL.
struct Nullable {
  long long value = 0;
  soci::indicator ind = soci::i_null;

  void set(std::int64_t v, bool present) {
    value = present ? v : 0;
    ind = present ? soci::i_ok : soci::i_null;
  }
  [[nodiscard]] std::int64_t get(std::int64_t absent) const {
    return ind == soci::i_ok ? value : absent;
  }
};

// The bound variables of one result row.
struct Row {
  std::string monitor_id;
  long long at = 0;
  int state = 0;
  long long total_us = 0;
  Nullable dns_us, connect_us, tls_us, first_byte_us, status_code, tls_days, maintenance;
  std::string error, message;
  soci::indicator error_ind = soci::i_null, message_ind = soci::i_null;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(at), soci::into(state), soci::into(total_us),
        soci::into(dns_us.value, dns_us.ind), soci::into(connect_us.value, connect_us.ind),
        soci::into(tls_us.value, tls_us.ind), soci::into(first_byte_us.value, first_byte_us.ind),
        soci::into(status_code.value, status_code.ind), soci::into(error, error_ind),
        soci::into(message, message_ind), soci::into(tls_days.value, tls_days.ind),
        soci::into(maintenance.value, maintenance.ind);
  }
};

int state_code(domain::CheckState s) {
  switch (s) {
    case domain::CheckState::kUp:
      return 0;
    case domain::CheckState::kDown:
      return 1;
    case domain::CheckState::kDegraded:
      return 2;
  }
  return 1;
}

domain::CheckState state_of(int code) {
  return code == 0   ? domain::CheckState::kUp
         : code == 2 ? domain::CheckState::kDegraded
                     : domain::CheckState::kDown;
}

void to_row(const CheckResult& r, Row& row) {
  row.monitor_id = r.monitor_id;
  row.at = r.at_us;
  row.state = state_code(r.state);
  row.total_us = r.timings.total_us;
  row.dns_us.set(r.timings.dns_us, r.timings.dns_us >= 0);
  row.connect_us.set(r.timings.connect_us, r.timings.connect_us >= 0);
  row.tls_us.set(r.timings.tls_us, r.timings.tls_us >= 0);
  row.first_byte_us.set(r.timings.first_byte_us, r.timings.first_byte_us >= 0);
  row.status_code.set(r.status_code, r.status_code != 0);
  row.tls_days.set(r.tls_days_left.value_or(0), r.tls_days_left.has_value());
  row.maintenance.set(1, r.maintenance);  // NULL outside windows: no bytes on most rows
  const bool failed = r.error != domain::CheckError::kNone;
  row.error = failed ? std::string(domain::to_string(r.error)) : std::string();
  row.error_ind = failed ? soci::i_ok : soci::i_null;
  row.message = r.message;
  row.message_ind = r.message.empty() ? soci::i_null : soci::i_ok;
}

CheckResult from_row(const std::string& monitor_id, Row&& row) {
  CheckResult r;
  r.monitor_id = monitor_id;
  r.at_us = row.at;
  r.state = state_of(row.state);
  r.timings.total_us = row.total_us;
  r.timings.dns_us = row.dns_us.get(-1);
  r.timings.connect_us = row.connect_us.get(-1);
  r.timings.tls_us = row.tls_us.get(-1);
  r.timings.first_byte_us = row.first_byte_us.get(-1);
  r.status_code = static_cast<int>(row.status_code.get(0));
  r.maintenance = row.maintenance.get(0) == 1;
  if (row.tls_days.ind == soci::i_ok) {
    r.tls_days_left = static_cast<int>(row.tls_days.value);
  }
  if (row.error_ind == soci::i_ok) {
    r.error = domain::parse_check_error(row.error).value_or(domain::CheckError::kInternal);
  }
  if (row.message_ind == soci::i_ok) {
    r.message = std::move(row.message);
  }
  return r;
}

// The result insert. The monitor's key comes from its id in the same statement, so a
// result of a monitor deleted meanwhile inserts nothing.
soci::details::prepare_temp_type prepare_result_insert(soci::session& s, Row& r) {
  soci::details::prepare_temp_type p =
      (s.prepare << "INSERT INTO check_results (monitor_key, at, state, total_us, dns_us, "
                    "connect_us, tls_us, first_byte_us, status_code, error, message, "
                    "tls_days, maintenance) SELECT key, :at, :state, :total_us, :dns_us, "
                    ":connect_us, :tls_us, :first_byte_us, :status_code, :error, :message, "
                    ":tls_days, :maintenance FROM monitors WHERE id = :id ON CONFLICT "
                    "(monitor_key, at) DO NOTHING");
  p, soci::use(r.at, "at"), soci::use(r.state, "state"), soci::use(r.total_us, "total_us"),
      soci::use(r.dns_us.value, r.dns_us.ind, "dns_us"),
      soci::use(r.connect_us.value, r.connect_us.ind, "connect_us"),
      soci::use(r.tls_us.value, r.tls_us.ind, "tls_us"),
      soci::use(r.first_byte_us.value, r.first_byte_us.ind, "first_byte_us"),
      soci::use(r.status_code.value, r.status_code.ind, "status_code"),
      soci::use(r.error, r.error_ind, "error"), soci::use(r.message, r.message_ind, "message"),
      soci::use(r.tls_days.value, r.tls_days.ind, "tls_days"),
      soci::use(r.maintenance.value, r.maintenance.ind, "maintenance"),
      soci::use(r.monitor_id, "id");
  return p;
}

struct StatusRow {
  std::string monitor_id;
  std::string state;
  long long since = 0, last_check = 0, failing_since = 0, good_since = 0;
  int failures = 0, successes = 0, incident_open = 0;

  void set(const domain::MonitorStatus& st) {
    monitor_id = st.monitor_id;
    state = std::string(domain::to_string(st.state));
    since = st.since_us;
    last_check = st.last_check_us;
    failing_since = st.failing_since_us;
    good_since = st.good_since_us;
    failures = st.failures;
    successes = st.successes;
    incident_open = st.incident_open ? 1 : 0;
  }

  [[nodiscard]] domain::MonitorStatus get() const {
    domain::MonitorStatus st;
    st.monitor_id = monitor_id;
    st.state = domain::parse_monitor_state(state).value_or(domain::MonitorState::kPending);
    st.since_us = since;
    st.last_check_us = last_check;
    st.failures = failures;
    st.failing_since_us = failing_since;
    st.successes = successes;
    st.good_since_us = good_since;
    st.incident_open = incident_open != 0;
    return st;
  }
};

soci::details::prepare_temp_type prepare_status_upsert(soci::session& s, StatusRow& r) {
  soci::details::prepare_temp_type p =
      (s.prepare << "INSERT INTO monitor_status (monitor_key, state, since, last_check_at, "
                    "failures, failing_since, successes, good_since, incident_open) SELECT "
                    "key, :state, :since, :last_check, :failures, :failing_since, :successes, "
                    ":good_since, :incident_open FROM monitors WHERE id = :id ON CONFLICT "
                    "(monitor_key) DO UPDATE SET state = excluded.state, since = "
                    "excluded.since, last_check_at = excluded.last_check_at, failures = "
                    "excluded.failures, failing_since = excluded.failing_since, successes = "
                    "excluded.successes, good_since = excluded.good_since, incident_open = "
                    "excluded.incident_open");
  p, soci::use(r.state, "state"), soci::use(r.since, "since"),
      soci::use(r.last_check, "last_check"), soci::use(r.failures, "failures"),
      soci::use(r.failing_since, "failing_since"), soci::use(r.successes, "successes"),
      soci::use(r.good_since, "good_since"), soci::use(r.incident_open, "incident_open"),
      soci::use(r.monitor_id, "id");
  return p;
}

class SqlResultStore final : public ResultStore {
 public:
  explicit SqlResultStore(Database& db) : db_(db) {}

  void append(std::span<const CheckResult> results, std::span<const domain::StateSpan> spans,
              std::span<const domain::MonitorStatus> statuses,
              std::span<const domain::IncidentEvent> incidents) override {
    if (results.empty() && spans.empty() && statuses.empty() && incidents.empty()) {
      return;
    }
    domain::RollupDelta delta;
    for (const CheckResult& r : results) {
      domain::add_result(delta, r);
    }
    for (const domain::StateSpan& span : spans) {
      domain::add_span(delta, span);
    }
    db_.write([&](Session& s) {
      add_rollups(s, delta);
      auto& insert = prepared_row<Row>(s, "insert_result", &prepare_result_insert);
      for (const CheckResult& r : results) {
        to_row(r, insert.row);
        insert.statement.execute(true);
      }
      auto& upsert = prepared_row<StatusRow>(s, "upsert_status", &prepare_status_upsert);
      for (const domain::MonitorStatus& st : statuses) {
        upsert.row.set(st);
        upsert.statement.execute(true);
      }
      apply_incident_events(s, incidents);
    });
  }

  ResultPage list(const ResultQuery& q) override {
    return db_.read([&](Session& s) {
      std::string text =
          "SELECT at, state, total_us, dns_us, connect_us, tls_us, first_byte_us, status_code, "
          "error, message, tls_days, maintenance FROM check_results WHERE monitor_key = (SELECT "
          "key FROM "
          "monitors WHERE id = :id)";
      std::string id = q.monitor_id;
      long long from = q.from_us.value_or(0);
      long long to = q.to_us.value_or(0);
      long long before = q.before_us.value_or(0);
      int limit = static_cast<int>(q.limit) + 1;
      if (q.from_us) {
        text += " AND at >= :from";
      }
      if (q.to_us) {
        text += " AND at < :to";
      }
      if (q.before_us) {
        text += " AND at < :before";
      }
      text += " ORDER BY at DESC LIMIT :limit";
      Row row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      prep, soci::use(id, "id");
      if (q.from_us) {
        prep, soci::use(from, "from");
      }
      if (q.to_us) {
        prep, soci::use(to, "to");
      }
      if (q.before_us) {
        prep, soci::use(before, "before");
      }
      prep, soci::use(limit, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      ResultPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(q.monitor_id, std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<domain::MonitorStatus> status(const std::string& monitor_id) override {
    auto found = select_statuses(std::pair(monitor_id, monitor_id));
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  std::vector<domain::MonitorStatus> statuses() override { return select_statuses(std::nullopt); }

  std::vector<domain::MonitorStatus> statuses_between(const std::string& first_id,
                                                      const std::string& last_id) override {
    return select_statuses(std::pair(first_id, last_id));
  }

  std::vector<domain::BucketRollup> rollups(const std::string& monitor_id,
                                            domain::Resolution resolution, std::int64_t from_us,
                                            std::int64_t to_us) override {
    return db_.read(
        [&](Session& s) { return select_rollups(s, monitor_id, resolution, from_us, to_us); });
  }

  std::unordered_map<std::string, domain::Rollup> hourly_totals_since(
      std::int64_t from_us) override {
    return db_.read([&](Session& s) { return select_hourly_totals(s, from_us); });
  }

  std::uint64_t purge(const RetentionCutoffs& cutoffs) override {
    const std::vector<long long> keys = db_.read([](Session& s) {
      std::vector<long long> out;
      long long key = 0;
      soci::statement st = (s.prepare << "SELECT key FROM monitors ORDER BY key", soci::into(key));
      st.execute();
      while (st.fetch()) {
        out.push_back(key);
      }
      return out;
    });
    // A few monitors per write: the write lock is never held for the whole purge (a day of
    // minutely results is 1,440 rows a monitor), yet 10,000 monitors are 500 transactions,
    // not 10,000, when there is little or nothing to delete (every start).
    constexpr std::size_t kMonitorsPerWrite = 20;
    std::uint64_t deleted = 0;
    for (std::size_t first = 0; first < keys.size(); first += kMonitorsPerWrite) {
      const std::size_t end = std::min(keys.size(), first + kMonitorsPerWrite);
      deleted += db_.write([&](Session& s) {
        long long k = 0;
        long long before = cutoffs.results_before_us;
        soci::statement st =
            (s.prepare << "DELETE FROM check_results WHERE monitor_key = :k AND at < :before",
             soci::use(k, "k"), soci::use(before, "before"));
        std::uint64_t n = 0;
        for (std::size_t i = first; i < end; ++i) {
          k = keys[i];
          st.execute(true);
          n += static_cast<std::uint64_t>(st.get_affected_rows());
          n += purge_rollups(s, k, cutoffs);
        }
        return n;
      });
    }
    return deleted;
  }

 private:
  // The statuses of every monitor, or of those whose id is in [first, last].
  std::vector<domain::MonitorStatus> select_statuses(
      const std::optional<std::pair<std::string, std::string>>& ids) {
    return db_.read([&](Session& s) {
      std::string first = ids ? ids->first : std::string();
      std::string last = ids ? ids->second : std::string();
      StatusRow row;
      soci::details::prepare_temp_type prep =
          (s.prepare << "SELECT m.id, st.state, st.since, st.last_check_at, st.failures, "
                        "st.failing_since, st.successes, st.good_since, st.incident_open FROM "
                        "monitor_status st JOIN monitors m ON m.key = st.monitor_key" +
                            std::string(ids ? " WHERE m.id BETWEEN :first AND :last" : ""),
           soci::into(row.monitor_id), soci::into(row.state), soci::into(row.since),
           soci::into(row.last_check), soci::into(row.failures), soci::into(row.failing_since),
           soci::into(row.successes), soci::into(row.good_since), soci::into(row.incident_open));
      if (ids) {
        prep, soci::use(first, "first"), soci::use(last, "last");
      }
      soci::statement st(prep);
      st.execute();
      std::vector<domain::MonitorStatus> out;
      while (st.fetch()) {
        out.push_back(row.get());
      }
      return out;
    });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<ResultStore> make_result_store(Database& db) {
  return std::make_unique<SqlResultStore>(db);
}

}  // namespace vitrine::store::sql
