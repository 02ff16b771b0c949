#include "api/users.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/query.hpp"
#include "api/user_json.hpp"
#include "auth/accounts.hpp"
#include "auth/principal.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "obs/log.hpp"
#include "store/store.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::User;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/users";
constexpr std::string_view kMergePatch = "application/merge-patch+json";
constexpr unsigned kDefaultLimit = 50;
constexpr unsigned kMaxLimit = 200;

// Members a client may send; anything else is `unknown_field` (or `read_only`).
constexpr std::array<std::string_view, 5> kWritable{"email", "display_name", "role", "disabled",
                                                    "password"};
constexpr std::array<std::string_view, 4> kReadOnly{"id", "mfa_enabled", "created_at",
                                                    "last_login_at"};

std::string representation(const User& u) { return user_json(u).dump(); }

Response send(const User& u, int status = 200) {
  std::string body = representation(u);
  Response res = Response::json(status, body);
  res.add_header("ETag", strong_etag(body));
  res.add_header("Cache-Control", "private, no-store");
  return res;
}

[[noreturn]] void not_found(std::string_view id) {
  throw http::ProblemError(http::problems::kNotFound,
                           fmt::format("No user '{}'.", id.substr(0, 80)));
}

[[noreturn]] void last_admin() {
  http::throw_problem(http::problems::kConflict,
                      "This is the last enabled admin: make another admin first.",
                      {{"field", "role"}});
}

[[noreturn]] void stale() {
  throw http::ProblemError(http::problems::kPreconditionFailed,
                           "The user changed since you read them; fetch again (new ETag) and "
                           "reapply your change.");
}

