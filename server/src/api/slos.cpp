#include "api/slos.hpp"

#include <algorithm>
#include <array>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/resource_routes.hpp"
#include "api/slo_json.hpp"
#include "api/store_problems.hpp"
#include "api/versioned_delete.hpp"
#include "audit/request_audit.hpp"
#include "auth/principal.hpp"
#include "checks/monitoring.hpp"
#include "domain/audit.hpp"
#include "domain/slo_rules.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "slo/reports.hpp"
#include "store/store.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::Slo;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/slos";

constexpr std::string_view kNoun = "SLO";

std::string etag_of(const Slo& s) { return version_etag(s.id, s.version); }

// The rules (domain/slo.cpp) and the monitor's existence; 422 with every error.
void finish_validation(store::Store& store, const Slo& s, std::vector<domain::FieldError>& errors) {
  add_rule_errors(errors, domain::validate(s));
  const bool bad_monitor = std::any_of(errors.begin(), errors.end(),
                                       [](const auto& e) { return e.field == "monitor_id"; });
  if (!bad_monitor && !store.monitors().find(s.monitor_id)) {
    errors.push_back({"monitor_id", "not_found", "no monitor has this id"});
  }
  if (!errors.empty()) {
    validation_failed(errors);
  }
}

class SlosApi {
 public:
  explicit SlosApi(const SlosDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 3> kAccepted{"monitor_id", "limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    std::optional<std::string> monitor;
    if (const auto m = params.get("monitor_id")) {
      if (!domain::looks_like_uuid(*m)) {
        invalid_parameter("monitor_id", "not a monitor id", "a monitor's id (UUID)");
      }
      monitor = std::string(*m);
    }
    const unsigned limit = page_limit(params);
    const auto after = params.id_cursor();
    http::require_blocking(request);
    const store::SloPage page = d_.store.slos().list(monitor, after, limit);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Slo& s : page.items) {
      items.push_back(slo_json(s, std::nullopt, 0));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  }

  // The public (callers who cannot read everything) see only the SLOs of enabled public
  // monitors, as the status page and the incidents do.
  [[nodiscard]] Response get(const Request& request) const {
    const Slo s = load(request);
    if (!request.principal || !request.principal->reads_everything()) {
      const auto monitor = d_.store.monitors().find(s.monitor_id);
      if (!monitor || !monitor->enabled || !monitor->is_public) {
        resource_not_found(kNoun, s.id);
      }
    }
    return representation(s);
  }

  [[nodiscard]] Response create(const Request& request) const {
    http::require_blocking(request);
    const Slo s = create_slo(d_.store, parse_json_body(request, "application/json"),
                             audit::record_for(request, "slo", ""));
    d_.control.slos_changed();
    Response res = representation(s, 201);
    res.add_header("Location", std::string(kCollection) + "/" + s.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const Slo current = load(request);
    if (!match_satisfied(if_match, etag_of(current))) {
      changed_since_read(kNoun);
    }
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    nlohmann::json merged = slo_document(current);
    merged.merge_patch(patch);
    // The document holds every writable member: one the patch set to null is gone from it,
    // so it reads as unset on a fresh SLO (a latency SLO's threshold_ms: null makes it
    // availability-ready rather than keeping the old threshold).
    Slo next;
    next.id = current.id;
    next.created_at_us = current.created_at_us;
    std::vector<domain::FieldError> errors;
    // The document holds the writable members only: any other member came from the patch
    // and is reported (read-only or unknown).
    apply_slo_document(merged, next, errors);
    finish_validation(d_.store, next, errors);
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "slo", current.id);
    record.details["changes"] = domain::diff(slo_document(current), slo_document(next));
    check_write(d_.store.slos().update(next, current.version, record), kNoun, current.id);
    d_.control.slos_changed();
    return representation(next);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    const Slo current = load(request);
    remove_versioned(
        request,
        {kNoun, "slo", current.id, current.version, etag_of(current), slo_document(current)},
        [&](std::optional<std::int64_t> expected, const domain::AuditEvent& record) {
          return d_.store.slos().remove(current.id, expected, record);
        });
    d_.control.slos_changed();
    return Response::empty(204);
  }

  // The SLO's Prometheus rules (domain/slo_rules.hpp), for a rule_files entry.
  [[nodiscard]] Response rules(const Request& request) const {
    const Slo s = load(request);
    Response res;
    res.set_status(200);
    res.set_body("application/yaml", domain::prometheus_rules({s}));
    res.add_header("Cache-Control", "private, no-cache");
    return res;
  }

 private:
  [[nodiscard]] Slo load(const Request& request) const {
    const std::string& id = *request.param("id");
    if (!domain::looks_like_uuid(id)) {
      resource_not_found(kNoun, id);
    }
    http::require_blocking(request);
    auto s = d_.store.slos().find(id);
    if (!s) {
      resource_not_found(kNoun, id);
    }
    return std::move(*s);
  }

  // With its report now.
  [[nodiscard]] Response representation(const Slo& s, int code = 200) const {
    const std::int64_t now = util::now_us();
    const domain::SloReport report = slo::report_now(d_.store.results(), s, now);
    return versioned_json(code, slo_json(s, report, now), etag_of(s));
  }

  SlosDeps d_;
};

}  // namespace

Slo create_slo(store::Store& store, const nlohmann::json& doc, domain::AuditEvent audit) {
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  Slo s;
  std::vector<domain::FieldError> errors;
  apply_slo_document(doc, s, errors);
  for (const char* required : {"monitor_id", "name", "objective"}) {
    if (!doc.contains(required)) {
      errors.push_back({required, "required", "is required"});
    }
  }
  if (s.kind == domain::SloKind::kLatency && !doc.contains("threshold_ms")) {
    errors.push_back({"threshold_ms", "required", "a latency objective needs one"});
  }
  finish_validation(store, s, errors);
  s.id = util::uuid_v7();
  s.created_at_us = s.updated_at_us = util::now_us();
  s.version = 1;
  audit.target_id = s.id;
  audit.details["changes"] = domain::diff(nullptr, slo_document(s));
  store.slos().insert(s, audit);
  return s;
}

void add_slo_routes(http::Router& router, const SlosDeps& deps) {
  auto api = std::make_shared<SlosApi>(deps);
  const std::string item = std::string(kCollection) + "/{id}";
  add_resource_routes(router, kCollection, api);
  router.add(http::Method::kGet, item + "/prometheus-rules",
             [api](const Request& r) { return api->rules(r); });
}

}  // namespace vitrine::api
