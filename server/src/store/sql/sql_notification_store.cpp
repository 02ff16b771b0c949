#include "store/sql/sql_notification_store.hpp"

#include <string>
#include <utility>

#include "store/sql/sql_audit_store.hpp"
#include "store/sql/versioned_rows.hpp"
#include "util/uuid.hpp"

namespace vitrine::store::sql {
namespace {

using domain::Delivery;
using domain::DeliveryAttempt;
using domain::DeliveryState;
using domain::NotificationChannel;

constexpr std::string_view kChannelColumns =
    "id, name, kind, url_sealed, secret_sealed, url_origin, project_id, on_open, on_resolve, "
    "enabled, created_at, updated_at, version";

struct ChannelRow {
  std::string id, name, kind, url_sealed, secret_sealed, url_origin;
  OptionalText project_id;
  int on_open = 0, on_resolve = 0, enabled = 0;
  long long created_at = 0, updated_at = 0, version = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(name), soci::into(kind), soci::into(url_sealed),
        soci::into(secret_sealed), soci::into(url_origin),
        soci::into(project_id.value, project_id.ind), soci::into(on_open), soci::into(on_resolve),
        soci::into(enabled), soci::into(created_at), soci::into(updated_at), soci::into(version);
  }

  template <typename Statement>
  void bind_uses(Statement& p) {
    p, soci::use(id, "id"), soci::use(name, "name"), soci::use(kind, "kind"),
        soci::use(url_sealed, "url_sealed"), soci::use(secret_sealed, "secret_sealed"),
        soci::use(url_origin, "url_origin"),
        soci::use(project_id.value, project_id.ind, "project_id"), soci::use(on_open, "on_open"),
        soci::use(on_resolve, "on_resolve"), soci::use(enabled, "enabled"),
        soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at"),
        soci::use(version, "version");
  }
};

ChannelRow to_row(const NotificationChannel& c) {
  ChannelRow r;
  r.id = c.id;
  r.name = c.name;
  r.kind = std::string(domain::to_string(c.kind));
  r.url_sealed = c.url_sealed;
  r.secret_sealed = c.secret_sealed;
  r.url_origin = c.url_origin;
  r.project_id.set(c.project_id);
  r.on_open = c.on_open ? 1 : 0;
  r.on_resolve = c.on_resolve ? 1 : 0;
  r.enabled = c.enabled ? 1 : 0;
  r.created_at = c.created_at_us;
  r.updated_at = c.updated_at_us;
  r.version = c.version;
  return r;
}

NotificationChannel from_row(ChannelRow&& r) {
  NotificationChannel c;
  c.id = std::move(r.id);
  c.name = std::move(r.name);
  c.kind = domain::parse_channel_kind(r.kind).value_or(domain::ChannelKind::kWebhook);
  c.url_sealed = std::move(r.url_sealed);
  c.secret_sealed = std::move(r.secret_sealed);
  c.url_origin = std::move(r.url_origin);
  c.project_id = r.project_id.get();
  c.on_open = r.on_open != 0;
  c.on_resolve = r.on_resolve != 0;
  c.enabled = r.enabled != 0;
  c.created_at_us = r.created_at;
  c.updated_at_us = r.updated_at;
  c.version = r.version;
  return c;
}

constexpr std::string_view kDeliveryColumns =
    "d.id, d.channel_id, d.incident_id, d.event, d.state, d.attempts, d.created_at, "
    "d.next_attempt_at, d.delivered_at, d.last_error";

struct DeliveryRow {
  std::string id, channel_id, event, state, last_error;
  OptionalText incident_id;
  int attempts = 0;
  long long created_at = 0, next_attempt_at = 0, delivered_at = 0;
  soci::indicator delivered_ind = soci::i_null;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(channel_id), soci::into(incident_id.value, incident_id.ind),
        soci::into(event), soci::into(state), soci::into(attempts), soci::into(created_at),
        soci::into(next_attempt_at), soci::into(delivered_at, delivered_ind),
        soci::into(last_error);
  }
};