// The string member `name`, when present; an error when it is not a string.
std::optional<std::string> string_member(const nlohmann::json& doc, std::string_view name,
                                         std::vector<domain::FieldError>& errors) {
  const auto it = doc.find(name);
  if (it == doc.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    errors.push_back({std::string(name), "invalid_type", "must be a string"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

// `patch`: a merge patch, where `mfa_enabled: false` (a reset) is writable.
void check_members(const nlohmann::json& doc, std::vector<domain::FieldError>& errors,
                   bool patch = false) {
  for (const auto& [key, value] : doc.items()) {
    if (patch && key == "mfa_enabled") {
      if (value != false) {
        errors.push_back(
            {key, "invalid_value", "can only be set to false (a reset); users enrol themselves"});
      }
    } else if (std::find(kReadOnly.begin(), kReadOnly.end(), key) != kReadOnly.end()) {
      errors.push_back({key, "read_only", "is set by the server"});
    } else if (std::find(kWritable.begin(), kWritable.end(), key) == kWritable.end()) {
      errors.push_back({key, "unknown_field", "is not a member of a user"});
    }
  }
}

std::optional<domain::Role> role_member(const nlohmann::json& doc,
                                        std::vector<domain::FieldError>& errors) {
  const auto text = string_member(doc, "role", errors);
  if (!text) {
    return std::nullopt;
  }
  const auto role = domain::parse_role(*text);
  if (!role) {
    errors.push_back({"role", "invalid_value", "must be admin, editor or viewer"});
  }
  return role;
}

class UsersApi {
 public:
  explicit UsersApi(const UsersDeps& d) : d_(d) {}

  [[nodiscard]] Response list(const Request& request) const {
    static constexpr std::array<std::string_view, 2> kAccepted{"limit", "cursor"};
    const QueryParams params(request.query, kAccepted);
    const auto limit =
        static_cast<unsigned>(params.integer("limit", 1, kMaxLimit).value_or(kDefaultLimit));
    std::optional<std::string> after;
    if (const auto cursor = params.get("cursor")) {
      after = util::base64url_decode(*cursor);
      if (!after || !domain::looks_like_uuid(*after)) {
        invalid_parameter("cursor", "not a cursor from this list", "the next_cursor of a page");
      }
    }
    http::require_blocking(request);
    const store::UserPage page = d_.store.users().list(after, limit);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const User& u : page.items) {
      items.push_back(user_json(u));
    }
    nlohmann::ordered_json doc{{"items", std::move(items)}, {"next_cursor", nullptr}};
    Response res;
    if (page.has_more) {
      const std::string cursor = util::base64url_encode(page.items.back().id);
      doc["next_cursor"] = cursor;
      res.add_header(
          "Link", fmt::format("<{}?limit={}&cursor={}>; rel=\"next\"", kCollection, limit, cursor));
    }
    res.set_body("application/json", doc.dump());
    res.add_header("Cache-Control", "private, no-store");
    return res;
  }

  [[nodiscard]] Response get(const Request& request) const {
    http::require_blocking(request);
    return send(load(request));
  }

  [[nodiscard]] Response create(const Request& request) const {
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, "application/json");
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    check_members(doc, errors);
    auth::NewAccount input;
    input.email = string_member(doc, "email", errors).value_or("");
    input.display_name = string_member(doc, "display_name", errors).value_or("");
    input.password = string_member(doc, "password", errors).value_or("");
    const auto role = role_member(doc, errors);
    if (!doc.contains("role")) {
      errors.push_back({"role", "required", "must be admin, editor or viewer"});
    }
    input.role = role.value_or(domain::Role::kViewer);
    const auto disabled = doc.find("disabled");
    if (disabled != doc.end() && !disabled->is_boolean()) {
      errors.push_back({"disabled", "invalid_type", "must be true or false"});
    }
    auto made = auth::make_account(input, d_.hasher, util::now_us());
    if (auto* more = std::get_if<std::vector<domain::FieldError>>(&made)) {
      errors.insert(errors.end(), more->begin(), more->end());
    }
    if (!errors.empty()) {
      validation_failed(errors);
    }
    User& user = std::get<User>(made);
    user.disabled = disabled != doc.end() && disabled->get<bool>();
    d_.store.users().insert(user);  // Conflict("email") → 409
    log_change("user.created", request, user);
    Response res = send(user, 201);
    res.add_header("Location", std::string(kCollection) + "/" + user.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, kMergePatch);
    const User current = load(request);
    if (!match_satisfied(if_match, strong_etag(representation(current)))) {
      stale();
    }
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the merge patch must be a JSON object"}});
    }
    std::vector<domain::FieldError> errors;
    check_members(doc, errors, true);
    User next = current;
    const bool reset_mfa = doc.contains("mfa_enabled") && current.mfa_enabled;
    if (reset_mfa) {
      next.mfa_enabled = false;
    }
    if (const auto email = string_member(doc, "email", errors)) {
      next.email = std::string(util::trim(*email, " \t\r\n"));
      next.email_key = domain::email_key(next.email);
    }
    if (const auto name = string_member(doc, "display_name", errors)) {
      next.display_name = *name;
    }
    if (const auto role = role_member(doc, errors)) {
      next.role = *role;
    }
    if (const auto disabled = doc.find("disabled"); disabled != doc.end()) {
      if (disabled->is_boolean()) {
        next.disabled = disabled->get<bool>();
      } else {
        errors.push_back({"disabled", "invalid_type", "must be true or false"});
      }
    }
    for (const char* required : {"email", "display_name", "role", "disabled"}) {
      if (doc.contains(required) && doc.at(required).is_null()) {
        errors.push_back({required, "required", "cannot be removed"});
      }
    }
    const auto errs = domain::validate(next);
    errors.insert(errors.end(), errs.begin(), errs.end());
    const auto password = string_member(doc, "password", errors);
    if (password) {
      if (const auto why = auth::password_policy_error(*password)) {
        errors.push_back({"password", "weak_password", *why});
      }
    }
    if (!errors.empty()) {
      validation_failed(errors);
    }
    if (password) {
      next.password_hash = d_.hasher.hash(*password);
    }
    next.version = current.version + 1;
    next.updated_at_us = std::max(util::now_us(), current.updated_at_us + 1);
    check(d_.store.users().update(next, current.version), current.id);
    if (reset_mfa) {
      // The seed and recovery codes go too; the user enrols again.
      d_.store.users().reset_mfa(current.id);
      log_change("user.mfa_reset", request, next, &current);
    }
    log_change("user.updated", request, next, &current);
    return send(next);
  }

  [[nodiscard]] Response remove(const Request& request) const {
    http::require_blocking(request);
    const User current = load(request);
    const auto if_match = request.header("If-Match");
    if (if_match && !match_satisfied(*if_match, strong_etag(representation(current)))) {
      stale();
    }
    check(d_.store.users().remove(current.id,
                                  if_match ? std::optional(current.version) : std::nullopt),
          current.id);
    log_change("user.deleted", request, current);
    return Response::empty(204);
  }

 private:
  [[nodiscard]] User load(const Request& request) const {
    const std::string& id = *request.param("id");
    if (!domain::looks_like_uuid(id)) {
      not_found(id);
    }
    auto user = d_.store.users().find(id);
    if (!user) {
      not_found(id);
    }
    return std::move(*user);
  }

  static void check(store::WriteOutcome outcome, std::string_view id) {
    switch (outcome) {
      case store::WriteOutcome::kDone:
        return;
      case store::WriteOutcome::kNotFound:
        not_found(id);
      case store::WriteOutcome::kStale:
        stale();
      case store::WriteOutcome::kLastAdmin:
        last_admin();
    }
  }

  // A security event: role and status changes are what an operator alerts on.
  void log_change(std::string_view event, const Request& request, const User& user,
                  const User* before = nullptr) const {
    const auth::Principal* who = request.principal.get();
    d_.log.info("user changed", {{"event", event},
                                 {"user_id", user.id},
                                 {"by", who != nullptr ? std::string_view(who->id) : ""},
                                 {"role", domain::to_string(user.role)},
                                 {"role_before", before != nullptr ? domain::to_string(before->role)
                                                                   : std::string_view()},
                                 {"disabled", user.disabled}});
  }

  UsersDeps d_;
};

}  // namespace

void add_user_routes(http::Router& router, const UsersDeps& deps) {
  auto api = std::make_shared<const UsersApi>(deps);
  const std::string item = std::string(kCollection) + "/{id}";
  router.add(http::Method::kGet, kCollection, [api](const Request& r) { return api->list(r); });
  router.add(http::Method::kPost, kCollection, [api](const Request& r) { return api->create(r); });
  router.add(http::Method::kGet, item, [api](const Request& r) { return api->get(r); });
  router.add(http::Method::kPatch, item, [api](const Request& r) { return api->patch(r); });
  router.add(http::Method::kDelete, item, [api](const Request& r) { return api->remove(r); });
}

}  // namespace vitrine::api
