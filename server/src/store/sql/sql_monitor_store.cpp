#include "store/sql/sql_monitor_store.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "store/sql/sql_audit_store.hpp"
#include "store/sql/sql_incident_store.hpp"
#include "store/sql/versioned_rows.hpp"
#include "util/time.hpp"

namespace vitrine::store::sql {
namespace {

using domain::Monitor;

constexpr std::string_view kColumns =
    "id, project_id, name, kind, target, interval_s, timeout_ms, retries, recovery_checks, "
    "enabled, public, settings, push_hash, created_at, updated_at, version";

// One row as the database holds it.
struct Row {
  std::string id, project_id, name, kind, target, settings, push_hash;
  soci::indicator project_ind = soci::i_null, push_ind = soci::i_null;
  long long interval_s = 0, timeout_ms = 0, created_at = 0, updated_at = 0, version = 0;
  int retries = 0, recovery_checks = 0, enabled = 0, is_public = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(project_id, project_ind), soci::into(name), soci::into(kind),
        soci::into(target), soci::into(interval_s), soci::into(timeout_ms), soci::into(retries),
        soci::into(recovery_checks), soci::into(enabled), soci::into(is_public),
        soci::into(settings), soci::into(push_hash, push_ind), soci::into(created_at),
        soci::into(updated_at), soci::into(version);
  }

  template <typename Statement>
  void bind_uses(Statement& p) {
    p, soci::use(id, "id"), soci::use(project_id, project_ind, "project_id"),
        soci::use(name, "name"), soci::use(kind, "kind"), soci::use(target, "target"),
        soci::use(interval_s, "interval_s"), soci::use(timeout_ms, "timeout_ms"),
        soci::use(retries, "retries"), soci::use(recovery_checks, "recovery_checks"),
        soci::use(enabled, "enabled"), soci::use(is_public, "public"),
        soci::use(settings, "settings"), soci::use(push_hash, push_ind, "push_hash"),
        soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at"),
        soci::use(version, "version");
  }
};

// The kind's own options as stored in `settings`: every member written, so a later binary
// can add members with defaults.
std::string settings_json(const Monitor& m) {
  nlohmann::json j = nlohmann::json::object();
  if (m.kind == domain::MonitorKind::kHttp) {
    const domain::HttpSettings& h = m.http;
    nlohmann::json headers = nlohmann::json::array();
    for (const domain::HttpHeader& header : h.headers) {
      headers.push_back(nlohmann::json::array({header.name, header.value}));
    }
    nlohmann::json accepted = nlohmann::json::array();
    for (const domain::StatusRange& r : h.accepted_status) {
      accepted.push_back(nlohmann::json::array({r.low, r.high}));
    }
    j["method"] = h.method;
    j["headers"] = std::move(headers);
    j["body"] = h.body;
    j["accepted_status"] = std::move(accepted);
    j["body_contains"] = h.body_contains;
    j["json_pointer"] = h.json_pointer;
    j["json_equals"] = h.json_equals;
    j["max_redirects"] = h.max_redirects;
  }
  if (m.kind == domain::MonitorKind::kHttp || m.kind == domain::MonitorKind::kTls) {
    j["tls_verify"] = m.tls_verify;
  }
  return j.dump();
}

void apply_settings(const std::string& text, Monitor& m) {
  const nlohmann::json j = nlohmann::json::parse(text);
  if (m.kind == domain::MonitorKind::kHttp) {
    domain::HttpSettings& h = m.http;
    h.method = j.value("method", h.method);
    h.headers.clear();
    for (const auto& header : j.value("headers", nlohmann::json::array())) {
      h.headers.push_back({header.at(0).get<std::string>(), header.at(1).get<std::string>()});
    }
    h.body = j.value("body", std::string());
    if (const auto it = j.find("accepted_status"); it != j.end()) {
      h.accepted_status.clear();
      for (const auto& r : *it) {
        h.accepted_status.push_back({r.at(0).get<int>(), r.at(1).get<int>()});
      }
    }
    h.body_contains = j.value("body_contains", std::string());
    h.json_pointer = j.value("json_pointer", std::string());
    h.json_equals = j.value("json_equals", std::string());
    h.max_redirects = j.value("max_redirects", h.max_redirects);
  }
  m.tls_verify = j.value("tls_verify", true);
}

Row to_row(const Monitor& m) {
  Row r;
  r.id = m.id;
  r.project_ind = m.project_id ? soci::i_ok : soci::i_null;
  r.project_id = m.project_id.value_or("");
  r.name = m.name;
  r.kind = std::string(domain::to_string(m.kind));
  r.target = m.target;
  r.interval_s = m.interval_s;
  r.timeout_ms = m.timeout_ms;
  r.retries = m.retries;
  r.recovery_checks = m.recovery_checks;
  r.enabled = m.enabled ? 1 : 0;
  r.is_public = m.is_public ? 1 : 0;
  r.settings = settings_json(m);
  r.push_hash = m.push_hash;
  r.push_ind = m.push_hash.empty() ? soci::i_null : soci::i_ok;
  r.created_at = m.created_at_us;
  r.updated_at = m.updated_at_us;
  r.version = m.version;
  return r;
}

Monitor from_row(Row&& r) {
  Monitor m;
  m.id = std::move(r.id);
  if (r.project_ind == soci::i_ok) {
    m.project_id = std::move(r.project_id);
  }
  m.name = std::move(r.name);
  m.kind = domain::parse_monitor_kind(r.kind).value_or(domain::MonitorKind::kHttp);
  m.target = std::move(r.target);
  m.interval_s = r.interval_s;
  m.timeout_ms = r.timeout_ms;
  m.retries = r.retries;
  m.recovery_checks = r.recovery_checks;
  m.enabled = r.enabled != 0;
  m.is_public = r.is_public != 0;
  apply_settings(r.settings, m);
  if (r.push_ind == soci::i_ok) {
    m.push_hash = std::move(r.push_hash);
  }
  m.created_at_us = r.created_at;
  m.updated_at_us = r.updated_at;
  m.version = r.version;
  return m;
}

class SqlMonitorStore final : public MonitorStore {
 public:
  explicit SqlMonitorStore(Database& db) : db_(db) {}

