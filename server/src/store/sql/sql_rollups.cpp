#include "store/sql/sql_rollups.hpp"

#include <soci/soci.h>

#include <utility>

namespace vitrine::store::sql {
namespace {

using domain::Rollup;

// The bound variables of one rollup row.
struct Row {
  std::string monitor_id;
  int resolution = 60;
  long long bucket = 0;
  long long checks = 0, up = 0, degraded = 0, down = 0;
  long long up_ms = 0, degraded_ms = 0, down_ms = 0;
  long long maintenance = 0, maintenance_ms = 0;
  std::string latency;

  void set(const Rollup& r) {
    checks = r.checks;
    up = r.up;
    degraded = r.degraded;
    down = r.down;
    up_ms = r.up_ms;
    degraded_ms = r.degraded_ms;
    down_ms = r.down_ms;
    maintenance = r.maintenance;
    maintenance_ms = r.maintenance_ms;
    latency = r.latency.encode();
  }
  // A latency text this code did not write reads as empty rather than failing the read.
  [[nodiscard]] Rollup get() const {
    Rollup r;
    r.checks = checks;
    r.up = up;
    r.degraded = degraded;
    r.down = down;
    r.up_ms = up_ms;
    r.degraded_ms = degraded_ms;
    r.down_ms = down_ms;
    r.maintenance = maintenance;
    r.maintenance_ms = maintenance_ms;
    r.latency = domain::LatencyHistogram::parse(latency).value_or(domain::LatencyHistogram{});
    return r;
  }
};

constexpr const char* kSums =
    "checks, up, degraded, down, up_ms, degraded_ms, down_ms, maintenance, maintenance_ms, "
    "latency";

void bind_sums(soci::details::prepare_temp_type& p, Row& r) {
  p, soci::into(r.checks), soci::into(r.up), soci::into(r.degraded), soci::into(r.down),
      soci::into(r.up_ms), soci::into(r.degraded_ms), soci::into(r.down_ms),
      soci::into(r.maintenance), soci::into(r.maintenance_ms), soci::into(r.latency);
}

soci::details::prepare_temp_type prepare_select(soci::session& s, Row& r) {
  soci::details::prepare_temp_type p =
      (s.prepare << std::string("SELECT ") + kSums +
                        " FROM check_rollups WHERE monitor_key = (SELECT key FROM monitors WHERE "
                        "id = :id) AND resolution = :res AND bucket = :bucket");
  bind_sums(p, r);
  p, soci::use(r.monitor_id, "id"), soci::use(r.resolution, "res"), soci::use(r.bucket, "bucket");
  return p;
}

soci::details::prepare_temp_type prepare_upsert(soci::session& s, Row& r) {
  soci::details::prepare_temp_type p =
      (s.prepare << std::string("INSERT INTO check_rollups (monitor_key, resolution, bucket, ") +
                        kSums +
                        ") SELECT key, :res, :bucket, :checks, :up, :degraded, :down, :up_ms, "
                        ":degraded_ms, :down_ms, :maintenance, :maintenance_ms, :latency FROM "
                        "monitors WHERE id = :id ON CONFLICT (monitor_key, resolution, bucket) "
                        "DO UPDATE SET checks = excluded.checks, up = excluded.up, degraded = "
                        "excluded.degraded, down = excluded.down, up_ms = excluded.up_ms, "
                        "degraded_ms = excluded.degraded_ms, down_ms = excluded.down_ms, "
                        "maintenance = excluded.maintenance, maintenance_ms = "
                        "excluded.maintenance_ms, latency = excluded.latency");
  p, soci::use(r.resolution, "res"), soci::use(r.bucket, "bucket"), soci::use(r.checks, "checks"),
      soci::use(r.up, "up"), soci::use(r.degraded, "degraded"), soci::use(r.down, "down"),
      soci::use(r.up_ms, "up_ms"), soci::use(r.degraded_ms, "degraded_ms"),
      soci::use(r.down_ms, "down_ms"), soci::use(r.maintenance, "maintenance"),
      soci::use(r.maintenance_ms, "maintenance_ms"), soci::use(r.latency, "latency"),
      soci::use(r.monitor_id, "id");
  return p;
}

int resolution_code(domain::Resolution r) { return static_cast<int>(domain::seconds_of(r)); }

}  // namespace

void add_rollups(Session& s, const domain::RollupDelta& delta) {
  auto& select = prepared_row<Row>(s, "select_rollup", &prepare_select);
  auto& upsert = prepared_row<Row>(s, "upsert_rollup", &prepare_upsert);
  for (const auto& [key, change] : delta) {
    select.row.monitor_id = key.monitor_id;
    select.row.resolution = resolution_code(key.resolution);
    select.row.bucket = key.bucket_us;
    Rollup merged = fetch_one(select.statement) ? select.row.get() : Rollup{};
    merged.merge(change);
    upsert.row.monitor_id = key.monitor_id;
    upsert.row.resolution = select.row.resolution;
    upsert.row.bucket = key.bucket_us;
    upsert.row.set(merged);
    upsert.statement.execute(true);
  }
}

std::vector<domain::BucketRollup> select_rollups(Session& s, const std::string& monitor_id,
                                                 domain::Resolution resolution,
                                                 std::int64_t from_us, std::int64_t to_us) {
  Row row;
  std::string id = monitor_id;
  int res = resolution_code(resolution);
  long long from = from_us;
  long long to = to_us;
  soci::details::prepare_temp_type p =
      (s.prepare << std::string("SELECT bucket, ") + kSums +
                        " FROM check_rollups WHERE monitor_key = (SELECT key FROM monitors WHERE "
                        "id = :id) AND resolution = :res AND bucket >= :from AND bucket < :to "
                        "ORDER BY bucket");
  p, soci::into(row.bucket);
  bind_sums(p, row);
  p, soci::use(id, "id"), soci::use(res, "res"), soci::use(from, "from"), soci::use(to, "to");
  soci::statement st(p);
  st.execute();
  std::vector<domain::BucketRollup> out;
  while (st.fetch()) {
    out.push_back({row.bucket, row.get()});
  }
  return out;
}

std::unordered_map<std::string, Rollup> select_hourly_totals(Session& s, std::int64_t from_us) {
  // For each monitor, its own primary-key range from `from` on: 25 rows a monitor for a
  // day, never a scan of every monitor's whole history. PostgreSQL needs LATERAL to be told
  // so; SQLite's planner loops over monitors and seeks (EXPLAIN QUERY PLAN: "SEARCH r USING
  // PRIMARY KEY (monitor_key=? AND resolution=? AND bucket>?)").
  const bool postgres = s.get_backend_name() == "postgresql";
  std::string sums;
  for (const char* column :
       {"checks", "up", "degraded", "down", "up_ms", "degraded_ms", "down_ms"}) {
    sums += std::string(sums.empty() ? "" : ", ") + "CAST(SUM(r." + column + ") AS BIGINT) AS " +
            column;
  }
  const std::string text =
      postgres ? "SELECT m.id, t.* FROM monitors m CROSS JOIN LATERAL (SELECT " + sums +
                     " FROM check_rollups r WHERE r.monitor_key = m.key AND r.resolution = "
                     "3600 AND r.bucket >= :from) t WHERE t.checks IS NOT NULL"
               : "SELECT m.id, " + sums +
                     " FROM monitors m JOIN check_rollups r ON r.monitor_key = m.key AND "
                     "r.resolution = 3600 AND r.bucket >= :from GROUP BY m.id";
  Row row;
  long long from = from_us;
  soci::statement st =
      (s.prepare << text, soci::into(row.monitor_id), soci::into(row.checks), soci::into(row.up),
       soci::into(row.degraded), soci::into(row.down), soci::into(row.up_ms),
       soci::into(row.degraded_ms), soci::into(row.down_ms), soci::use(from, "from"));
  st.execute();
  std::unordered_map<std::string, Rollup> out;
  while (st.fetch()) {
    out.emplace(row.monitor_id, row.get());
  }
  return out;
}

std::uint64_t purge_rollups(Session& s, long long monitor_key, const RetentionCutoffs& cutoffs) {
  // Prepared once per connection: retention calls this for every monitor.
  struct Purge {
    long long key = 0;
    int res = 60;
    long long before = 0;
  };
  auto& purge = prepared_row<Purge>(s, "purge_rollups", [](soci::session& session, Purge& p) {
    return (session.prepare << "DELETE FROM check_rollups WHERE monitor_key = :k AND "
                               "resolution = :res AND bucket < :before",
            soci::use(p.key, "k"), soci::use(p.res, "res"), soci::use(p.before, "before"));
  });
  std::uint64_t n = 0;
  purge.row.key = monitor_key;
  for (const auto& [resolution, before] :
       {std::pair(domain::Resolution::kMinute, cutoffs.minute_rollups_before_us),
        std::pair(domain::Resolution::kHour, cutoffs.hour_rollups_before_us)}) {
    purge.row.res = resolution_code(resolution);
    purge.row.before = before;
    purge.statement.execute(true);
    n += static_cast<std::uint64_t>(purge.statement.get_affected_rows());
  }
  return n;
}

}  // namespace vitrine::store::sql
