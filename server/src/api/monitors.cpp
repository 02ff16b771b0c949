#include "api/monitors.hpp"

#include <array>
#include <charconv>
#include <unordered_map>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/monitor_json.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/resource_routes.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"
#include "auth/api_tokens.hpp"
#include "checks/monitoring.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/base64.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::Monitor;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/monitors";
constexpr long long kDefaultResultLimit = 100;
constexpr long long kMaxResultLimit = 1000;
// A check ends within its own timeout; this much more is the loop's slack.
constexpr std::chrono::seconds kTestSlack{5};

[[noreturn]] void not_found(std::string_view id) { resource_not_found("monitor", id); }

// The ETag names the version: the representation's status changes with every check, but
// only a new version may fail an If-Match.
std::string etag_of(const Monitor& m) { return version_etag(m.id, m.version); }

// `push_secret`: a new heartbeat secret, shown in this answer only.
Response representation(const Monitor& m, const std::optional<domain::MonitorStatus>& status,
                        int code = 200, const std::string& push_secret = {}) {
  nlohmann::ordered_json body = monitor_json(m, status);
  if (!push_secret.empty()) {
    body["push_url"] = "/api/v1/push/" + push_secret;
  }
  return versioned_json(code, body, etag_of(m));
}

// The results cursor: base64url of the last result's time in microseconds.
std::string encode_time_cursor(std::int64_t at_us) {
  return util::base64url_encode(std::to_string(at_us));
}

std::optional<std::int64_t> time_cursor(const QueryParams& params) {
  const auto cursor = params.get("cursor");
  if (!cursor) {
    return std::nullopt;
  }
  const auto text = util::base64url_decode(*cursor);
  std::int64_t at = 0;
  if (text) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), at);
    if (ec == std::errc() && end == text->data() + text->size() && at > 0) {
      return at;
    }
  }
  invalid_parameter("cursor", "not a cursor from this list", "the next_cursor of a page");
}

// A push monitor's new heartbeat secret, its hash set on `m`; empty for other kinds.
std::string issue_push_secret(Monitor& m) {
  if (m.kind != domain::MonitorKind::kPush) {
    return {};
  }
  auth::PushSecret minted = auth::mint_push_secret();
  m.push_hash = std::move(minted.hash);
  return std::move(minted.secret);
}

// The rules (domain/monitor.cpp) and the project's existence; 422 with every error.
void finish_validation(store::Store& store, std::int64_t min_interval_s, const Monitor& m,
                       std::vector<domain::FieldError>& errors) {
  add_rule_errors(errors, domain::validate(m, min_interval_s));
  if (m.project_id && domain::looks_like_uuid(*m.project_id) &&
      !store.projects().find(*m.project_id)) {
    errors.push_back({"project_id", "not_found", "no project has this id"});
  }
  if (!errors.empty()) {
    validation_failed(errors);
  }
}

