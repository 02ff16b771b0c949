#pragma once
// The storage interface the API uses. Two implementations (SQLite, PostgreSQL) share one
// SQL layer in store/sql/; `open_store` picks by VITRINE_DATABASE_URL. Every method may
// block on I/O: call them from the blocking pool, never from an event loop.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/project.hpp"
#include "domain/user.hpp"
#include "store/database_url.hpp"

namespace vitrine::store {

enum class ProjectSort : std::uint8_t { kSortOrder, kTitle, kUpdatedAt, kUpdatedAtDesc };

// The position after the last item of a page, in the query's sort order.
struct ProjectCursor {
  std::int64_t number = 0;  // sort_order or updated_at_us
  std::string text;         // title (kSortOrder, kTitle)
  std::string id;
};

struct ProjectQuery {
  bool include_drafts = false;
  std::optional<std::string> tag;
  std::optional<domain::ProjectStatus> status;
  std::optional<bool> featured;
  std::optional<std::string> text;  // case-folded substring of title, summary or tags
  ProjectSort sort = ProjectSort::kSortOrder;
  std::optional<ProjectCursor> after;
  unsigned limit = 20;
};

struct ProjectPage {
  std::vector<domain::Project> items;
  bool has_more = false;  // a next page exists; its cursor follows the last item
};

// The cursor that continues after `project` in `sort`.
ProjectCursor cursor_after(const domain::Project& project, ProjectSort sort);

// kLastAdmin: refused because no enabled admin would be left.
enum class WriteOutcome : std::uint8_t { kDone, kNotFound, kStale, kLastAdmin };

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;
  virtual ProjectPage list(const ProjectQuery& query) = 0;
  // By id (UUID form) or slug.
  virtual std::optional<domain::Project> find(const std::string& id_or_slug) = 0;
  // Inserts `project` (all fields set by the caller). Throws Conflict("slug") when taken.
  virtual void insert(const domain::Project& project) = 0;
  // Replaces the row whose id and version are `project.id` and `expected_version`;
  // `project.version` must be expected_version + 1. Conflict("slug") when taken.
  virtual WriteOutcome update(const domain::Project& project, std::int64_t expected_version) = 0;
  // Deletes by id, only at `expected_version` when given.
  virtual WriteOutcome remove(const std::string& id,
                              std::optional<std::int64_t> expected_version) = 0;
  virtual std::uint64_t count() = 0;
};

struct UserPage {
  std::vector<domain::User> items;  // in id order: UUIDv7, creation order to the millisecond
  bool has_more = false;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  // Users after the id `after` (none: from the first), at most `limit`.
  virtual UserPage list(const std::optional<std::string>& after, unsigned limit) = 0;
  virtual std::optional<domain::User> find(const std::string& id) = 0;
  // By the lower-cased email (domain::email_key).
  virtual std::optional<domain::User> find_by_email(const std::string& email_key) = 0;
  // Inserts `user` (every field set by the caller). Conflict("email") when the address is
  // taken.
  virtual void insert(const domain::User& user) = 0;
  // Inserts `user` only into an empty table (the first-start admin): false when any user
  // exists already, so replicas starting together create it once.
  virtual bool insert_first(const domain::User& user) = 0;
  // Replaces the row at `expected_version` (user.version must be one more). kLastAdmin when
  // the change would leave no enabled admin; Conflict("email") when the address is taken.
  virtual WriteOutcome update(const domain::User& user, std::int64_t expected_version) = 0;
  // Deletes by id (at `expected_version` when given); kLastAdmin for the last enabled admin.
  virtual WriteOutcome remove(const std::string& id,
                              std::optional<std::int64_t> expected_version) = 0;
  // Sign-in bookkeeping, without a new version: last_login_at, and the password hash when
  // it was made again with higher limits.
  virtual void record_login(const std::string& id, std::int64_t at_us,
                            const std::optional<std::string>& new_password_hash) = 0;
  virtual std::uint64_t count() = 0;

  // MFA. Stores a sealed TOTP seed awaiting its first code (replacing any pending one).
  virtual void set_pending_mfa(const std::string& id, const std::string& sealed) = 0;
  // Makes the pending seed the user's, marks `step` used and replaces the recovery codes
  // with `code_hashes`, in one transaction. False when nothing is pending.
  virtual bool enable_mfa(const std::string& id, std::int64_t step,
                          const std::vector<std::string>& code_hashes) = 0;
  // Accepts TOTP `step` once: false when it (or a later one) was used already.
  virtual bool claim_totp_step(const std::string& id, std::int64_t step) = 0;
  // Spends an unused recovery code: false when unknown or used.
  virtual bool use_recovery_code(const std::string& id, const std::string& code_hash,
                                 std::int64_t at_us) = 0;
  virtual unsigned recovery_codes_left(const std::string& id) = 0;
  // Forgets the second factor: seed, pending seed, last step and recovery codes (an admin's
  // reset; mfa_enabled is cleared through update()).
  virtual void reset_mfa(const std::string& id) = 0;
};

// A refresh token as stored: only the SHA-256 of its secret.
struct RefreshToken {
  std::string id;  // UUIDv7
  std::string family_id;
  std::string user_id;
  std::string token_hash;
  bool mfa = false;  // the family's sign-in passed a second factor
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
};

enum class RotateOutcome : std::uint8_t { kRotated, kUnknown, kExpired, kRevoked, kReused };

struct Rotation {
  RotateOutcome outcome = RotateOutcome::kUnknown;
  std::string user_id;  // of the presented token, when known
  std::string family_id;
  bool mfa = false;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual void insert(const RefreshToken& token) = 0;
  // Exchanges the token whose hash is `token_hash` for `next` (its family, user and mfa
  // are the presented token's), in one transaction: kRotated. A token exchanged before
  // revokes its whole family (kReused), also when two exchanges race.
  virtual Rotation rotate(const std::string& token_hash, RefreshToken next,
                          std::int64_t now_us) = 0;
  // Revokes the family of the token whose hash is `token_hash`; false when unknown.
  virtual bool revoke_family(const std::string& token_hash, std::int64_t now_us) = 0;
};

struct PoolStats {
  unsigned size = 0;
  unsigned in_use = 0;
  std::uint64_t acquire_timeouts = 0;
  std::uint64_t reconnects = 0;
};

struct MigrationReport {
  std::vector<std::string> applied;  // applied by this call, "0001_projects"
  std::vector<std::string> pending;  // left pending (apply == false)
  unsigned schema_version = 0;       // highest applied version afterwards
};

class Store {
 public:
  virtual ~Store() = default;
  [[nodiscard]] virtual Backend backend() const = 0;
  virtual ProjectStore& projects() = 0;
  virtual UserStore& users() = 0;
  virtual SessionStore& sessions() = 0;
  // Throws Unavailable when the database does not answer a trivial query.
  virtual void ping() = 0;
  [[nodiscard]] virtual PoolStats pool_stats() const = 0;
  // Verifies the checksums of applied migrations (SchemaError when a released one changed
  // or the database is newer than this binary) and applies pending ones when `apply`.
  // Replicas starting together apply each migration once.
  virtual MigrationReport migrate(bool apply) = 0;
};

struct StoreOptions {
  DatabaseUrl url;
  unsigned pool_size = 8;
  std::chrono::milliseconds acquire_timeout{2000};
  std::chrono::milliseconds statement_timeout{5000};
  bool sqlite_full_sync = false;  // fsync on every commit (power-loss durability)
};

// Opens the database (creating an SQLite file and its directory) without touching the
// schema. Throws Unavailable when it cannot be reached; connections are retried later.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace vitrine::store
