#include "store/sql/sql_audit_store.hpp"

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

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

// The insert, prepared once per connection (PreparedRow): every write of the server runs it.
soci::details::prepare_temp_type prepare_append(soci::session& s, Row& r) {
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

class SqlAuditStore final : public AuditStore {
 public:
  explicit SqlAuditStore(Database& db) : db_(db) {}

  void append(const AuditEvent& event) override {
    db_.write([&](Session& s) { append_audit(s, event); }, "", Statements::kOne);
  }

  AuditPage list(const AuditQuery& q) override {
    return db_.read([&](Session& s) {
      // Each filter adds its condition and binds its value; the values live in deques,
      // whose elements never move, until the statement has run.
      std::string where = " WHERE 1 = 1";
      std::deque<std::string> texts;
      std::deque<long long> numbers;
      std::vector<std::function<void(soci::details::prepare_temp_type&)>> binds;
      const auto text = [&](std::string_view condition, const char* name, std::string value) {
        where += condition;
        std::string& v = texts.emplace_back(std::move(value));
        binds.emplace_back(
            [&v, name](soci::details::prepare_temp_type& p) { p, soci::use(v, name); });
      };
      const auto number = [&](std::string_view condition, const char* name, long long value) {
        where += condition;
        long long& v = numbers.emplace_back(value);
        binds.emplace_back(
            [&v, name](soci::details::prepare_temp_type& p) { p, soci::use(v, name); });
      };
      if (q.actor_id) {
        text(" AND actor_id = :actor", "actor", *q.actor_id);
      }
      if (q.action && q.action->ends_with('.')) {  // a family: "project."
        number(" AND substr(action, 1, :action_length)", "action_length",
               static_cast<long long>(q.action->size()));
        text(" = :action", "action", *q.action);
      } else if (q.action) {
        text(" AND action = :action", "action", *q.action);
      }
      if (q.target_type) {
        text(" AND target_type = :target_type", "target_type", *q.target_type);
      }
      if (q.target_id) {
        text(" AND target_id = :target_id", "target_id", *q.target_id);
      }
      if (q.request_id) {
        text(" AND request_id = :request_id", "request_id", *q.request_id);
      }
      if (q.outcome) {
        text(" AND outcome = :outcome", "outcome", std::string(domain::to_string(*q.outcome)));
      }
      if (q.since_us) {
        number(" AND at_us >= :since", "since", *q.since_us);
      }
      if (q.until_us) {
        number(" AND at_us < :until", "until", *q.until_us);
      }
      if (q.before) {
        text(" AND id < :before", "before", *q.before);
      }
      int limit = static_cast<int>(q.limit) + 1;  // one more: is there another page?
      Row row;
      soci::details::prepare_temp_type prep =
          (s.prepare << "SELECT " + std::string(kColumns) + " FROM audit_log" + where +
                            " ORDER BY id DESC LIMIT :limit");
      row.bind_into(prep);
      for (const auto& bind : binds) {
        bind(prep);
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
  auto& append = prepared_row<Row>(session, "append_audit", &prepare_append);
  append.row = to_row(event);
  append.statement.execute(true);
}

std::unique_ptr<AuditStore> make_audit_store(Database& db) {
  return std::make_unique<SqlAuditStore>(db);
}

}  // namespace vitrine::store::sql
