#include "store/sql/sql_audit_store.hpp"

#include <soci/soci.h>

#include <string>
#include <utility>

namespace vitrine::store::sql {
namespace {

using domain::AuditEvent;

constexpr std::string_view kColumns =
    "id, at_us, actor_kind, actor_id, ip, user_agent, action, target_type, target_id, outcome, "
    "request_id, details";

// The bound variables of one audit row, as the database holds them.
struct Row {
  std::string id;
  long long at_us = 0;
  std::string actor_kind;
  std::string actor_id;
  std::string ip;
  std::string user_agent;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome;
  std::string request_id;
  std::string details;

  template <typename Query>
  void bind_into(Query& q) {
    q, soci::into(id), soci::into(at_us), soci::into(actor_kind), soci::into(actor_id),
        soci::into(ip), soci::into(user_agent), soci::into(action), soci::into(target_type),
        soci::into(target_id), soci::into(outcome), soci::into(request_id), soci::into(details);
  }
};

Row to_row(const AuditEvent& e) {
  return {e.id,
          e.at_us,
          std::string(domain::to_string(e.actor_kind)),
          e.actor_id,
          e.ip,
          e.user_agent,
          e.action,
          e.target_type,
          e.target_id,
          std::string(domain::to_string(e.outcome)),
          e.request_id,
          e.details.dump()};
}

AuditEvent from_row(Row&& r) {
  AuditEvent e;
  e.id = std::move(r.id);
  e.at_us = r.at_us;
  e.actor_kind = domain::parse_actor_kind(r.actor_kind).value_or(domain::ActorKind::kAnonymous);
  e.actor_id = std::move(r.actor_id);
  e.ip = std::move(r.ip);
  e.user_agent = std::move(r.user_agent);
  e.action = std::move(r.action);
  e.target_type = std::move(r.target_type);
  e.target_id = std::move(r.target_id);
  e.outcome = domain::parse_outcome(r.outcome).value_or(domain::Outcome::kFailure);
  e.request_id = std::move(r.request_id);
  e.details = nlohmann::json::parse(r.details, nullptr, false);
  if (e.details.is_discarded()) {
    e.details = nlohmann::json::object();
  }
  return e;
}

// The insert, prepared once per connection: every write of the server runs it.
class PreparedAppend {
 public:
  Row row;
  soci::statement statement;

  explicit PreparedAppend(soci::session& s) : statement(prepare(s, row)) {}
  PreparedAppend(const PreparedAppend&) = delete;
  PreparedAppend& operator=(const PreparedAppend&) = delete;
  PreparedAppend(PreparedAppend&&) = delete;
  PreparedAppend& operator=(PreparedAppend&&) = delete;
  ~PreparedAppend() = default;

 private:
  static soci::details::prepare_temp_type prepare(soci::session& s, Row& r) {
    soci::details::prepare_temp_type p =
        (s.prepare << "INSERT INTO audit_log (" + std::string(kColumns) +
                          ") VALUES (:id, :at_us, :actor_kind, :actor_id, :ip, :user_agent, "
                          ":action, :target_type, :target_id, :outcome, :request_id, :details)");
    p, soci::use(r.id, "id"), soci::use(r.at_us, "at_us"), soci::use(r.actor_kind, "actor_kind"),
        soci::use(r.actor_id, "actor_id"), soci::use(r.ip, "ip"),
        soci::use(r.user_agent, "user_agent"), soci::use(r.action, "action"),
        soci::use(r.target_type, "target_type"), soci::use(r.target_id, "target_id"),
        soci::use(r.outcome, "outcome"), soci::use(r.request_id, "request_id"),
        soci::use(r.details, "details");
    return p;
  }
};

class SqlAuditStore final : public AuditStore {
 public:
  explicit SqlAuditStore(Database& db) : db_(db) {}

  void append(const AuditEvent& event) override {
    db_.write([&](Session& s) { append_audit(s, event); }, "", Statements::kOne);
  }

  AuditPage list(const AuditQuery& q) override {
    return db_.read([&](Session& s) {
      std::string where = " WHERE 1 = 1";
      // Each filter adds its condition; the values are bound below in the same order.
      std::string actor = q.actor_id.value_or("");
      std::string action = q.action.value_or("");
      const bool action_family = action.ends_with('.');
      int action_length = static_cast<int>(action.size());
      std::string target_type = q.target_type.value_or("");
      std::string target_id = q.target_id.value_or("");
      std::string request_id = q.request_id.value_or("");
      std::string outcome(q.outcome ? domain::to_string(*q.outcome) : "");
      long long since = q.since_us.value_or(0);
      long long until = q.until_us.value_or(0);
      std::string before = q.before.value_or("");
      int limit = static_cast<int>(q.limit) + 1;  // one more: is there another page?
      if (q.actor_id) {
        where += " AND actor_id = :actor";
      }
      if (q.action) {
        where += action_family ? " AND substr(action, 1, :action_length) = :action"
                               : " AND action = :action";
      }
      if (q.target_type) {
        where += " AND target_type = :target_type";
      }
      if (q.target_id) {
        where += " AND target_id = :target_id";
      }
      if (q.request_id) {
        where += " AND request_id = :request_id";
      }
      if (q.outcome) {
        where += " AND outcome = :outcome";
      }
      if (q.since_us) {
        where += " AND at_us >= :since";
      }
      if (q.until_us) {
        where += " AND at_us < :until";
      }
      if (q.before) {
        where += " AND id < :before";
      }
      Row row;
      soci::details::prepare_temp_type prep =
          (s.prepare << "SELECT " + std::string(kColumns) + " FROM audit_log" + where +
                            " ORDER BY id DESC LIMIT :limit");
      row.bind_into(prep);
      if (q.actor_id) {
        prep, soci::use(actor, "actor");
      }
      if (q.action) {
        if (action_family) {
          prep, soci::use(action_length, "action_length");
        }
        prep, soci::use(action, "action");
      }
      if (q.target_type) {
        prep, soci::use(target_type, "target_type");
      }
      if (q.target_id) {
        prep, soci::use(target_id, "target_id");
      }
      if (q.request_id) {
        prep, soci::use(request_id, "request_id");
      }
      if (q.outcome) {
        prep, soci::use(outcome, "outcome");
      }
      if (q.since_us) {
        prep, soci::use(since, "since");
      }
      if (q.until_us) {
        prep, soci::use(until, "until");
      }
      if (q.before) {
        prep, soci::use(before, "before");
      }
      prep, soci::use(limit, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      AuditPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::uint64_t purge(std::int64_t before_us, const AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      long long cutoff = before_us;
      soci::statement st =
          (s.prepare << "DELETE FROM audit_log WHERE at_us < :cutoff", soci::use(cutoff, "cutoff"));
      st.execute(true);
      // Affected rows, not a COUNT first: replicas purging at once each record only what
      // they deleted.
      const long long deleted = st.get_affected_rows();
      if (deleted <= 0) {
        return std::uint64_t{0};
      }
      AuditEvent record = audit;
      record.details["deleted"] = deleted;
      append_audit(s, record);
      return static_cast<std::uint64_t>(deleted);
    });
  }

 private:
  Database& db_;
};

}  // namespace

void append_audit(Session& session, const AuditEvent& event) {
  auto& append = session.prepared<PreparedAppend>(
      "append_audit", [](Session& s) { return std::make_unique<PreparedAppend>(s); });
  append.row = to_row(event);
  append.statement.execute(true);
}

std::unique_ptr<AuditStore> make_audit_store(Database& db) {
  return std::make_unique<SqlAuditStore>(db);
}

}  // namespace vitrine::store::sql
