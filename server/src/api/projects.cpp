#include "api/projects.hpp"

#include <memory>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/project_json.hpp"
#include "api/project_query.hpp"
#include "api/response_cache.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"
#include "auth/principal.hpp"
#include "domain/markdown.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::Project;

using http::Request;
using http::Response;

// Who a read is for: the public sees published projects; every signed-in user (every role
// reads drafts) and tokens with the read scope see all. Cached separately.
enum class Audience : std::uint8_t { kPublic, kEditor };

Audience audience_of(const Request& request) {
  return request.principal && request.principal->reads_everything() ? Audience::kEditor
                                                                    : Audience::kPublic;
}

constexpr std::string_view kCollection = "/api/v1/projects";
constexpr int kSlugAttempts = 20;

// A cached representation as a response: 304 when the client has it. The body is shared
// with the cache entry, not copied.
Response send(const std::shared_ptr<const CachedResponse>& entry, const Request& request,
              Audience audience, int status = 200) {
  const CachedResponse& c = *entry;
  Response res =
      shared_representation(request, entry, "application/json", c.body, c.gzipped, c.etag, status);
  // Drafts are visible to the editor only: never in a shared cache.
  res.add_header("Cache-Control", audience == Audience::kPublic ? "no-cache" : "private, no-cache");
  res.add_header("Vary", "Authorization");
  if (!c.link.empty()) {
    res.add_header("Link", c.link);
  }
  return res;
}

std::shared_ptr<const CachedResponse> representation(const Project& p) {
  std::string body = json_text(project_json(p));
  std::string etag = strong_etag(body);
  return std::make_shared<const CachedResponse>(
      CachedResponse{std::move(body), std::move(etag), {}, {}});
}

[[noreturn]] void not_found(std::string_view ref) { resource_not_found("project", ref); }

// A path reference that can name a project at all (UUID or slug); others are 404 without
// asking the store (and never reach SQL as odd bytes).
bool plausible_ref(const std::string& ref) {
  return domain::is_valid_slug(ref) || domain::looks_like_uuid(ref);
}

void finish_validation(const Project& p, std::vector<domain::FieldError>& errors) {
  add_rule_errors(errors, domain::validate(p));
  if (!errors.empty()) {
    validation_failed(errors);
  }
}

// A slug the client chose must be free (409); a derived one gets -2, -3... until it is.
void insert_with_free_slug(store::ProjectStore& projects, Project& p, bool derived_slug,
                           domain::AuditEvent& audit) {
  const std::string base = p.slug;
  for (int attempt = 1;; ++attempt) {
    try {
      audit.details["changes"] = domain::diff(nullptr, writable_document(p));
      projects.insert(p, audit);
      return;
    } catch (const store::Conflict&) {
      if (!derived_slug || attempt >= kSlugAttempts) {
        throw;
      }
      const std::string suffix = "-" + std::to_string(attempt + 1);
      p.slug = base.substr(0, domain::kMaxSlug - suffix.size()) + suffix;
    }
  }
}

