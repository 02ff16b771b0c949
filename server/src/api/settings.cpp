#include "api/settings.hpp"

#include <algorithm>
#include <array>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/project_json.hpp"
#include "api/query.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"
#include "domain/audit.hpp"
#include "domain/markdown.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::SiteSettings;
using http::Request;
using http::Response;

constexpr std::string_view kNoun = "settings";
constexpr std::array<std::string_view, 5> kWritable{"name", "headline", "location",
                                                    "about_markdown", "links"};
constexpr std::array<std::string_view, 3> kReadOnly{"about_html", "updated_at", "version"};

std::string etag_of(const SiteSettings& s) { return version_etag("settings", s.version); }

// The writable members: the target of a merge patch and what the audit log compares.
nlohmann::json writable_document(const SiteSettings& s) {
  nlohmann::json doc = nlohmann::json::object();
  doc["name"] = s.name;
  doc["headline"] = s.headline;
  doc["location"] = s.location;
  doc["about_markdown"] = s.about_markdown;
  doc["links"] = links_json(s.links);
  return doc;
}

nlohmann::ordered_json settings_json(const SiteSettings& s) {
  nlohmann::ordered_json j;
  j["name"] = s.name;
  j["headline"] = s.headline;
  j["location"] = s.location;
  j["about_markdown"] = s.about_markdown;
  j["about_html"] = s.about_html;
  j["links"] = links_json<nlohmann::ordered_json>(s.links);
  j["updated_at"] = s.updated_at_us == 0
                        ? nlohmann::ordered_json(nullptr)
                        : nlohmann::ordered_json(util::rfc3339_ms(s.updated_at_us));
  j["version"] = s.version;
  return j;
}

struct TextMember {
  std::string_view name;
  std::string SiteSettings::*field;
};
constexpr std::array<TextMember, 4> kTexts{{{"name", &SiteSettings::name},
                                            {"headline", &SiteSettings::headline},
                                            {"location", &SiteSettings::location},
                                            {"about_markdown", &SiteSettings::about_markdown}}};

// Sets the members of `doc` (a full writable document) on `s`, collecting every error; a
// text set to null becomes empty.
void apply(const nlohmann::json& doc, SiteSettings& s, std::vector<domain::FieldError>& errors) {
  for (const TextMember& t : kTexts) {
    s.*t.field = string_member(doc, t.name, errors).value_or("");
  }
  if (doc.contains("links")) {
    read_links(doc["links"], s.links, errors);
  }
}

// The settings `doc` (every writable member; absent ones empty) describes, validated and
// rendered, as the next version after `current`. Throws 422 listing every broken rule.
SiteSettings next_settings(const SiteSettings& current, const nlohmann::json& doc,
                           std::vector<domain::FieldError> errors) {
  SiteSettings next;
  apply(doc, next, errors);
  add_rule_errors(errors, domain::validate(next));
  if (!errors.empty()) {
    validation_failed(errors);
  }
  next.about_html = domain::render_markdown(next.about_markdown);
  next.version = current.version + 1;
  next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
  return next;
}

class SettingsApi {
 public:
  explicit SettingsApi(store::Store& store) : store_(store) {}

  [[nodiscard]] Response get(const Request& request) const {
    const QueryParams params(request.query, {});
    http::require_blocking(request);
    const SiteSettings s = store_.settings().get();
    const std::string etag = etag_of(s);
    if (none_match_hits(request.header("If-None-Match").value_or(""), etag)) {
      Response res = Response::empty(304);
      res.add_header("ETag", etag);
      return res;
    }
    return versioned_json(200, settings_json(s), etag);
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const SiteSettings current = store_.settings().get();
    if (!match_satisfied(if_match, etag_of(current))) {
      changed_since_read(kNoun);
    }
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    check_known_members(patch, kWritable, kReadOnly, "settings", errors);
    nlohmann::json merged = writable_document(current);
    for (const auto& [key, value] : patch.items()) {
      if (std::find(kWritable.begin(), kWritable.end(), key) != kWritable.end()) {
        merged[key] = value.is_null() ? nlohmann::json() : value;
      }
    }
    const SiteSettings next = next_settings(current, merged, std::move(errors));
    domain::AuditEvent record = audit::record_for(request, "settings", "");
    record.details["changes"] = domain::diff(writable_document(current), writable_document(next));
    check_write(store_.settings().update(next, current.version, record), kNoun, "settings");
    return versioned_json(200, settings_json(next), etag_of(next));
  }

 private:
  store::Store& store_;
};

}  // namespace

bool set_settings_if_unedited(store::SettingsStore& settings, const nlohmann::json& doc,
                              const domain::AuditEvent& audit) {
  const SiteSettings current = settings.get();
  if (current.updated_at_us != 0) {
    return false;
  }
  std::vector<domain::FieldError> errors;
  check_known_members(doc, kWritable, kReadOnly, "settings", errors);
  const SiteSettings next = next_settings(current, doc, std::move(errors));
  domain::AuditEvent record = audit;
  record.details["changes"] = domain::diff(writable_document(current), writable_document(next));
  return settings.update(next, current.version, record) == store::WriteOutcome::kDone;
}

void add_settings_routes(http::Router& router, store::Store& store) {
  auto api = std::make_shared<SettingsApi>(store);
  router.add(http::Method::kGet, "/api/v1/settings",
             [api](const Request& r) { return api->get(r); });
  router.add(http::Method::kPatch, "/api/v1/settings",
             [api](const Request& r) { return api->patch(r); });
}

}  // namespace vitrine::api
