#include "api/users.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/resource_routes.hpp"
#include "api/store_problems.hpp"
#include "api/user_json.hpp"
#include "audit/request_audit.hpp"
#include "auth/accounts.hpp"
#include "auth/principal.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "obs/log.hpp"
#include "store/store.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::User;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/users";

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

[[noreturn]] void not_found(std::string_view id) { resource_not_found("user", id); }

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

// `patch`: a merge patch, where `mfa_enabled: false` (a reset) is writable.
void check_members(const nlohmann::json& doc, std::vector<domain::FieldError>& errors,
                   bool patch = false) {
  nlohmann::json others = doc;
  if (patch && doc.contains("mfa_enabled")) {
    if (doc.at("mfa_enabled") != false) {
      errors.push_back({"mfa_enabled", "invalid_value",
                        "can only be set to false (a reset); users enrol themselves"});
    }
    others.erase("mfa_enabled");
  }
  check_known_members(others, kWritable, kReadOnly, "user", errors);
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
    const unsigned limit = page_limit(params);
    const std::optional<std::string> after = params.id_cursor();
    http::require_blocking(request);
    const store::UserPage page = d_.store.users().list(after, limit);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const User& u : page.items) {
      items.push_back(user_json(u));
    }
    return page_response(params, kCollection, std::move(items),
                         page.has_more ? std::optional(page.items.back().id) : std::nullopt);
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
    d_.store.users().insert(user, changed(request, nullptr, &user));  // Conflict("email") → 409
    log_change("user.created", request, user);
    Response res = send(user, 201);
    res.add_header("Location", std::string(kCollection) + "/" + user.id);
    return res;
  }

  [[nodiscard]] Response patch(const Request& request) const {
    const std::string_view if_match = required_if_match(request);
    http::require_blocking(request);
    const nlohmann::json doc = parse_json_body(request, kMergePatchType);
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
    // Turning MFA off forgets the seed and recovery codes too: the user enrols again.
    check(d_.store.users().update(next, current.version, changed(request, &current, &next)),
          current.id);
    if (reset_mfa) {
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
                                  if_match ? std::optional(current.version) : std::nullopt,
                                  changed(request, &current, nullptr)),
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

  // The audit record of `request` turning `before` into `after` (null: created, deleted).
  static domain::AuditEvent changed(const Request& request, const User* before, const User* after) {
    domain::AuditEvent e =
        audit::record_for(request, "user", after != nullptr ? after->id : before->id);
    e.details["changes"] =
        domain::diff(before != nullptr ? domain::audit_view(*before) : nlohmann::json(),
                     after != nullptr ? domain::audit_view(*after) : nlohmann::json());
    return e;
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
  add_resource_routes(router, kCollection, api);
}

}  // namespace vitrine::api
