#include "store/sql/sql_maintenance_store.hpp"

#include <string>

#include "store/sql/sql_audit_store.hpp"
#include "store/sql/versioned_rows.hpp"

namespace vitrine::store::sql {
namespace {

using domain::Maintenance;

constexpr std::string_view kColumns =
    "id, name, description, monitor_id, project_id, starts_at, duration_s, rrule, created_at, "
    "updated_at, version";

struct Row {
  std::string id, name, description;
  OptionalText monitor_id, project_id, rrule;
  long long starts_at = 0, duration_s = 0, created_at = 0, updated_at = 0, version = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(name), soci::into(description),
        soci::into(monitor_id.value, monitor_id.ind), soci::into(project_id.value, project_id.ind),
        soci::into(starts_at), soci::into(duration_s), soci::into(rrule.value, rrule.ind),
        soci::into(created_at), soci::into(updated_at), soci::into(version);
  }

  template <typename Statement>
  void bind_uses(Statement& p) {
    p, soci::use(id, "id"), soci::use(name, "name"), soci::use(description, "description"),
        soci::use(monitor_id.value, monitor_id.ind, "monitor_id"),
        soci::use(project_id.value, project_id.ind, "project_id"),
        soci::use(starts_at, "starts_at"), soci::use(duration_s, "duration_s"),
        soci::use(rrule.value, rrule.ind, "rrule"), soci::use(created_at, "created_at"),
        soci::use(updated_at, "updated_at"), soci::use(version, "version");
  }
};

Row to_row(const Maintenance& m) {
  Row r;
  r.id = m.id;
  r.name = m.name;
  r.description = m.description;
  r.monitor_id.set(m.monitor_id);
  r.project_id.set(m.project_id);
  r.starts_at = m.starts_at_us;
  r.duration_s = m.duration_s;
  r.rrule.set(m.recurrence ? std::optional(domain::to_rrule(*m.recurrence)) : std::nullopt);
  r.created_at = m.created_at_us;
  r.updated_at = m.updated_at_us;
  r.version = m.version;
  return r;
}

// A rule this code did not write reads as none rather than failing the read.
Maintenance from_row(Row&& r) {
  Maintenance m;
  m.id = std::move(r.id);
  m.name = std::move(r.name);
  m.description = std::move(r.description);
  m.monitor_id = r.monitor_id.get();
  m.project_id = r.project_id.get();
  m.starts_at_us = r.starts_at;
  m.duration_s = r.duration_s;
  if (const auto text = r.rrule.get()) {
    std::string error;
    m.recurrence = domain::parse_rrule(*text, error);
  }
  m.created_at_us = r.created_at;
  m.updated_at_us = r.updated_at;
  m.version = r.version;
  return m;
}

class SqlMaintenanceStore final : public MaintenanceStore {
 public:
  explicit SqlMaintenanceStore(Database& db) : db_(db) {}

  MaintenancePage list(const std::optional<std::string>& after, unsigned limit) override {
    return db_.read([&](Session& s) {
      std::string after_id = after.value_or("");
      int fetch = static_cast<int>(limit) + 1;
      Row row;
      soci::details::prepare_temp_type prep =
          (s.prepare << "SELECT " + std::string(kColumns) + " FROM maintenance_windows" +
                            (after ? " WHERE id > :after" : "") + " ORDER BY id LIMIT :limit");
      row.bind_into(prep);
      if (after) {
        prep, soci::use(after_id, "after");
      }
      prep, soci::use(fetch, "limit");
      auto [rows, more] = fetch_page(prep, row, limit);
      MaintenancePage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::vector<Maintenance> all() override {
    return db_.read([&](Session& s) {
      std::vector<Maintenance> out;
      for (Row& r : select_all<Row>(
               s, "SELECT " + std::string(kColumns) + " FROM maintenance_windows ORDER BY id")) {
        out.push_back(from_row(std::move(r)));
      }
      return out;
    });
  }

  std::optional<Maintenance> find(const std::string& id) override {
    return db_.read([&](Session& s) -> std::optional<Maintenance> {
      auto row = select_one<Row>(
          s, "SELECT " + std::string(kColumns) + " FROM maintenance_windows WHERE id = :ref", id);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  void insert(const Maintenance& m, const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      Row r = to_row(m);
      {
        auto query = (s << "INSERT INTO maintenance_windows (" << kColumns
                        << ") VALUES (:id, :name, :description, :monitor_id, :project_id, "
                           ":starts_at, :duration_s, :rrule, :created_at, :updated_at, "
                           ":version)");
        r.bind_uses(query);
      }
      append_audit(s, audit);
    });
  }

  WriteOutcome update(const Maintenance& m, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      Row r = to_row(m);
      long long expected = expected_version;
      long long written = 0;
      {
        auto query = (s << "UPDATE maintenance_windows SET name = :name, description = "
                           ":description, monitor_id = :monitor_id, project_id = :project_id, "
                           "starts_at = :starts_at, duration_s = :duration_s, rrule = :rrule, "
                           "created_at = :created_at, updated_at = :updated_at, version = "
                           ":version WHERE id = :id AND version = :expected RETURNING version");
        r.bind_uses(query);
        query, soci::use(expected, "expected"), soci::into(written);
      }
      if (!s.got_data()) {
        return missing_or_stale(s, "maintenance_windows", r.id);
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      return delete_versioned(s, "maintenance_windows", id, expected_version, audit);
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<MaintenanceStore> make_maintenance_store(Database& db) {
  return std::make_unique<SqlMaintenanceStore>(db);
}

}  // namespace vitrine::store::sql
