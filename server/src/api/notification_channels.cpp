#include "api/notifications.hpp"

#include <algorithm>
#include <array>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/notification_json.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/resource_routes.hpp"
#include "api/store_problems.hpp"
#include "api/versioned_delete.hpp"
#include "audit/request_audit.hpp"
#include "domain/audit.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "notify/channel_secrets.hpp"
#include "notify/sender.hpp"
#include "store/store.hpp"
#include "util/digest.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::api {
namespace {

using domain::NotificationChannel;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/notification-channels";
constexpr std::string_view kNoun = "notification channel";
// A generated signing secret: 24 random bytes, 32 characters of base64url.
constexpr std::size_t kGeneratedSecretBytes = 24;

std::string etag_of(const NotificationChannel& c) { return version_etag(c.id, c.version); }

class ChannelApi {
 public:
  explicit ChannelApi(const NotificationDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 2> kAccepted{"limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    const unsigned limit = page_limit(params);
    const auto after = params.id_cursor();
    http::require_blocking(request);
    const store::ChannelPage page = d_.store.notifications().list_channels(after, limit);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const NotificationChannel& c : page.items) {
      items.push_back(channel_json(c));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
  }

  [[nodiscard]] Response get(const Request& request) const { return representation(load(request)); }

  [[nodiscard]] Response create(const Request& request) const {
    const notify::ChannelSecrets& secrets = require_secrets();
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, "application/json");
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    NotificationChannel c;
    std::vector<domain::FieldError> errors;
    apply_channel_document(doc, c, errors);
    EndpointMembers endpoint = endpoint_members(doc, errors);
    for (const char* required : {"name", "kind", "url"}) {
      if (!doc.contains(required)) {
        errors.push_back({required, "required", "is required"});
      }
    }
    // A webhook without a secret of its own gets one, shown in this response only.
    const bool generated = c.kind == domain::ChannelKind::kWebhook && !endpoint.secret;
    if (generated) {
      endpoint.secret = util::random_token(kGeneratedSecretBytes);
    }
    finish_validation(c, endpoint, errors);
    c.id = util::uuid_v7();
    secrets.seal(c, endpoint.url.value_or(""), endpoint.secret.value_or(""));
    c.created_at_us = c.updated_at_us = util::now_us();
    c.version = 1;
    domain::AuditEvent record = audit::record_for(request, "notification_channel", c.id);
    record.details["changes"] = domain::diff(nullptr, channel_document(c));
    d_.store.notifications().insert_channel(c, record);
    nlohmann::ordered_json body = channel_json(c);
    if (generated) {
      body["secret"] = *endpoint.secret;
    }
    Response res = Response::json(201, json_text(body));
    res.add_header("ETag", etag_of(c));
    res.add_header("Cache-Control", "no-store");
    res.add_header("Location", std::string(kCollection) + "/" + c.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const notify::ChannelSecrets& secrets = require_secrets();
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json patch = parse_json_body(request, kMergePatchType);
    const NotificationChannel current = load(request);
    if (!match_satisfied(if_match, etag_of(current))) {
      changed_since_read(kNoun);
    }
    if (!patch.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    nlohmann::json merged = channel_document(current);
    merged.erase("url_origin");
    merged.merge_patch(patch);
    NotificationChannel next = current;
    next.project_id.reset();  // the merged document says whether there is one
    std::vector<domain::FieldError> errors;
    apply_channel_document(merged, next, errors);
    if (next.kind != current.kind) {
      errors.push_back({"kind", "invalid_value", "cannot change: create another channel"});
    }
    EndpointMembers endpoint = endpoint_members(patch, errors);
    const auto opened = secrets.open(current);
    if (!opened &&
        (!endpoint.url || (next.kind == domain::ChannelKind::kWebhook && !endpoint.secret))) {
      errors.push_back({"url", "required",
                        "the stored URL and secret were sealed with another VITRINE_DATA_KEY: "
                        "give both again"});
    }
    if (!endpoint.url) {
      endpoint.url = opened ? opened->url : "";
    }
    if (!endpoint.secret) {
      endpoint.secret = opened ? opened->secret : "";
    }
    finish_validation(next, endpoint, errors);
    secrets.seal(next, *endpoint.url, *endpoint.secret);
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    domain::AuditEvent record = audit::record_for(request, "notification_channel", current.id);
    record.details["changes"] = domain::diff(channel_document(current), channel_document(next));
    nlohmann::json rotated = nlohmann::json::array();
    for (const char* name : {"url", "secret"}) {
      if (patch.contains(name)) {
        rotated.push_back(name);  // what changed is never written down, only that it did
      }
    }
    if (!rotated.empty()) {
      record.details["replaced"] = std::move(rotated);
    }
    check_write(d_.store.notifications().update_channel(next, current.version, record), kNoun,
                current.id);
    return representation(next);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    const NotificationChannel current = load(request);
    remove_versioned(request,
                     {kNoun, "notification_channel", current.id, current.version, etag_of(current),
                      channel_document(current)},
                     [&](std::optional<std::int64_t> expected, const domain::AuditEvent& record) {
                       return d_.store.notifications().remove_channel(current.id, expected, record);
                     });
    return Response::empty(204);
  }

  // Sends a test message now and says what came of it; nothing is stored.
  [[nodiscard]] Response test(const Request& request) const {
    const notify::ChannelSecrets& secrets = require_secrets();
    const NotificationChannel c = load(request);
    const auto opened = secrets.open(c);
    if (!opened) {
      http::throw_problem(http::problems::kConflict,
                          "The channel's URL was sealed with another VITRINE_DATA_KEY: set its "
                          "url (and secret) again.",
                          {{"field", "url"}});
    }
    const std::string id = util::uuid_v7();
    const std::array messages{notify::message_for(c, *opened, id, domain::NotificationEvent::kTest,
                                                  domain::test_body(c, id, util::now_us()))};
    const notify::Sent sent = notify::post_all(messages, d_.timeout).front();
    // Recorded: an admin made the server call out.
    domain::AuditEvent record = audit::record_for(request, "notification_channel", c.id);
    record.details["delivered"] = sent.delivered();
    if (sent.status_code) {
      record.details["status_code"] = *sent.status_code;
    }
    d_.store.audit().append(record);
    nlohmann::ordered_json body;
    body["delivered"] = sent.delivered();
    body["status_code"] = nullable(sent.status_code);
    body["duration_ms"] = sent.duration_ms;
    body["error"] =
        sent.delivered() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(sent.error);
    Response res = Response::json(200, json_text(body));
    res.add_header("Cache-Control", "no-store");
    return res;
  }

 private:
  [[nodiscard]] const notify::ChannelSecrets& require_secrets() const {
    if (d_.secrets == nullptr) {
      throw http::ProblemError(http::problems::kForbidden,
                               "Notification channels are not set up on this server: they need "
                               "VITRINE_DATA_KEY, which seals their URLs and secrets.");
    }
    return *d_.secrets;
  }

  [[nodiscard]] NotificationChannel load(const Request& request) const {
    const std::string& id = *request.param("id");
    if (!domain::looks_like_uuid(id)) {
      resource_not_found(kNoun, id);
    }
    http::require_blocking(request);
    auto c = d_.store.notifications().find_channel(id);
    if (!c) {
      resource_not_found(kNoun, id);
    }
    return std::move(*c);
  }

  void finish_validation(const NotificationChannel& c, const EndpointMembers& endpoint,
                         std::vector<domain::FieldError>& errors) const {
    add_rule_errors(errors, domain::validate(c));
    add_rule_errors(errors, domain::validate_endpoint(c.kind, endpoint.url.value_or(""),
                                                      endpoint.secret.value_or("")));
    const bool project_error = std::any_of(errors.begin(), errors.end(),
                                           [](const auto& e) { return e.field == "project_id"; });
    if (c.project_id && !project_error && !d_.store.projects().find(*c.project_id)) {
      errors.push_back({"project_id", "not_found", "no project has this id"});
    }
    if (!errors.empty()) {
      validation_failed(errors);
    }
  }

  [[nodiscard]] static Response representation(const NotificationChannel& c, int code = 200) {
    return versioned_json(code, channel_json(c), etag_of(c));
  }

  NotificationDeps d_;
};

}  // namespace

void add_notification_channel_routes(http::Router& router, const NotificationDeps& deps) {
  auto api = std::make_shared<ChannelApi>(deps);
  const std::string item = std::string(kCollection) + "/{id}";
  add_resource_routes(router, kCollection, api);
  router.add(http::Method::kPost, item + "/test", [api](const Request& r) { return api->test(r); });
}

}  // namespace vitrine::api
