#include "store/sql/sql_incident_store.hpp"

#include <soci/soci.h>

#include <string>
#include <unordered_map>
#include <utility>

#include "store/sql/sql_audit_store.hpp"
#include "store/sql/sql_notification_store.hpp"
#include "store/sql/versioned_rows.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::store::sql {
namespace {

using domain::Incident;
using domain::IncidentEvent;
using domain::IncidentEventKind;

// Opens an incident for the monitor; nullopt when the monitor is gone.
std::optional<std::string> open(Session& s, const IncidentEvent& e) {
  const std::string id = util::uuid_v7();
  const std::string error(domain::to_string(e.error));
  long long started = e.at_us;
  soci::statement st =
      (s.prepare << "INSERT INTO incidents (id, monitor_id, monitor_name, project_id, "
                    "started_at, resolved_at, error, message) SELECT :id, id, name, "
                    "project_id, :started, NULL, :error, :message FROM monitors WHERE id = "
                    ":monitor",
       soci::use(id, "id"), soci::use(started, "started"), soci::use(error, "error"),
       soci::use(e.message, "message"), soci::use(e.monitor_id, "monitor"));
  st.execute(true);
  return st.get_affected_rows() > 0 ? std::optional(id) : std::nullopt;
}

void add_event(Session& s, const std::string& incident_id, const IncidentEvent& e) {
  const std::string kind(domain::to_string(e.kind));
  long long at = e.at_us;
  OptionalText error;
  OptionalText message;
  error.set(e.error != domain::CheckError::kNone
                ? std::optional(std::string(domain::to_string(e.error)))
                : std::nullopt);
  message.set(e.message.empty() ? std::nullopt : std::optional(e.message));
  s << "INSERT INTO incident_events (incident_id, seq, kind, at, error, message) SELECT "
       ":incident, COALESCE(MAX(seq), 0) + 1, :kind, :at, :error, :message FROM "
       "incident_events WHERE incident_id = :incident",
      soci::use(incident_id, "incident"), soci::use(kind, "kind"), soci::use(at, "at"),
      soci::use(error.value, error.ind, "error"), soci::use(message.value, message.ind, "message");
}

void resolve(Session& s, const std::string& incident_id, std::int64_t at_us) {
  long long at = at_us;
  s << "UPDATE incidents SET resolved_at = :at WHERE id = :id", soci::use(at, "at"),
      soci::use(incident_id, "id");
}

bool resolves(IncidentEventKind kind) {
  return kind == IncidentEventKind::kResolved || kind == IncidentEventKind::kMonitorDisabled ||
         kind == IncidentEventKind::kMonitorDeleted;
}

// The columns Row binds. For the public a draft project is not named, not even by id (the
// query joins projects as p).
std::string columns(bool public_only) {
  return std::string("i.id, i.monitor_id, i.monitor_name, ") +
         (public_only ? "CASE WHEN p.visibility = 'published' THEN i.project_id END"
                      : "i.project_id") +
         ", i.started_at, i.resolved_at, i.error, i.message";
}

struct Row {
  std::string id, monitor_name, error, message;
  OptionalText monitor_id, project_id;
  long long started_at = 0, resolved_at = 0;
  soci::indicator resolved_ind = soci::i_null;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(monitor_id.value, monitor_id.ind), soci::into(monitor_name),
        soci::into(project_id.value, project_id.ind), soci::into(started_at),
        soci::into(resolved_at, resolved_ind), soci::into(error), soci::into(message);
  }
};

Incident from_row(Row&& r) {
  Incident i;
  i.id = std::move(r.id);
  i.monitor_id = r.monitor_id.get();
  i.monitor_name = std::move(r.monitor_name);
  i.project_id = r.project_id.get();
  i.started_at_us = r.started_at;
  if (r.resolved_ind == soci::i_ok) {
    i.resolved_at_us = r.resolved_at;
  }
  i.error = domain::parse_check_error(r.error).value_or(domain::CheckError::kNone);
  i.message = std::move(r.message);
  return i;
}

// Fills in the timelines and updates of `incidents`, one query each per incident.
void load_details(Session& s, std::vector<Incident>& incidents) {
  std::string id;
  std::string kind;
  long long at = 0;
  OptionalText error;
  OptionalText message;
  soci::statement events =
      (s.prepare << "SELECT kind, at, error, message FROM incident_events WHERE incident_id = "
                    ":id ORDER BY seq",
       soci::use(id, "id"), soci::into(kind), soci::into(at), soci::into(error.value, error.ind),
       soci::into(message.value, message.ind));
  domain::IncidentUpdate u;
  std::string status;
  long long update_at = 0;
  soci::statement updates =
      (s.prepare << "SELECT id, at, status, body, author_id FROM incident_updates WHERE "
                    "incident_id = :id ORDER BY id",
       soci::use(id, "id"), soci::into(u.id), soci::into(update_at), soci::into(status),
       soci::into(u.body), soci::into(u.author_id));
  for (Incident& incident : incidents) {
    id = incident.id;
    events.execute();
    while (events.fetch()) {
      IncidentEvent e;
      e.kind = domain::parse_incident_event_kind(kind).value_or(IncidentEventKind::kDown);
      e.at_us = at;
      if (auto err = error.get()) {
        e.error = domain::parse_check_error(*err).value_or(domain::CheckError::kNone);
      }
      e.message = message.get().value_or("");
      if (e.kind == IncidentEventKind::kResolved && incident.resolved_at_us) {
        e.recovered_at_us = *incident.resolved_at_us;
      }
      incident.timeline.push_back(std::move(e));
    }
    updates.execute();
    while (updates.fetch()) {
      u.incident_id = incident.id;
      u.at_us = update_at;
      u.status = domain::parse_update_status(status).value_or(domain::UpdateStatus::kInvestigating);
      incident.updates.push_back(u);
    }
  }
}

