#include "store/sql/sql_slo_store.hpp"

#include <string>

#include "store/sql/sql_audit_store.hpp"
#include "store/sql/versioned_rows.hpp"

namespace vitrine::store::sql {
namespace {

using domain::Slo;

constexpr std::string_view kColumns =
    "id, monitor_id, name, kind, objective, window_days, threshold_ms, created_at, updated_at, "
    "version";

struct Row {
  std::string id, monitor_id, name, kind;
  double objective = 0;
  int window_days = 0;
  long long threshold_ms = 0, created_at = 0, updated_at = 0, version = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(monitor_id), soci::into(name), soci::into(kind),
        soci::into(objective), soci::into(window_days), soci::into(threshold_ms),
        soci::into(created_at), soci::into(updated_at), soci::into(version);
  }

  template <typename Statement>
  void bind_uses(Statement& p) {
    p, soci::use(id, "id"), soci::use(monitor_id, "monitor_id"), soci::use(name, "name"),
        soci::use(kind, "kind"), soci::use(objective, "objective"),
        soci::use(window_days, "window_days"), soci::use(threshold_ms, "threshold_ms"),
        soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at"),
        soci::use(version, "version");
  }
};

Row to_row(const Slo& s) {
  Row r;
  r.id = s.id;
  r.monitor_id = s.monitor_id;
  r.name = s.name;
  r.kind = std::string(domain::to_string(s.kind));
  r.objective = s.objective;
  r.window_days = s.window_days;
  r.threshold_ms = s.threshold_ms;
  r.created_at = s.created_at_us;
  r.updated_at = s.updated_at_us;
  r.version = s.version;
  return r;
}

Slo from_row(Row&& r) {
  Slo s;
  s.id = std::move(r.id);
  s.monitor_id = std::move(r.monitor_id);
  s.name = std::move(r.name);
  s.kind = domain::parse_slo_kind(r.kind).value_or(domain::SloKind::kAvailability);
  s.objective = r.objective;
  s.window_days = r.window_days;
  s.threshold_ms = r.threshold_ms;
  s.created_at_us = r.created_at;
  s.updated_at_us = r.updated_at;
  s.version = r.version;
  return s;
}

class SqlSloStore final : public SloStore {
 public:
  explicit SqlSloStore(Database& db) : db_(db) {}

  SloPage list(const std::optional<std::string>& monitor_id,
               const std::optional<std::string>& after, unsigned limit) override {
    return db_.read([&](Session& s) {
      std::string text = "SELECT " + std::string(kColumns) + " FROM slos WHERE 1 = 1";
      std::string monitor = monitor_id.value_or("");
      std::string after_id = after.value_or("");
      int fetch = static_cast<int>(limit) + 1;
      if (monitor_id) {
        text += " AND monitor_id = :monitor";
      }
      if (after) {
        text += " AND id > :after";
      }
      text += " ORDER BY id LIMIT :limit";
      Row row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      if (monitor_id) {
        prep, soci::use(monitor, "monitor");
      }
      if (after) {
        prep, soci::use(after_id, "after");
      }
      prep, soci::use(fetch, "limit");
      auto [rows, more] = fetch_page(prep, row, limit);
      SloPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::vector<Slo> all() override {
    return db_.read([&](Session& s) {
      std::vector<Slo> out;
      for (Row& r :
           select_all<Row>(s, "SELECT " + std::string(kColumns) + " FROM slos ORDER BY id")) {
        out.push_back(from_row(std::move(r)));
      }
      return out;
    });
  }

  std::optional<Slo> find(const std::string& id) override {
    return db_.read([&](Session& s) -> std::optional<Slo> {
      auto row =
          select_one<Row>(s, "SELECT " + std::string(kColumns) + " FROM slos WHERE id = :ref", id);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  void insert(const Slo& slo, const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      Row r = to_row(slo);
      {
        auto query = (s << "INSERT INTO slos (" << kColumns
                        << ") VALUES (:id, :monitor_id, :name, :kind, :objective, "
                           ":window_days, :threshold_ms, :created_at, :updated_at, :version)");
        r.bind_uses(query);
      }
      append_audit(s, audit);
    });
  }

  WriteOutcome update(const Slo& slo, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      Row r = to_row(slo);
      long long expected = expected_version;
      long long written = 0;
      {
        auto query = (s << "UPDATE slos SET monitor_id = :monitor_id, name = :name, kind = "
                           ":kind, objective = :objective, window_days = :window_days, "
                           "threshold_ms = :threshold_ms, created_at = :created_at, updated_at "
                           "= :updated_at, version = :version WHERE id = :id AND version = "
                           ":expected RETURNING version");
        r.bind_uses(query);
        query, soci::use(expected, "expected"), soci::into(written);
      }
      if (!s.got_data()) {
        return missing_or_stale(s, "slos", r.id);
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write(
        [&](Session& s) { return delete_versioned(s, "slos", id, expected_version, audit); });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<SloStore> make_slo_store(Database& db) { return std::make_unique<SqlSloStore>(db); }

}  // namespace vitrine::store::sql
