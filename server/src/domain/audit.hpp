#pragma once
// One audit record: who did what to which object, from where, with what outcome, and for
// content changes which fields changed (secrets redacted). Pure: no storage, no HTTP.
// Records are appended in the same transaction as the change they describe and never
// updated; retention deletes the old ones.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::domain {

enum class ActorKind : std::uint8_t {
  kAnonymous,  // no credentials (a failed sign-in, a refused request)
  kUser,       // a signed-in user
  kToken,      // an API token (automation)
  kSystem,     // the server itself or its CLI: bootstrap admin, retention
};

enum class Outcome : std::uint8_t {
  kSuccess,  // the change was made
  kFailure,  // refused or failed (validation, conflict, wrong password, server error)
  kDenied,   // refused for lack of credentials or permission (401, 403)
};

std::string_view to_string(ActorKind kind);
std::optional<ActorKind> parse_actor_kind(std::string_view text);
std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);

struct AuditEvent {
  std::string id;  // UUIDv7: time-ordered, the cursor of the audit API
  std::int64_t at_us = 0;
  ActorKind actor_kind = ActorKind::kAnonymous;
  std::string actor_id;  // user or token id; "" for anonymous, "cli" or "server" for system
  std::string ip;
  std::string user_agent;  // at most kMaxUserAgent bytes
  std::string action;      // "project.update": see docs/api/audit.md for every one
  std::string target_type;
  std::string target_id;
  Outcome outcome = Outcome::kSuccess;
  std::string request_id;
  nlohmann::json details = nlohmann::json::object();  // a diff under "changes", a reason
};

inline constexpr std::size_t kMaxUserAgent = 256;

// `text` cut to at most `max_bytes` on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// The field-level difference between two JSON objects (either may be null: created or
// deleted): {"field": {"from": old, "to": new}} for every member that differs. Members
// whose names mark secrets (password, secret, token, key, hash) show "[redacted]" in place
// of both values, and long strings are shortened, so a record never holds a credential or
// a whole document.
nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after);

// A record of the server itself, its CLI or its SSO provisioning (`actor` "server", "cli",
// "oidc"): no request behind it. Stamped with a new id and the time now.
AuditEvent system_record(std::string_view actor, std::string_view action,
                         std::string_view target_type, std::string target_id);

// A second record of the same request (a recovery code spent during a sign-in): `context`
// with its own id and time, and `action`.
AuditEvent follow_up(const AuditEvent& context, std::string action);

// Whether a member called `name` holds a secret.
bool is_secret_field(std::string_view name);

}  // namespace vitrine::domain
