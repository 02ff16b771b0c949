#pragma once
// An API token for automation (CI posting deployments, push heartbeats): a name, the scopes
// it may use, an expiry, and only the SHA-256 of its secret. Pure: no storage, no HTTP.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

// What a token may do. Each scope opens one permission; none opens user or admin routes.
enum class Scope : std::uint8_t {
  kRead = 1U << 0U,              // read everything, drafts included (the viewer's reads)
  kContentWrite = 1U << 1U,      // write content: projects (later monitors, SLOs)
  kDeploymentsWrite = 1U << 2U,  // post deployments (the DORA issue)
  kMonitorsPush = 1U << 3U,      // push heartbeats (the checks issue)
};
using Scopes = std::uint8_t;  // a set of Scope bits

inline bool has(Scopes set, Scope scope) { return (set & static_cast<Scopes>(scope)) != 0; }

std::string_view to_string(Scope scope);
std::optional<Scope> parse_scope(std::string_view text);
// Scope names in a fixed order ("read", "content:write", ...).
std::vector<std::string> scope_names(Scopes scopes);
// Space-separated, as stored; nullopt when a name is unknown.
std::string scopes_text(Scopes scopes);
std::optional<Scopes> parse_scopes_text(std::string_view text);

struct ApiToken {
  std::string id;          // UUIDv7
  std::string name;        // for people: "ci deploys"
  std::string token_hash;  // SHA-256 (hex) of the secret
  std::string prefix;      // the secret's first characters ("vtr_AbCd"), to tell tokens apart
  Scopes scopes = 0;
  std::string created_by;  // the admin's user id, or "cli"
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
  std::optional<std::int64_t> last_used_at_us;
  std::optional<std::int64_t> revoked_at_us;
};

inline constexpr std::size_t kMaxTokenName = 100;  // characters
inline constexpr std::int64_t kMaxTokenLifetimeUs = 366LL * 24 * 3600 * 1'000'000;

// Every rule the writable fields break: a name of 1 to 100 characters without control
// characters, at least one scope, an expiry after `now_us` and at most 366 days ahead.
std::vector<FieldError> validate(const ApiToken& token, std::int64_t now_us);

// Whether the token may authenticate at `now_us`: not revoked, not expired.
bool usable(const ApiToken& token, std::int64_t now_us);

}  // namespace vitrine::domain