class MonitorsApi {
 public:
  explicit MonitorsApi(const MonitorsDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 3> kAccepted{"project_id", "limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    store::MonitorQuery query;
    if (const auto project = params.get("project_id")) {
      if (!domain::looks_like_uuid(*project)) {
        invalid_parameter("project_id", "not a project id", "a project's id (UUID)");
      }
      query.project_id = std::string(*project);
    }
    query.limit = page_limit(params);
    query.after = params.id_cursor();
    http::require_blocking(request);
    const store::MonitorPage page = d_.store.monitors().list(query);
    std::unordered_map<std::string, domain::MonitorStatus> statuses;
    if (!page.items.empty()) {
      for (domain::MonitorStatus& s :
           d_.store.results().statuses_between(page.items.front().id, page.items.back().id)) {
        statuses.emplace(s.monitor_id, std::move(s));
      }
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Monitor& m : page.items) {
      const auto it = statuses.find(m.id);
      items.push_back(
          monitor_json(m, it == statuses.end() ? std::nullopt : std::optional(it->second)));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  }

  [[nodiscard]] Response get(const Request& request) const {
    const Monitor m = load(request);
    if (none_match_hits(request.header("If-None-Match").value_or(""), etag_of(m))) {
      Response res = Response::empty(304);
      res.add_header("ETag", etag_of(m));
      return res;
    }
    return representation(m, d_.store.results().status(m.id));
  }

  [[nodiscard]] Response create(const Request& request) const {
    http::require_blocking(request);
    const NewMonitor created =
        create_monitor(d_.store, d_.min_interval_s, parse_json_body(request, "application/json"),
                       audit::record_for(request, "monitor", ""));
    d_.control.changed(created.monitor);
    Response res = representation(created.monitor, std::nullopt, 201, created.push_secret);
    res.add_header("Location", std::string(kCollection) + "/" + created.monitor.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const Monitor current = load_for_write(request, if_match);
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    strip_unwritable_monitor(patch, errors);
    nlohmann::json merged = monitor_document(current, Redact::kNo);
    // A kind change starts the kind's settings afresh rather than merging another kind's.
    if (patch.contains("kind") && patch["kind"] != merged["kind"]) {
      merged["http"] = nullptr;
      merged["tls"] = nullptr;
    }
    merged.merge_patch(patch);
    Monitor next;
    next.id = current.id;
    next.created_at_us = current.created_at_us;
    apply_monitor_document(merged, next, &current, errors);
    finish_validation(d_.store, d_.min_interval_s, next, errors);
    // A monitor that becomes a push monitor gets a secret; one that stops being one drops it.
    next.push_hash = current.push_hash;
    const std::string secret =
        current.kind == domain::MonitorKind::kPush ? std::string() : issue_push_secret(next);
    if (next.kind != domain::MonitorKind::kPush) {
      next.push_hash.clear();
    }
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "monitor", current.id);
    record.details["changes"] =
        domain::diff(monitor_document(current, Redact::kYes), monitor_document(next, Redact::kYes));
    const store::WriteOutcome outcome = d_.store.monitors().update(next, current.version, record);
    if (outcome == store::WriteOutcome::kNotFound) {
      not_found(current.id);
    }
    if (outcome == store::WriteOutcome::kStale) {
      stale();
    }
    d_.control.changed(next);
    return representation(next, d_.store.results().status(next.id), 200, secret);
  }

  // POST .../push-token: a new heartbeat secret; the old one stops working.
  [[nodiscard]] Response rotate_push_secret(const Request& request) const {
    const Monitor current = load(request);
    if (current.kind != domain::MonitorKind::kPush) {
      throw http::ProblemError(http::problems::kConflict,
                               "Only push monitors have a heartbeat secret.");
    }
    Monitor next = current;
    const std::string secret = issue_push_secret(next);
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "monitor", current.id);
    record.details["push_secret"] = "rotated";
    if (d_.store.monitors().update(next, current.version, record) != store::WriteOutcome::kDone) {
      stale();
    }
    d_.control.changed(next);
    return representation(next, d_.store.results().status(next.id), 200, secret);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    http::require_blocking(request);
    const auto if_match = request.header("If-Match");
    const Monitor current = load_for_write(request, if_match.value_or("*"));
    domain::AuditEvent record = audit::record_for(request, "monitor", current.id);
    record.details["changes"] = domain::diff(monitor_document(current, Redact::kYes), nullptr);
    const store::WriteOutcome outcome = d_.store.monitors().remove(
        current.id, if_match ? std::optional(current.version) : std::nullopt, record);
    if (outcome == store::WriteOutcome::kNotFound) {
      not_found(current.id);
    }
    if (outcome == store::WriteOutcome::kStale) {
      stale();
    }
    d_.control.removed(current.id);
    return Response::empty(204);
  }

  [[nodiscard]] Response test(const Request& request) const {
    const Monitor m = load(request);
    if (m.kind == domain::MonitorKind::kPush) {
      throw http::ProblemError(http::problems::kConflict,
                               "A push monitor is not run by Vitrine: its job calls the push URL.");
    }
    const auto wait = std::chrono::milliseconds(m.timeout_ms) + kTestSlack;
    const auto result = d_.control.run_now(m, wait);
    if (!result) {
      throw http::ProblemError(http::problems::kCheckTimeout,
                               "The check did not report within its timeout; try again.");
    }
    // Recorded: an editor made the server connect somewhere, outside the schedule.
    domain::AuditEvent record = audit::record_for(request, "monitor", m.id);
    record.details["target"] = m.target;
    record.details["state"] = domain::to_string(result->state);
    d_.store.audit().append(record);
    Response res = Response::json(200, json_text(result_json(*result)));
    res.add_header("Cache-Control", "no-store");
    return res;
  }

  [[nodiscard]] Response results(const Request& request) const {
    static constexpr std::array<std::string_view, 4> kAccepted{"from", "to", "limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    store::ResultQuery query;
    query.from_us = params.time("from");
    query.to_us = params.time("to");
    query.before_us = time_cursor(params);
    query.limit = static_cast<unsigned>(
        params.integer("limit", 1, kMaxResultLimit).value_or(kDefaultResultLimit));
    const Monitor m = load(request);
    query.monitor_id = m.id;
    const store::ResultPage page = d_.store.results().list(query);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const domain::CheckResult& r : page.items) {
      items.push_back(result_json(r));
    }
    return cursor_page_response(
        params, std::string(kCollection) + "/" + m.id + "/results", std::move(items),
        page.has_more ? std::optional(encode_time_cursor(page.items.back().at_us)) : std::nullopt);
  }

 private:
  [[noreturn]] static void stale() { changed_since_read("monitor"); }

  [[nodiscard]] Monitor load(const Request& request) const {
    return load_monitor(request, d_.store.monitors());
  }

  [[nodiscard]] Monitor load_for_write(const Request& request, std::string_view if_match) const {
    Monitor m = load(request);
    if (!match_satisfied(if_match, etag_of(m))) {
      stale();
    }
    return m;
  }

  MonitorsDeps d_;
};

}  // namespace

