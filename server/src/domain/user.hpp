#pragma once
// A person (or, later, an SSO identity) who signs in to Vitrine, and the rules a valid one
// follows. Pure: no storage, no HTTP. Roles are ordered: each includes the one below.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

// viewer: reads everything, drafts included. editor: also writes content. admin: also
// users, API tokens, audit and settings.
enum class Role : std::uint8_t { kViewer, kEditor, kAdmin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
// Whether `held` includes everything `needed` may do.
inline bool includes(Role held, Role needed) { return held >= needed; }

struct User {
  std::string id;         // UUIDv7
  std::string email;      // as the user typed it (trimmed)
  std::string email_key;  // the unique key: lower-cased email
  std::string display_name;
  Role role = Role::kViewer;
  bool disabled = false;
  bool mfa_enabled = false;
  std::string password_hash;  // Argon2id string; empty: no password sign-in (SSO only)
  std::string oidc_subject;   // the OIDC issuer's "sub" of an SSO account; empty otherwise
  // TOTP: seeds sealed with the data key ('' when none), the last accepted step. Written only
  // through the store's MFA methods, never returned by the API.
  std::string mfa_secret_sealed;
  std::string mfa_pending_sealed;
  std::int64_t mfa_last_step = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::optional<std::int64_t> last_login_at_us;
  std::int64_t version = 0;  // 1 on create, +1 on every update
};

inline constexpr std::size_t kMaxEmail = 254;        // RFC 5321 path limit
inline constexpr std::size_t kMaxDisplayName = 100;  // characters

// The unique key of an email address: trimmed and ASCII-lower-cased. (Internationalized
// local parts are compared byte for byte after that.)
std::string email_key(std::string_view email);
// A plausible address: one '@', a non-empty local part of at most 64 bytes, a domain with a
// dot and no empty label, no spaces or control characters, at most 254 bytes.
bool is_valid_email(std::string_view email);

// What an audit diff compares: the account's fields without the bookkeeping that changes on
// every write (versions, timestamps), and the password hash, which the diff redacts (the
// record says the password changed, never to what).
nlohmann::json audit_view(const User& user);

// Every rule the writable fields (email, display_name) break.
std::vector<FieldError> validate(const User& user);

}  // namespace vitrine::domain