  MonitorPage list(const MonitorQuery& q) override {
    return db_.read([&](Session& s) {
      std::string text = "SELECT " + std::string(kColumns) + " FROM monitors WHERE 1 = 1";
      std::string project = q.project_id.value_or("");
      std::string after = q.after.value_or("");
      int limit = static_cast<int>(q.limit) + 1;  // one more tells whether a next page exists
      if (q.project_id) {
        text += " AND project_id = :project";
      }
      if (q.public_only) {
        text += " AND public = 1";
      }
      if (q.after) {
        text += " AND id > :after";
      }
      text += " ORDER BY id LIMIT :limit";
      Row row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      if (q.project_id) {
        prep, soci::use(project, "project");
      }
      if (q.after) {
        prep, soci::use(after, "after");
      }
      prep, soci::use(limit, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      MonitorPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::vector<Monitor> all() override {
    return db_.read([&](Session& s) {
      std::vector<Monitor> monitors;
      for (Row& r :
           select_all<Row>(s, "SELECT " + std::string(kColumns) + " FROM monitors ORDER BY id")) {
        monitors.push_back(from_row(std::move(r)));
      }
      return monitors;
    });
  }

  std::optional<Monitor> find(const std::string& id) override { return find_by("id", id); }

  std::optional<Monitor> find_by_push_hash(const std::string& push_hash) override {
    return find_by("push_hash", push_hash);
  }

  void insert(const Monitor& monitor, const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      Row r = to_row(monitor);
      {
        auto query = (s << "INSERT INTO monitors (id, project_id, name, kind, target, interval_s, "
                           "timeout_ms, retries, recovery_checks, enabled, public, settings, "
                           "push_hash, created_at, updated_at, version) VALUES (:id, "
                           ":project_id, :name, :kind, :target, :interval_s, :timeout_ms, "
                           ":retries, :recovery_checks, :enabled, "
                           ":public, :settings, :push_hash, :created_at, :updated_at, :version)");
        r.bind_uses(query);
      }
      append_audit(s, audit);
    });
  }

  WriteOutcome update(const Monitor& monitor, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      Row r = to_row(monitor);
      long long expected = expected_version;
      long long written = 0;
      {
        auto query = (s << "UPDATE monitors SET project_id = :project_id, name = :name, kind = "
                           ":kind, target = :target, interval_s = :interval_s, timeout_ms = "
                           ":timeout_ms, retries = :retries, recovery_checks = :recovery_checks, "
                           "enabled = :enabled, public = "
                           ":public, settings = :settings, push_hash = :push_hash, created_at = "
                           ":created_at, updated_at "
                           "= :updated_at, version = :version WHERE id = :id AND version = "
                           ":expected RETURNING version");
        r.bind_uses(query);
        query, soci::use(expected, "expected"), soci::into(written);
      }
      if (!s.got_data()) {
        return missing_or_stale(s, "monitors", r.id);
      }
      if (!monitor.enabled) {  // paused: nothing will check it, so its incident is over
        if (auto incident = open_incident(s, monitor.id)) {
          close_incident(s, *incident, domain::IncidentEventKind::kMonitorDisabled, util::now_us());
        }
        s << "UPDATE monitor_status SET incident_open = 0 WHERE monitor_key = (SELECT key "
             "FROM monitors WHERE id = :id)",
            soci::use(monitor.id, "id");
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      // The incident stays, resolved, without its monitor (the foreign key forgets it).
      const auto incident = open_incident(s, id);
      const WriteOutcome outcome = delete_versioned(s, "monitors", id, expected_version, audit);
      if (outcome == WriteOutcome::kDone && incident) {
        close_incident(s, *incident, domain::IncidentEventKind::kMonitorDeleted, util::now_us());
      }
      return outcome;
    });
  }

 private:
  // `column` is "id" or "push_hash": constants from this file.
  std::optional<Monitor> find_by(std::string_view column, const std::string& value) {
    return db_.read([&](Session& s) -> std::optional<Monitor> {
      auto row = select_one<Row>(s,
                                 "SELECT " + std::string(kColumns) + " FROM monitors WHERE " +
                                     std::string(column) + " = :ref",
                                 value);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<MonitorStore> make_monitor_store(Database& db) {
  return std::make_unique<SqlMonitorStore>(db);
}

}  // namespace vitrine::store::sql