Monitor load_monitor(const http::Request& request, store::MonitorStore& monitors) {
  const std::string& id = *request.param("id");
  if (!domain::looks_like_uuid(id)) {
    not_found(id);
  }
  http::require_blocking(request);
  auto m = monitors.find(id);
  if (!m) {
    not_found(id);
  }
  return std::move(*m);
}

NewMonitor create_monitor(store::Store& store, std::int64_t min_interval_s,
                          const nlohmann::json& doc, domain::AuditEvent audit) {
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  NewMonitor created;
  Monitor& m = created.monitor;
  std::vector<domain::FieldError> errors;
  apply_monitor_document(doc, m, nullptr, errors);
  if (!doc.contains("kind")) {
    errors.push_back({"kind", "required", "must be one of http, tcp, tls, push"});
  }
  finish_validation(store, min_interval_s, m, errors);
  m.id = util::uuid_v7();
  m.created_at_us = m.updated_at_us = util::now_us();
  m.version = 1;
  created.push_secret = issue_push_secret(m);
  audit.target_id = m.id;
  audit.details["changes"] = domain::diff(nullptr, monitor_document(m, Redact::kYes));
  store.monitors().insert(m, audit);
  return created;
}

void add_monitor_routes(http::Router& router, const MonitorsDeps& deps) {
  auto api = std::make_shared<const MonitorsApi>(deps);
  const std::string item = std::string(kCollection) + "/{id}";
  add_resource_routes(router, kCollection, api);
  router.add(http::Method::kPost, item + "/test", [api](const Request& r) { return api->test(r); });
  router.add(http::Method::kPost, item + "/push-token",
             [api](const Request& r) { return api->rotate_push_secret(r); });
  router.add(http::Method::kGet, item + "/results",
             [api](const Request& r) { return api->results(r); });
}

}  // namespace vitrine::api