class ProjectsApi {
 public:
  explicit ProjectsApi(const ProjectsDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    const Audience audience = audience_of(request);
    const std::string key = cache_key(audience, request.target);
    if (const auto hit = d_.cache.get(key)) {
      return send(hit, request, audience);
    }
    const store::ProjectQuery query =
        parse_project_query(request.query, audience == Audience::kEditor);
    http::require_blocking(request);
    const std::uint64_t generation = d_.cache.generation();
    const store::ProjectPage page = d_.store.projects().list(query);

    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Project& p : page.items) {
      items.push_back(project_summary_json(p));
    }
    auto entry = std::make_shared<CachedResponse>();
    nlohmann::ordered_json doc{{"items", std::move(items)}, {"next_cursor", nullptr}};
    if (page.has_more) {
      const std::string cursor = encode_cursor(page.items.back(), query.sort);
      doc["next_cursor"] = cursor;
      entry->link = "<" + next_page_target(request.path, query, cursor) + ">; rel=\"next\"";
    }
    entry->body = json_text(doc);
    entry->etag = strong_etag(entry->body);
    d_.cache.put(key, entry, generation);
    return send(entry, request, audience);
  }

  [[nodiscard]] Response get(const Request& request) const {
    const Audience audience = audience_of(request);
    const std::string key = cache_key(audience, request.path);
    if (const auto hit = d_.cache.get(key)) {
      return send(hit, request, audience);
    }
    const std::string& ref = *request.param("ref");
    if (!plausible_ref(ref)) {
      not_found(ref);
    }
    http::require_blocking(request);
    const std::uint64_t generation = d_.cache.generation();
    const auto project = d_.store.projects().find(ref);
    // A draft does not exist for the public: the same 404 as a missing project.
    if (!project ||
        (audience == Audience::kPublic && project->visibility != domain::Visibility::kPublished)) {
      not_found(ref);
    }
    auto entry = representation(*project);
    d_.cache.put(key, entry, generation);
    return send(entry, request, audience);
  }

  [[nodiscard]] Response create(const Request& request) const {
    http::require_blocking(request);
    const Project p =
        create_project(d_.store.projects(), parse_json_body(request, "application/json"),
                       audit::record_for(request, "project", ""));
    d_.bus.publish();
    Response res = send(representation(p), request, Audience::kEditor, 201);
    res.add_header("Location", std::string(kCollection) + "/" + p.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const Project current = load_for_write(request, if_match);
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    strip_unwritable(patch, errors);
    nlohmann::json merged = writable_document(current);
    merged.merge_patch(patch);
    // Members the patch removed (null) fall back to their defaults, so start from those.
    Project next;
    next.id = current.id;
    next.created_at_us = current.created_at_us;
    next.body_html = current.body_html;
    apply_document(merged, next, errors);
    if (next.slug.empty()) {
      next.slug = domain::slug_from_title(next.title);
    }
    finish_validation(next, errors);
    if (next.body_markdown != current.body_markdown) {
      next.body_html = domain::render_markdown(next.body_markdown);
    }
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "project", current.id);
    record.details["changes"] = domain::diff(writable_document(current), writable_document(next));
    const store::WriteOutcome outcome = d_.store.projects().update(next, current.version, record);
    if (outcome == store::WriteOutcome::kNotFound) {
      not_found(*request.param("ref"));
    }
    if (outcome == store::WriteOutcome::kStale) {
      stale();
    }
    d_.bus.publish();
    return send(representation(next), request, Audience::kEditor);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    http::require_blocking(request);
    const auto if_match = request.header("If-Match");
    const Project current = load_for_write(request, if_match.value_or("*"));
    domain::AuditEvent record = audit::record_for(request, "project", current.id);
    record.details["changes"] = domain::diff(writable_document(current), nullptr);
    const store::WriteOutcome outcome = d_.store.projects().remove(
        current.id, if_match ? std::optional(current.version) : std::nullopt, record);
    if (outcome == store::WriteOutcome::kNotFound) {
      not_found(*request.param("ref"));
    }
    if (outcome == store::WriteOutcome::kStale) {
      stale();
    }
    d_.bus.publish();
    return Response::empty(204);
  }

 private:
  static std::string cache_key(Audience audience, std::string_view target) {
    std::string key(1, audience == Audience::kPublic ? 'p' : 'e');
    key += target;
    return key;
  }

  [[noreturn]] static void stale() { changed_since_read("project"); }

  // The current project for a write, checked against If-Match.
  [[nodiscard]] Project load_for_write(const Request& request, std::string_view if_match) const {
    const std::string& ref = *request.param("ref");
    if (!plausible_ref(ref)) {
      not_found(ref);
    }
    auto current = d_.store.projects().find(ref);
    if (!current) {
      not_found(ref);
    }
    if (!match_satisfied(if_match, representation(*current)->etag)) {
      stale();
    }
    return std::move(*current);
  }

  ProjectsDeps d_;
};

}  // namespace

Project create_project(store::ProjectStore& projects, const nlohmann::json& doc,
                       domain::AuditEvent audit) {
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  Project p;
  std::vector<domain::FieldError> errors;
  apply_document(doc, p, errors);
  const bool derived_slug = p.slug.empty() && !doc.contains("slug");
  if (derived_slug) {
    p.slug = domain::slug_from_title(p.title);
  }
  finish_validation(p, errors);
  p.id = util::uuid_v7();
  p.created_at_us = p.updated_at_us = util::now_us();
  p.version = 1;
  p.body_html = domain::render_markdown(p.body_markdown);
  audit.target_type = "project";
  audit.target_id = p.id;
  insert_with_free_slug(projects, p, derived_slug, audit);
  return p;
}

void add_project_routes(http::Router& router, const ProjectsDeps& deps) {
  auto api = std::make_shared<const ProjectsApi>(deps);
  const std::string collection(kCollection);
  const std::string item = collection + "/{ref}";
  router.add(http::Method::kGet, collection, [api](const Request& r) { return api->list(r); });
  router.add(http::Method::kPost, collection, [api](const Request& r) { return api->create(r); });
  router.add(http::Method::kGet, item, [api](const Request& r) { return api->get(r); });
  router.add(http::Method::kPatch, item, [api](const Request& r) { return api->patch(r); });
  router.add(http::Method::kDelete, item, [api](const Request& r) { return api->remove(r); });
}

}  // namespace vitrine::api