// The channels' deliveries for what just happened to the incident `id`, in this transaction.
void notify(Session& s, const std::string& id, domain::NotificationEvent event) {
  if (auto row = select_one<Row>(
          s, "SELECT " + columns(false) + " FROM incidents i WHERE i.id = :ref", id)) {
    enqueue_notifications(s, from_row(std::move(*row)), event, util::now_us());
  }
}

class SqlIncidentStore final : public IncidentStore {
 public:
  explicit SqlIncidentStore(Database& db) : db_(db) {}

  IncidentPage list(const store::IncidentQuery& q) override {
    return db_.read([&](Session& s) {
      std::string text = "SELECT " + columns(q.public_only) + " FROM incidents i";
      if (q.public_only) {
        text +=
            " JOIN monitors m ON m.id = i.monitor_id AND m.enabled = 1 AND m.public = 1 LEFT "
            "JOIN projects p ON p.id = i.project_id";
      }
      text += " WHERE 1 = 1";
      std::string project = q.project_id.value_or("");
      std::string monitor = q.monitor_id.value_or("");
      std::string after = q.after.value_or("");
      long long from = q.from_us.value_or(0);
      long long to = q.to_us.value_or(0);
      int fetch = static_cast<int>(q.limit) + 1;
      if (q.project_id) {
        text += q.public_only ? " AND i.project_id = :project AND p.visibility = 'published'"
                              : " AND i.project_id = :project";
      }
      if (q.monitor_id) {
        text += " AND i.monitor_id = :monitor";
      }
      if (q.state) {
        text += *q.state == IncidentState::kOpen ? " AND i.resolved_at IS NULL"
                                                 : " AND i.resolved_at IS NOT NULL";
      }
      if (q.from_us) {
        text += " AND (i.resolved_at IS NULL OR i.resolved_at >= :from)";
      }
      if (q.to_us) {
        text += " AND i.started_at < :to";
      }
      if (q.after) {
        text += " AND i.id < :after";
      }
      text += " ORDER BY i.id DESC LIMIT :limit";
      Row row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      if (q.project_id) {
        prep, soci::use(project, "project");
      }
      if (q.monitor_id) {
        prep, soci::use(monitor, "monitor");
      }
      if (q.from_us) {
        prep, soci::use(from, "from");
      }
      if (q.to_us) {
        prep, soci::use(to, "to");
      }
      if (q.after) {
        prep, soci::use(after, "after");
      }
      prep, soci::use(fetch, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      IncidentPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      load_details(s, page.items);
      page.has_more = more;
      return page;
    });
  }

  std::optional<Incident> find(const std::string& id) override {
    return db_.read([&](Session& s) -> std::optional<Incident> {
      auto row = select_one<Row>(
          s, "SELECT " + columns(false) + " FROM incidents i WHERE i.id = :ref", id);
      if (!row) {
        return std::nullopt;
      }
      std::vector<Incident> one{from_row(std::move(*row))};
      load_details(s, one);
      return std::move(one.front());
    });
  }

  WriteOutcome add_update(const domain::IncidentUpdate& u,
                          const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      const std::string status(domain::to_string(u.status));
      long long at = u.at_us;
      soci::statement st =
          (s.prepare << "INSERT INTO incident_updates (id, incident_id, at, status, body, "
                        "author_id) SELECT :id, id, :at, :status, :body, :author FROM incidents "
                        "WHERE id = :incident",
           soci::use(u.id, "id"), soci::use(at, "at"), soci::use(status, "status"),
           soci::use(u.body, "body"), soci::use(u.author_id, "author"),
           soci::use(u.incident_id, "incident"));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        return WriteOutcome::kNotFound;
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

 private:
  Database& db_;
};

}  // namespace

void apply_incident_events(Session& s, std::span<const IncidentEvent> events) {
  for (const IncidentEvent& e : events) {
    std::optional<std::string> id = open_incident(s, e.monitor_id);
    bool opened = false;
    if (!id && e.kind == IncidentEventKind::kDown) {
      id = open(s, e);
      opened = id.has_value();
    }
    if (!id) {
      continue;
    }
    add_event(s, *id, e);
    if (opened) {
      notify(s, *id, domain::NotificationEvent::kIncidentOpened);
    }
    if (resolves(e.kind)) {
      resolve(s, *id, e.kind == IncidentEventKind::kResolved ? e.recovered_at_us : e.at_us);
      notify(s, *id, domain::NotificationEvent::kIncidentResolved);
    }
  }
}

std::optional<std::string> open_incident(Session& s, const std::string& monitor_id) {
  std::string id;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM incidents WHERE monitor_id = :monitor AND resolved_at IS NULL",
      soci::use(monitor_id, "monitor"), soci::into(id, ind);
  return s.got_data() && ind == soci::i_ok ? std::optional(id) : std::nullopt;
}

void close_incident(Session& s, const std::string& incident_id, IncidentEventKind why,
                    std::int64_t at_us) {
  IncidentEvent e;
  e.kind = why;
  e.at_us = at_us;
  add_event(s, incident_id, e);
  resolve(s, incident_id, at_us);
  notify(s, incident_id, domain::NotificationEvent::kIncidentResolved);
}

std::unique_ptr<IncidentStore> make_incident_store(Database& db) {
  return std::make_unique<SqlIncidentStore>(db);
}

}  // namespace vitrine::store::sql