Delivery from_row(DeliveryRow&& r) {
  Delivery d;
  d.id = std::move(r.id);
  d.channel_id = std::move(r.channel_id);
  d.incident_id = r.incident_id.get();
  d.event = domain::parse_notification_event(r.event).value_or(
      domain::NotificationEvent::kIncidentOpened);
  d.state = domain::parse_delivery_state(r.state).value_or(DeliveryState::kFailed);
  d.attempts = r.attempts;
  d.created_at_us = r.created_at;
  d.next_attempt_at_us = r.next_attempt_at;
  if (r.delivered_ind == soci::i_ok) {
    d.delivered_at_us = r.delivered_at;
  }
  d.last_error = std::move(r.last_error);
  return d;
}

// A delivery's body and log.
void load_details(Session& s, Delivery& d) {
  s << "SELECT body FROM notification_deliveries WHERE id = :id", soci::use(d.id, "id"),
      soci::into(d.body);
  DeliveryAttempt a;
  long long at = 0;
  long long duration = 0;
  int status = 0;
  soci::indicator status_ind = soci::i_null;
  soci::statement st =
      (s.prepare << "SELECT seq, at, duration_ms, status_code, error FROM notification_attempts "
                    "WHERE delivery_id = :id ORDER BY seq",
       soci::use(d.id, "id"), soci::into(a.seq), soci::into(at), soci::into(duration),
       soci::into(status, status_ind), soci::into(a.error));
  st.execute();
  while (st.fetch()) {
    a.at_us = at;
    a.duration_ms = duration;
    a.status_code = status_ind == soci::i_ok ? std::optional(status) : std::nullopt;
    d.log.push_back(a);
  }
}

// A claim candidate: the delivery with its body, and its channel.
struct DueRow {
  DeliveryRow delivery;
  std::string body;
  ChannelRow channel;

  void bind_into(soci::details::prepare_temp_type& p) {
    delivery.bind_into(p);
    p, soci::into(body);
    channel.bind_into(p);
  }
};

