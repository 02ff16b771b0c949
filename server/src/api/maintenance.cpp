#include "api/maintenance.hpp"

#include <algorithm>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/maintenance_json.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/resource_routes.hpp"
#include "api/store_problems.hpp"
#include "api/versioned_delete.hpp"
#include "audit/request_audit.hpp"
#include "checks/monitoring.hpp"
#include "domain/audit.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::Maintenance;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/maintenance-windows";

constexpr std::string_view kNoun = "maintenance window";

std::string etag_of(const Maintenance& m) { return version_etag(m.id, m.version); }

class MaintenanceApi {
 public:
  explicit MaintenanceApi(const MaintenanceDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 2> kAccepted{"limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    const unsigned limit = page_limit(params);
    const auto after = params.id_cursor();
    http::require_blocking(request);
    const store::MaintenancePage page = d_.store.maintenance().list(after, limit);
    const std::int64_t now = util::now_us();
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Maintenance& m : page.items) {
      items.push_back(maintenance_json(m, now));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  }

  [[nodiscard]] Response get(const Request& request) const { return representation(load(request)); }

  [[nodiscard]] Response create(const Request& request) const {
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, "application/json");
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    Maintenance m;
    std::vector<domain::FieldError> errors;
    apply_maintenance_document(doc, m, errors);
    for (const char* required : {"name", "starts_at"}) {
      if (!doc.contains(required)) {
        errors.push_back({required, "required", "is required"});
      }
    }
    finish_validation(m, errors);
    m.id = util::uuid_v7();
    m.created_at_us = m.updated_at_us = util::now_us();
    m.version = 1;
    domain::AuditEvent record = audit::record_for(request, "maintenance", m.id);
    record.details["changes"] = domain::diff(nullptr, maintenance_document(m));
    d_.store.maintenance().insert(m, record);
    d_.control.maintenance_changed();
    Response res = representation(m, 201);
    res.add_header("Location", std::string(kCollection) + "/" + m.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const Maintenance current = load(request);
    if (!match_satisfied(if_match, etag_of(current))) {
      changed_since_read(kNoun);
    }
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    nlohmann::json merged = maintenance_document(current);
    merged.merge_patch(patch);
    // The document holds every writable member: one the patch set to null is gone from
    // it, so it reads as unset on a fresh window (no monitor, no rule).
    Maintenance next;
    next.id = current.id;
    next.created_at_us = current.created_at_us;
    std::vector<domain::FieldError> errors;
    apply_maintenance_document(merged, next, errors);
    finish_validation(next, errors);
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "maintenance", current.id);
    record.details["changes"] =
        domain::diff(maintenance_document(current), maintenance_document(next));
    check_write(d_.store.maintenance().update(next, current.version, record), kNoun, current.id);
    d_.control.maintenance_changed();
    return representation(next);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    const Maintenance current = load(request);
    remove_versioned(request,
                     {kNoun, "maintenance", current.id, current.version, etag_of(current),
                      maintenance_document(current)},
                     [&](std::optional<std::int64_t> expected, const domain::AuditEvent& record) {
                       return d_.store.maintenance().remove(current.id, expected, record);
                     });
    d_.control.maintenance_changed();
    return Response::empty(204);
  }

 private:
  [[nodiscard]] Maintenance load(const Request& request) const {
    const std::string& id = *request.param("id");
    if (!domain::looks_like_uuid(id)) {
      resource_not_found(kNoun, id);
    }
    http::require_blocking(request);
    auto m = d_.store.maintenance().find(id);
    if (!m) {
      resource_not_found(kNoun, id);
    }
    return std::move(*m);
  }

  void finish_validation(const Maintenance& m, std::vector<domain::FieldError>& errors) const {
    add_rule_errors(errors, domain::validate(m));
    const auto has_error = [&](std::string_view field) {
      return std::any_of(errors.begin(), errors.end(),
                         [&](const auto& e) { return e.field == field; });
    };
    if (m.monitor_id && !has_error("monitor_id") && !d_.store.monitors().find(*m.monitor_id)) {
      errors.push_back({"monitor_id", "not_found", "no monitor has this id"});
    }
    if (m.project_id && !has_error("project_id") && !d_.store.projects().find(*m.project_id)) {
      errors.push_back({"project_id", "not_found", "no project has this id"});
    }
    if (!errors.empty()) {
      validation_failed(errors);
    }
  }

  [[nodiscard]] static Response representation(const Maintenance& m, int code = 200) {
    return versioned_json(code, maintenance_json(m, util::now_us()), etag_of(m));
  }

  MaintenanceDeps d_;
};

}  // namespace

void add_maintenance_routes(http::Router& router, const MaintenanceDeps& deps) {
  auto api = std::make_shared<MaintenanceApi>(deps);
  add_resource_routes(router, kCollection, api);
}

}  // namespace vitrine::api
