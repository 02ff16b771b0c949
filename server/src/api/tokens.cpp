#include "api/tokens.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"
#include "auth/api_tokens.hpp"
#include "auth/principal.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::ApiToken;
using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/tokens";

constexpr std::array<std::string_view, 3> kWritable{"name", "scopes", "expires_at"};
constexpr std::array<std::string_view, 7> kReadOnly{
    "id", "prefix", "created_by", "created_at", "last_used_at", "revoked_at", "token"};

nlohmann::json optional_time(const std::optional<std::int64_t>& us) {
  return us ? nlohmann::json(util::rfc3339_ms(*us)) : nlohmann::json(nullptr);
}

nlohmann::ordered_json token_json(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"scopes", domain::scope_names(t.scopes)},
          {"created_by", t.created_by},
          {"created_at", util::rfc3339_ms(t.created_at_us)},
          {"expires_at", util::rfc3339_ms(t.expires_at_us)},
          {"last_used_at", optional_time(t.last_used_at_us)},
          {"revoked_at", optional_time(t.revoked_at_us)}};
}

// What an audit diff of a token shows: never the hash.
nlohmann::json audit_view(const ApiToken& t) {
  return {{"name", t.name},
          {"scopes", domain::scope_names(t.scopes)},
          {"expires_at", util::rfc3339_ms(t.expires_at_us)}};
}

Response no_store(Response res) {
  res.add_header("Cache-Control", "private, no-store");
  return res;
}

[[noreturn]] void not_found(std::string_view id) { resource_not_found("API token", id); }

// The scopes member: a non-empty array of known scope names.
domain::Scopes scopes_member(const nlohmann::json& doc, std::vector<domain::FieldError>& errors) {
  const auto it = doc.find("scopes");
  if (it == doc.end() || it->is_null()) {
    return 0;  // validate() reports it missing
  }
  if (!it->is_array()) {
    errors.push_back({"scopes", "invalid_type", "must be an array of scope names"});
    return 0;
  }
  domain::Scopes scopes = 0;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& name = it->at(i);
    const auto scope =
        name.is_string() ? domain::parse_scope(name.get_ref<const std::string&>()) : std::nullopt;
    if (!scope) {
      errors.push_back({"scopes/" + std::to_string(i), "invalid_value",
                        "must be read, content:write, deployments:write or monitors:push"});
      continue;
    }
    scopes |= static_cast<domain::Scopes>(*scope);
  }
  return scopes;
}

Response create(const Request& request, store::Store& store) {
  http::require_blocking(request);
  const nlohmann::json doc = parse_json_body(request, "application/json");
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  std::vector<domain::FieldError> errors;
  check_known_members(doc, kWritable, kReadOnly, "token", errors);
  const std::string name = string_member(doc, "name", errors).value_or("");
  const domain::Scopes scopes = scopes_member(doc, errors);
  std::int64_t expires_at_us = 0;
  if (const auto text = string_member(doc, "expires_at", errors)) {
    const auto parsed = util::parse_rfc3339(*text);
    if (!parsed) {
      errors.push_back({"expires_at", "invalid_format", "must be an RFC 3339 date-time"});
    }
    expires_at_us = parsed.value_or(0);
  } else if (!doc.contains("expires_at")) {
    errors.push_back({"expires_at", "required", "must say when the token stops working"});
  }
  const std::int64_t now_us = util::now_us();
  const auth::MintedToken minted =
      auth::mint_api_token(name, scopes, expires_at_us, request.principal->id, now_us);
  add_rule_errors(errors, domain::validate(minted.token, now_us));
  if (!errors.empty()) {
    validation_failed(errors);
  }
  domain::AuditEvent record = audit::record_for(request, "token", minted.token.id);
  record.details["changes"] = domain::diff(nullptr, audit_view(minted.token));
  store.tokens().insert(minted.token, record);
  nlohmann::ordered_json body = token_json(minted.token);
  body["token"] = minted.secret;  // the only time it is shown
  Response res = no_store(Response::json(201, body.dump()));
  res.add_header("Location", std::string(kCollection) + "/" + minted.token.id);
  return res;
}

Response list(const Request& request, store::Store& store) {
  static constexpr std::array<std::string_view, 2> kAccepted{"limit", "cursor"};
  const QueryParams params(request.query, kAccepted);
  const unsigned limit = page_limit(params);
  const std::optional<std::string> after = params.id_cursor();
  http::require_blocking(request);
  const store::TokenPage page = store.tokens().list(after, limit);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const ApiToken& t : page.items) {
    items.push_back(token_json(t));
  }
  return page_response(params, kCollection, std::move(items),
                       page.has_more ? std::optional(page.items.back().id) : std::nullopt);
}

ApiToken load(const Request& request, store::Store& store) {
  const std::string& id = *request.param("id");
  if (!domain::looks_like_uuid(id)) {
    not_found(id);
  }
  http::require_blocking(request);
  auto token = store.tokens().find(id);
  if (!token) {
    not_found(id);
  }
  return std::move(*token);
}

Response revoke(const Request& request, store::Store& store) {
  const ApiToken token = load(request, store);
  const std::int64_t now_us = util::now_us();
  domain::AuditEvent record = audit::record_for(request, "token", token.id);
  record.details["name"] = token.name;
  if (token.revoked_at_us) {
    record.details["already_revoked_at"] = util::rfc3339_ms(*token.revoked_at_us);
  } else {
    record.details["changes"] =
        domain::diff({{"revoked_at", nullptr}}, {{"revoked_at", util::rfc3339_ms(now_us)}});
  }
  if (store.tokens().revoke(token.id, now_us, record) == store::WriteOutcome::kNotFound) {
    not_found(token.id);
  }
  return Response::empty(204);
}

}  // namespace

void add_token_routes(http::Router& router, store::Store& store) {
  const std::string item = std::string(kCollection) + "/{id}";
  router.add(http::Method::kGet, kCollection,
             [&store](const Request& r) { return list(r, store); });
  router.add(http::Method::kPost, kCollection,
             [&store](const Request& r) { return create(r, store); });
  router.add(http::Method::kGet, item, [&store](const Request& r) {
    return no_store(Response::json(200, token_json(load(r, store)).dump()));
  });
  router.add(http::Method::kDelete, item, [&store](const Request& r) { return revoke(r, store); });
}

}  // namespace vitrine::api