// The due deliveries with their bodies and channels, oldest due first. Built once: the
// dispatcher asks every second.
const std::string& due_query() {
  static const std::string text = [] {
    std::string channel_columns;
    for (std::string_view rest = kChannelColumns; !rest.empty();) {
      const std::size_t comma = rest.find(", ");
      channel_columns +=
          (channel_columns.empty() ? "c." : ", c.") + std::string(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    return "SELECT " + std::string(kDeliveryColumns) + ", d.body, " + channel_columns +
           " FROM notification_deliveries d JOIN notification_channels c ON c.id = "
           "d.channel_id WHERE d.state = 'pending' AND d.next_attempt_at <= :now ORDER BY "
           "d.next_attempt_at, d.id LIMIT :limit";
  }();
  return text;
}

class SqlNotificationStore final : public NotificationStore {
 public:
  explicit SqlNotificationStore(Database& db) : db_(db) {}

  ChannelPage list_channels(const std::optional<std::string>& after, unsigned limit) override {
    return db_.read([&](Session& s) {
      auto [rows, more] = select_page_by_id<ChannelRow>(
          s, "SELECT " + std::string(kChannelColumns) + " FROM notification_channels", after,
          limit);
      ChannelPage page;
      for (ChannelRow& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<NotificationChannel> find_channel(const std::string& id) override {
    return db_.read([&](Session& s) -> std::optional<NotificationChannel> {
      auto row = select_one<ChannelRow>(
          s,
          "SELECT " + std::string(kChannelColumns) + " FROM notification_channels WHERE id = :ref",
          id);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  void insert_channel(const NotificationChannel& c, const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      ChannelRow r = to_row(c);
      {
        auto query = (s << "INSERT INTO notification_channels (" << kChannelColumns
                        << ") VALUES (:id, :name, :kind, :url_sealed, :secret_sealed, "
                           ":url_origin, :project_id, :on_open, :on_resolve, :enabled, "
                           ":created_at, :updated_at, :version)");
        r.bind_uses(query);
      }
      append_audit(s, audit);
    });
  }

  WriteOutcome update_channel(const NotificationChannel& c, std::int64_t expected_version,
                              const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      ChannelRow r = to_row(c);
      long long expected = expected_version;
      long long written = 0;
      {
        auto query =
            (s << "UPDATE notification_channels SET name = :name, kind = :kind, url_sealed = "
                  ":url_sealed, secret_sealed = :secret_sealed, url_origin = :url_origin, "
                  "project_id = :project_id, on_open = :on_open, on_resolve = :on_resolve, "
                  "enabled = :enabled, created_at = :created_at, updated_at = :updated_at, "
                  "version = :version WHERE id = :id AND version = :expected RETURNING version");
        r.bind_uses(query);
        query, soci::use(expected, "expected"), soci::into(written);
      }
      if (!s.got_data()) {
        return missing_or_stale(s, "notification_channels", r.id);
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  WriteOutcome remove_channel(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      return delete_versioned(s, "notification_channels", id, expected_version, audit);
    });
  }

  DeliveryPage list_deliveries(const DeliveryQuery& q) override {
    return db_.read([&](Session& s) {
      std::string text =
          "SELECT " + std::string(kDeliveryColumns) + " FROM notification_deliveries d WHERE 1 = 1";
      std::string channel = q.channel_id.value_or("");
      std::string incident = q.incident_id.value_or("");
      std::string state(q.state ? domain::to_string(*q.state) : "");
      std::string after = q.after.value_or("");
      int fetch = static_cast<int>(q.limit) + 1;
      if (q.channel_id) {
        text += " AND d.channel_id = :channel";
      }
      if (q.incident_id) {
        text += " AND d.incident_id = :incident";
      }
      if (q.state) {
        text += " AND d.state = :state";
      }
      if (q.after) {
        text += " AND d.id < :after";
      }
      text += " ORDER BY d.id DESC LIMIT :limit";
      DeliveryRow row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      if (q.channel_id) {
        prep, soci::use(channel, "channel");
      }
      if (q.incident_id) {
        prep, soci::use(incident, "incident");
      }
      if (q.state) {
        prep, soci::use(state, "state");
      }
      if (q.after) {
        prep, soci::use(after, "after");
      }
      prep, soci::use(fetch, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      DeliveryPage page;
      for (DeliveryRow& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<Delivery> find_delivery(const std::string& id) override {
    return db_.read([&](Session& s) -> std::optional<Delivery> {
      auto row = select_one<DeliveryRow>(s,
                                         "SELECT " + std::string(kDeliveryColumns) +
                                             " FROM notification_deliveries d WHERE d.id = :ref",
                                         id);
      if (!row) {
        return std::nullopt;
      }
      Delivery d = from_row(std::move(*row));
      load_details(s, d);
      return d;
    });
  }

  std::vector<DueDelivery> claim_due(std::int64_t now_us, std::int64_t until_us,
                                     unsigned limit) override {
    // Read first: polling finds nothing due most of the time, and a read takes no write
    // lock (SQLite's is the whole database's).
    std::vector<DueRow> rows = db_.read([&](Session& s) {
      long long now = now_us;
      int fetch = static_cast<int>(limit);
      DueRow row;
      soci::details::prepare_temp_type prep = (s.prepare << due_query());
      row.bind_into(prep);
      prep, soci::use(now, "now"), soci::use(fetch, "limit");
      return fetch_rows(prep, row);
    });
    if (rows.empty()) {
      return {};
    }
    return db_.write([&](Session& s) {
      long long until = until_us;
      std::vector<DueDelivery> claimed;
      for (DueRow& r : rows) {
        // Compare and set: another replica that read the same row has claimed it first.
        long long seen = r.delivery.next_attempt_at;
        soci::statement st =
            (s.prepare << "UPDATE notification_deliveries SET next_attempt_at = :until WHERE id "
                          "= :id AND state = 'pending' AND next_attempt_at = :seen",
             soci::use(until, "until"), soci::use(r.delivery.id, "id"), soci::use(seen, "seen"));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
          continue;
        }
        DueDelivery due{from_row(DeliveryRow(r.delivery)), from_row(ChannelRow(r.channel))};
        due.delivery.body = r.body;
        claimed.push_back(std::move(due));
      }
      return claimed;
    });
  }

  void record_attempt(const std::string& delivery_id, const DeliveryAttempt& attempt,
                      DeliveryState state, std::int64_t next_attempt_at_us) override {
    db_.write([&](Session& s) {
      long long at = attempt.at_us;
      long long duration = attempt.duration_ms;
      int seq = attempt.seq;
      int status = attempt.status_code.value_or(0);
      soci::indicator status_ind = attempt.status_code ? soci::i_ok : soci::i_null;
      s << "INSERT INTO notification_attempts (delivery_id, seq, at, duration_ms, status_code, "
           "error) VALUES (:id, :seq, :at, :duration, :status, :error)",
          soci::use(delivery_id, "id"), soci::use(seq, "seq"), soci::use(at, "at"),
          soci::use(duration, "duration"), soci::use(status, status_ind, "status"),
          soci::use(attempt.error, "error");
      const std::string state_name(domain::to_string(state));
      long long next = next_attempt_at_us;
      long long delivered = at;
      soci::indicator delivered_ind =
          state == DeliveryState::kDelivered ? soci::i_ok : soci::i_null;
      s << "UPDATE notification_deliveries SET attempts = :seq, state = :state, "
           "next_attempt_at = :next, delivered_at = :delivered, last_error = :error WHERE id = "
           ":id",
          soci::use(seq, "seq"), soci::use(state_name, "state"), soci::use(next, "next"),
          soci::use(delivered, delivered_ind, "delivered"), soci::use(attempt.error, "error"),
          soci::use(delivery_id, "id");
    });
  }

  std::uint64_t purge_deliveries(std::int64_t before_us) override {
    return db_.write([&](Session& s) {
      long long before = before_us;
      soci::statement st =
          (s.prepare << "DELETE FROM notification_deliveries WHERE state <> 'pending' AND "
                        "created_at < :before",
           soci::use(before, "before"));
      st.execute(true);
      return static_cast<std::uint64_t>(st.get_affected_rows());
    });
  }

 private:
  Database& db_;
};

}  // namespace

unsigned enqueue_notifications(Session& s, const domain::Incident& incident,
                               domain::NotificationEvent event, std::int64_t now_us) {
  const bool opened = event == domain::NotificationEvent::kIncidentOpened;
  std::string project = incident.project_id.value_or("");
  soci::indicator project_ind = incident.project_id ? soci::i_ok : soci::i_null;
  std::vector<std::pair<std::string, domain::ChannelKind>> channels;
  {
    std::string id;
    std::string kind;
    soci::statement st =
        (s.prepare << std::string("SELECT id, kind FROM notification_channels WHERE enabled = 1 "
                                  "AND ") +
                          (opened ? "on_open = 1" : "on_resolve = 1") +
                          " AND (project_id IS NULL OR project_id = :project) ORDER BY id",
         soci::use(project, project_ind, "project"), soci::into(id), soci::into(kind));
    st.execute();
    while (st.fetch()) {
      channels.emplace_back(
          id, domain::parse_channel_kind(kind).value_or(domain::ChannelKind::kWebhook));
    }
  }
  const std::string event_name(domain::to_string(event));
  long long now = now_us;
  for (const auto& [channel_id, kind] : channels) {
    const std::string id = util::uuid_v7();
    const std::string body = kind == domain::ChannelKind::kSlack
                                 ? domain::slack_body(event, incident)
                                 : domain::webhook_body(id, event, incident, now_us);
    s << "INSERT INTO notification_deliveries (id, channel_id, incident_id, event, body, state, "
         "attempts, created_at, next_attempt_at, delivered_at, last_error) VALUES (:id, "
         ":channel, :incident, :event, :body, 'pending', 0, :now, :now, NULL, '')",
        soci::use(id, "id"), soci::use(channel_id, "channel"), soci::use(incident.id, "incident"),
        soci::use(event_name, "event"), soci::use(body, "body"), soci::use(now, "now");
  }
  return static_cast<unsigned>(channels.size());
}

std::unique_ptr<NotificationStore> make_notification_store(Database& db) {
  return std::make_unique<SqlNotificationStore>(db);
}

}  // namespace vitrine::store::sql
