#include "api/incidents.hpp"

#include <array>

#include "api/incident_json.hpp"
#include "api/json_body.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"
#include "auth/principal.hpp"
#include "domain/audit.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::Incident;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/incidents";

constexpr std::string_view kNoun = "incident";

bool is_reader(const Request& request) {
  return request.principal && request.principal->reads_everything();
}

class IncidentsApi {
 public:
  explicit IncidentsApi(store::Store& store) : store_(store) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 7> kAccepted{
        "project_id", "monitor_id", "state", "from", "to", "limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    store::IncidentQuery query;
    query.project_id = params.uuid("project_id", "project");
    query.monitor_id = params.uuid("monitor_id", "monitor");
    if (const auto state = params.get("state")) {
      if (*state == "open") {
        query.state = store::IncidentState::kOpen;
      } else if (*state == "resolved") {
        query.state = store::IncidentState::kResolved;
      } else {
        invalid_parameter("state", "unknown state", "open or resolved");
      }
    }
    query.from_us = params.time("from");
    query.to_us = params.time("to");
    query.limit = page_limit(params);
    query.after = params.id_cursor();
    const bool reader = is_reader(request);
    query.public_only = !reader;
    http::require_blocking(request);
    const store::IncidentPage page = store_.incidents().list(query);
    const std::int64_t now = util::now_us();
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Incident& i : page.items) {
      items.push_back(incident_json(i, reader, now));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  }

  [[nodiscard]] Response get(const Request& request) const {
    const bool reader = is_reader(request);
    const Incident incident = load(request, reader);
    Response res = Response::json(200, json_text(incident_json(incident, reader, util::now_us())));
    res.add_header("Cache-Control", "private, no-cache");
    return res;
  }

  [[nodiscard]] Response post_update(const Request& request) const {
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, "application/json");
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    const Incident incident = load(request, true);
    domain::IncidentUpdate update;
    std::vector<domain::FieldError> errors;
    apply_update_document(doc, update, errors);
    if (!errors.empty()) {
      validation_failed(errors);
    }
    update.id = util::uuid_v7();
    update.incident_id = incident.id;
    update.at_us = util::now_us();
    update.author_id = request.principal ? request.principal->id : std::string();
    domain::AuditEvent record = audit::record_for(request, "incident", incident.id);
    record.details["update"] = {
        {"id", update.id}, {"status", domain::to_string(update.status)}, {"body", update.body}};
    if (store_.incidents().add_update(update, record) == store::WriteOutcome::kNotFound) {
      resource_not_found(kNoun, incident.id);
    }
    const Incident now = load(request, true);
    Response res = Response::json(201, json_text(incident_json(now, true, util::now_us())));
    res.add_header("Location", std::string(kCollection) + "/" + incident.id);
    return res;
  }

 private:
  // The incident the path names; for the public only one of an enabled public monitor,
  // with a draft project left unnamed (the same answer as for no incident otherwise).
  [[nodiscard]] Incident load(const Request& request, bool reader) const {
    const std::string& id = *request.param("id");
    if (!domain::looks_like_uuid(id)) {
      resource_not_found(kNoun, id);
    }
    http::require_blocking(request);
    auto incident = store_.incidents().find(id);
    if (!incident) {
      resource_not_found(kNoun, id);
    }
    if (reader) {
      return std::move(*incident);
    }
    const auto monitor =
        incident->monitor_id ? store_.monitors().find(*incident->monitor_id) : std::nullopt;
    if (!monitor || !monitor->enabled || !monitor->is_public) {
      resource_not_found(kNoun, id);
    }
    if (incident->project_id) {
      const auto project = store_.projects().find(*incident->project_id);
      if (!project || project->visibility != domain::Visibility::kPublished) {
        incident->project_id.reset();
      }
    }
    return std::move(*incident);
  }

  store::Store& store_;
};

}  // namespace

void add_incident_routes(http::Router& router, store::Store& store) {
  auto api = std::make_shared<IncidentsApi>(store);
  const std::string collection(kCollection);
  const std::string item = collection + "/{id}";
  router.add(http::Method::kGet, collection, [api](const Request& r) { return api->list(r); });
  router.add(http::Method::kGet, item, [api](const Request& r) { return api->get(r); });
  router.add(http::Method::kPost, item + "/updates",
             [api](const Request& r) { return api->post_update(r); });
}

}  // namespace vitrine::api
