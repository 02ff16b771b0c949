#include "api/audit.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "api/paging.hpp"
#include "api/query.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

constexpr std::string_view kPath = "/api/v1/audit";
constexpr std::size_t kMaxFilterBytes = 200;

nlohmann::ordered_json record_json(const domain::AuditEvent& e) {
  return {{"id", e.id},
          {"at", util::rfc3339_ms(e.at_us)},
          {"actor_kind", domain::to_string(e.actor_kind)},
          {"actor_id", e.actor_id},
          {"ip", e.ip},
          {"user_agent", e.user_agent},
          {"action", e.action},
          {"target_type", e.target_type},
          {"target_id", e.target_id},
          {"outcome", domain::to_string(e.outcome)},
          {"request_id", e.request_id},
          {"details", e.details}};
}

std::optional<std::string> text_filter(const QueryParams& params, std::string_view name) {
  const auto value = params.get(name);
  if (!value) {
    return std::nullopt;
  }
  if (value->empty() || value->size() > kMaxFilterBytes) {
    invalid_parameter(name, "must not be empty or longer than 200 bytes", "a value to match");
  }
  return std::string(*value);
}

std::optional<std::int64_t> time_filter(const QueryParams& params, std::string_view name) {
  const auto value = params.get(name);
  if (!value) {
    return std::nullopt;
  }
  const auto us = util::parse_rfc3339(*value);
  if (!us) {
    invalid_parameter(name, "not an RFC 3339 date-time", "e.g. 2026-11-25T20:41:07Z");
  }
  return us;
}

store::AuditQuery parse_audit_query(const QueryParams& params) {
  store::AuditQuery q;
  q.actor_id = text_filter(params, "actor");
  q.action = text_filter(params, "action");
  q.target_type = text_filter(params, "target_type");
  q.target_id = text_filter(params, "target_id");
  q.request_id = text_filter(params, "request_id");
  if (const auto outcome = params.get("outcome")) {
    q.outcome = domain::parse_outcome(*outcome);
    if (!q.outcome) {
      invalid_parameter("outcome", "unknown outcome", "success, failure or denied");
    }
  }
  q.since_us = time_filter(params, "since");
  q.until_us = time_filter(params, "until");
  q.before = params.id_cursor();
  q.limit = page_limit(params);
  return q;
}

}  // namespace

void add_audit_routes(http::Router& router, store::AuditStore& audit) {
  router.add(http::Method::kGet, std::string(kPath), [&audit](const http::Request& request) {
    static constexpr std::array<std::string_view, 10> kAccepted{
        "actor",   "action", "target_type", "target_id", "request_id",
        "outcome", "since",  "until",       "limit",     "cursor"};
    const QueryParams params(request.query, kAccepted);
    const store::AuditQuery query = parse_audit_query(params);
    http::require_blocking(request);
    const store::AuditPage page = audit.list(query);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const domain::AuditEvent& e : page.items) {
      items.push_back(record_json(e));
    }
    return page_response(params, kPath, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  });
}

}  // namespace vitrine::api
