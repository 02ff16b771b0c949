#pragma once
// The storage interface the API uses. Two implementations (SQLite, PostgreSQL) share one
// SQL layer in store/sql/; `open_store` picks by VITRINE_DATABASE_URL. Every method may
// block on I/O: call them from the blocking pool, never from an event loop.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/api_token.hpp"
#include "domain/audit.hpp"
#include "domain/check_result.hpp"
#include "domain/incident.hpp"
#include "domain/maintenance.hpp"
#include "domain/monitor.hpp"
#include "domain/monitor_status.hpp"
#include "domain/notification.hpp"
#include "domain/project.hpp"
#include "domain/rollup.hpp"
#include "domain/site_settings.hpp"
#include "domain/slo.hpp"
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
//
// Every method that changes state takes the audit record of the change and appends it in
// the same transaction: both are committed, or neither is. The record is written only when
// the change is made (kDone, true); a refused write leaves no trace here (the audit
// middleware records the failed request).
enum class WriteOutcome : std::uint8_t { kDone, kNotFound, kStale, kLastAdmin };

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;
  virtual ProjectPage list(const ProjectQuery& query) = 0;
  // By id (UUID form) or slug.
  virtual std::optional<domain::Project> find(const std::string& id_or_slug) = 0;
  // Inserts `project` (all fields set by the caller). Throws Conflict("slug") when taken.
  virtual void insert(const domain::Project& project, const domain::AuditEvent& audit) = 0;
  // Replaces the row whose id and version are `project.id` and `expected_version`;
  // `project.version` must be expected_version + 1. Conflict("slug") when taken.
  virtual WriteOutcome update(const domain::Project& project, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
  // Deletes by id, only at `expected_version` when given.
  virtual WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) = 0;
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
  // The account provisioned for an OIDC subject.
  virtual std::optional<domain::User> find_by_oidc_subject(const std::string& subject) = 0;
  // Inserts `user` (every field set by the caller). Conflict("email") when the address is
  // taken.
  virtual void insert(const domain::User& user, const domain::AuditEvent& audit) = 0;
  // Inserts `user` only into an empty table (the first-start admin): false when any user
  // exists already, so replicas starting together create it once.
  virtual bool insert_first(const domain::User& user, const domain::AuditEvent& audit) = 0;
  // Replaces the row at `expected_version` (user.version must be one more). kLastAdmin when
  // the change would leave no enabled admin; Conflict("email") when the address is taken.
  // Turning mfa_enabled off forgets the second factor too: seed, pending seed, last step and
  // recovery codes (an admin's reset; the user enrols again).
  virtual WriteOutcome update(const domain::User& user, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
  // Deletes by id (at `expected_version` when given); kLastAdmin for the last enabled admin.
  virtual WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) = 0;
  // Sign-in bookkeeping, without a new version: last_login_at, and the password hash when
  // it was made again with higher limits. `audit` records the sign-in.
  virtual void record_login(const std::string& id, std::int64_t at_us,
                            const std::optional<std::string>& new_password_hash,
                            const domain::AuditEvent& audit) = 0;
  virtual std::uint64_t count() = 0;

  // MFA. Stores a sealed TOTP seed awaiting its first code (replacing any pending one).
  virtual void set_pending_mfa(const std::string& id, const std::string& sealed,
                               const domain::AuditEvent& audit) = 0;
  // Makes the pending seed the user's, marks `step` used and replaces the recovery codes
  // with `code_hashes`, in one transaction. False when nothing is pending.
  virtual bool enable_mfa(const std::string& id, std::int64_t step,
                          const std::vector<std::string>& code_hashes,
                          const domain::AuditEvent& audit) = 0;
  // Accepts TOTP `step` once: false when it (or a later one) was used already. Part of a
  // sign-in, which record_login records.
  virtual bool claim_totp_step(const std::string& id, std::int64_t step) = 0;
  // Spends an unused recovery code: false when unknown or used.
  virtual bool use_recovery_code(const std::string& id, const std::string& code_hash,
                                 std::int64_t at_us, const domain::AuditEvent& audit) = 0;
  virtual unsigned recovery_codes_left(const std::string& id) = 0;
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
  // are the presented token's), in one transaction: kRotated, recorded by `rotated`. A
  // token exchanged before revokes its whole family (kReused), also when two exchanges
  // race, recorded by `reused`. Both records get the token's user as actor and its family
  // as target.
  virtual Rotation rotate(const std::string& token_hash, RefreshToken next, std::int64_t now_us,
                          const domain::AuditEvent& rotated, const domain::AuditEvent& reused) = 0;
  // Revokes the family of the token whose hash is `token_hash`; false when unknown. `audit`
  // gets the token's user as actor and its family as target.
  virtual bool revoke_family(const std::string& token_hash, std::int64_t now_us,
                             const domain::AuditEvent& audit) = 0;
};

struct TokenPage {
  std::vector<domain::ApiToken> items;  // in id order: creation order
  bool has_more = false;
};

// API tokens: only the hash of each secret is stored.
class TokenStore {
 public:
  virtual ~TokenStore() = default;
  virtual TokenPage list(const std::optional<std::string>& after, unsigned limit) = 0;
  virtual std::optional<domain::ApiToken> find(const std::string& id) = 0;
  virtual std::optional<domain::ApiToken> find_by_hash(const std::string& token_hash) = 0;
  virtual void insert(const domain::ApiToken& token, const domain::AuditEvent& audit) = 0;
  // Revokes the token (it stays listed, with revoked_at). kNotFound when there is no such
  // token; revoking a revoked token changes nothing (kDone). `audit` is written whenever the
  // token exists: a repeated revoke is a request too.
  virtual WriteOutcome revoke(const std::string& id, std::int64_t at_us,
                              const domain::AuditEvent& audit) = 0;
  // Sets last_used_at to `at_us` when it is older than `granularity_us`: a token used on
  // every request costs a write at most that often. Bookkeeping, not audited.
  virtual void touch(const std::string& id, std::int64_t at_us, std::int64_t granularity_us) = 0;
};

struct AuditQuery {
  std::optional<std::string> actor_id;
  std::optional<std::string> action;  // exact, or a family when it ends in '.': "project."
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> request_id;
  std::optional<domain::Outcome> outcome;
  std::optional<std::int64_t> since_us;  // at_us >= since
  std::optional<std::int64_t> until_us;  // at_us < until
  std::optional<std::string> before;     // the cursor: records older than this id
  unsigned limit = 50;
};

struct AuditPage {
  std::vector<domain::AuditEvent> items;  // newest first
  bool has_more = false;                  // older records exist; continue before the last id
};

// The audit log: appended to by every other store's writes (in their transactions) and
// here for events that change nothing else (a failed sign-in, a refused request). No
// method updates a record; purge is retention.
class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual void append(const domain::AuditEvent& event) = 0;
  virtual AuditPage list(const AuditQuery& query) = 0;
  // Deletes the records older than `before_us`; when there were any, appends `audit` (its
  // details gain "deleted": the count) in the same transaction. Returns the count.
  virtual std::uint64_t purge(std::int64_t before_us, const domain::AuditEvent& audit) = 0;
};

struct MonitorQuery {
  std::optional<std::string> project_id;
  bool public_only = false;
  std::optional<std::string> after;  // the cursor: monitors after this id
  unsigned limit = 50;
};

struct MonitorPage {
  std::vector<domain::Monitor> items;  // in id order: creation order
  bool has_more = false;
};

class MonitorStore {
 public:
  virtual ~MonitorStore() = default;
  virtual MonitorPage list(const MonitorQuery& query) = 0;
  // Every monitor, for the scheduler (which filters enabled ones itself).
  virtual std::vector<domain::Monitor> all() = 0;
  virtual std::optional<domain::Monitor> find(const std::string& id) = 0;
  // The push monitor whose heartbeat secret hashes to `push_hash`.
  virtual std::optional<domain::Monitor> find_by_push_hash(const std::string& push_hash) = 0;
  virtual void insert(const domain::Monitor& monitor, const domain::AuditEvent& audit) = 0;
  // Replaces the row at `expected_version` (monitor.version must be one more).
  virtual WriteOutcome update(const domain::Monitor& monitor, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
  // Deletes the monitor, its status and its results.
  virtual WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) = 0;
};

struct ResultQuery {
  std::string monitor_id;
  std::optional<std::int64_t> from_us;    // at >= from
  std::optional<std::int64_t> to_us;      // at < to
  std::optional<std::int64_t> before_us;  // the cursor: results older than this
  unsigned limit = 100;
};

struct ResultPage {
  std::vector<domain::CheckResult> items;  // newest first
  bool has_more = false;                   // older results exist; continue before the last
};

// What retention deletes: results, minute rollups and hour rollups older than these.
struct RetentionCutoffs {
  std::int64_t results_before_us = 0;
  std::int64_t minute_rollups_before_us = 0;
  std::int64_t hour_rollups_before_us = 0;
};

// Check results, their rollups and each monitor's last status: written in batches by the
// checks' writer, never audited (they are measurements, not changes).
class ResultStore {
 public:
  virtual ~ResultStore() = default;
  // Appends the results, adds them and the time spans to the rollups, upserts the statuses
  // and applies the incident events (in order), in one transaction. Those of monitors
  // deleted meanwhile are dropped silently.
  virtual void append(std::span<const domain::CheckResult> results,
                      std::span<const domain::StateSpan> spans,
                      std::span<const domain::MonitorStatus> statuses,
                      std::span<const domain::IncidentEvent> incidents) = 0;
  // A monitor's rollups at `resolution` with from_us <= bucket < to_us, oldest first.
  virtual std::vector<domain::BucketRollup> rollups(const std::string& monitor_id,
                                                    domain::Resolution resolution,
                                                    std::int64_t from_us, std::int64_t to_us) = 0;
  // Every monitor's hourly rollups from `from_us` on, summed (without latency), by id: one
  // query for a status page of thousands of monitors.
  virtual std::unordered_map<std::string, domain::Rollup> hourly_totals_since(
      std::int64_t from_us) = 0;
  virtual ResultPage list(const ResultQuery& query) = 0;
  virtual std::optional<domain::MonitorStatus> status(const std::string& monitor_id) = 0;
  // Every monitor's status (the scheduler's start).
  virtual std::vector<domain::MonitorStatus> statuses() = 0;
  // The statuses of the monitors whose id is in [first_id, last_id]: a page of monitors in
  // one query.
  virtual std::vector<domain::MonitorStatus> statuses_between(const std::string& first_id,
                                                              const std::string& last_id) = 0;
  // Deletes results and rollups older than the cutoffs, a few monitors per transaction;
  // returns how many rows were deleted.
  virtual std::uint64_t purge(const RetentionCutoffs& cutoffs) = 0;
};

struct SloPage {
  std::vector<domain::Slo> items;  // in id order: creation order
  bool has_more = false;
};

// Service level objectives: versioned, audited like every resource.
class SloStore {
 public:
  virtual ~SloStore() = default;
  // A page after the id `after`; only the SLOs of `monitor_id` when given.
  virtual SloPage list(const std::optional<std::string>& monitor_id,
                       const std::optional<std::string>& after, unsigned limit) = 0;
  virtual std::vector<domain::Slo> all() = 0;
  virtual std::optional<domain::Slo> find(const std::string& id) = 0;
  virtual void insert(const domain::Slo& slo, const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome update(const domain::Slo& slo, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) = 0;
};

struct MaintenancePage {
  std::vector<domain::Maintenance> items;  // in id order: creation order
  bool has_more = false;
};

// Maintenance windows: versioned, audited like every resource.
class MaintenanceStore {
 public:
  virtual ~MaintenanceStore() = default;
  // A page after the id `after`.
  virtual MaintenancePage list(const std::optional<std::string>& after, unsigned limit) = 0;
  virtual std::vector<domain::Maintenance> all() = 0;
  virtual std::optional<domain::Maintenance> find(const std::string& id) = 0;
  virtual void insert(const domain::Maintenance& maintenance, const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome update(const domain::Maintenance& maintenance, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) = 0;
};

enum class IncidentState : std::uint8_t { kOpen, kResolved };

struct IncidentQuery {
  std::optional<std::string> project_id;
  std::optional<std::string> monitor_id;
  std::optional<IncidentState> state;
  std::optional<std::int64_t> from_us;  // open at or after: resolved_at >= from, or open
  std::optional<std::int64_t> to_us;    // started before
  bool public_only = false;  // of enabled public monitors outside draft projects (status page)
  std::optional<std::string> after;  // the cursor: ids before this one (newest first)
  unsigned limit = 20;
};

struct IncidentPage {
  std::vector<domain::Incident> items;  // newest first, each with its timeline and updates
  bool has_more = false;
};

// Incidents are opened, moved on and resolved by ResultStore::append (and by a monitor's
// deletion or pause); people only add updates.
class IncidentStore {
 public:
  virtual ~IncidentStore() = default;
  virtual IncidentPage list(const IncidentQuery& query) = 0;
  virtual std::optional<domain::Incident> find(const std::string& id) = 0;
  // Adds `update` to its incident (kNotFound when there is none).
  virtual WriteOutcome add_update(const domain::IncidentUpdate& update,
                                  const domain::AuditEvent& audit) = 0;
};

struct ChannelPage {
  std::vector<domain::NotificationChannel> items;  // in id order: creation order
  bool has_more = false;
};

struct DeliveryQuery {
  std::optional<std::string> channel_id;
  std::optional<std::string> incident_id;
  std::optional<domain::DeliveryState> state;
  std::optional<std::string> after;  // the cursor: ids before this one (newest first)
  unsigned limit = 20;
};

struct DeliveryPage {
  std::vector<domain::Delivery> items;  // newest first, without body and log
  bool has_more = false;
};

// A delivery claimed for sending, with its channel.
struct DueDelivery {
  domain::Delivery delivery;
  domain::NotificationChannel channel;
};

// Channels are versioned, audited resources. Deliveries are written by ResultStore::append
// (and a monitor's pause or deletion) in the incident's transaction; the dispatcher claims
// and records them.
class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  virtual ChannelPage list_channels(const std::optional<std::string>& after, unsigned limit) = 0;
  virtual std::optional<domain::NotificationChannel> find_channel(const std::string& id) = 0;
  virtual void insert_channel(const domain::NotificationChannel& channel,
                              const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome update_channel(const domain::NotificationChannel& channel,
                                      std::int64_t expected_version,
                                      const domain::AuditEvent& audit) = 0;
  virtual WriteOutcome remove_channel(const std::string& id,
                                      std::optional<std::int64_t> expected_version,
                                      const domain::AuditEvent& audit) = 0;

  virtual DeliveryPage list_deliveries(const DeliveryQuery& query) = 0;
  // With its body and log.
  virtual std::optional<domain::Delivery> find_delivery(const std::string& id) = 0;
  // Claims up to `limit` pending deliveries due at `now_us`, oldest due first: for every
  // other caller each is due again only at `until_us`, when this one has not recorded it.
  virtual std::vector<DueDelivery> claim_due(std::int64_t now_us, std::int64_t until_us,
                                             unsigned limit) = 0;
  // Records a try of a claimed delivery (attempt.seq: its attempts + 1) and what follows:
  // delivered, failed for good, or pending again at `next_attempt_at_us`.
  virtual void record_attempt(const std::string& delivery_id,
                              const domain::DeliveryAttempt& attempt, domain::DeliveryState state,
                              std::int64_t next_attempt_at_us) = 0;
  // Deletes delivered and failed deliveries created before `before_us`; returns how many.
  virtual std::uint64_t purge_deliveries(std::int64_t before_us) = 0;
};

// A replica's leases after a round (checks/leases.hpp).
struct LeaseRound {
  std::vector<std::string> held;  // monitor ids, sorted
  unsigned live_replicas = 0;     // this one included
  unsigned enabled_monitors = 0;
};

// Monitor leases: which replica checks which monitor, when several share the database.
class LeaseStore {
 public:
  virtual ~LeaseStore() = default;
  // One round for `replica` at `now_us`, in one transaction: marks it live, renews its
  // leases on enabled monitors to now + ttl (drops those on disabled ones), gives back what
  // it holds beyond its fair share, ceil(enabled monitors / live replicas), in id order from
  // the end, and takes free or expired leases up to that share.
  virtual LeaseRound renew(const std::string& replica, std::int64_t now_us,
                           std::int64_t ttl_us) = 0;
  // Takes the lease on the enabled monitor `monitor_id` for `replica` when it is free,
  // expired or the replica's own, or from whoever holds it with `steal`. False when another
  // replica holds it (without `steal`) or there is no such enabled monitor.
  virtual bool claim(const std::string& monitor_id, const std::string& replica, std::int64_t now_us,
                     std::int64_t ttl_us, bool steal) = 0;
  // Gives back every lease of `replica` and forgets it (a clean stop: the others take its
  // monitors at their next round instead of when the leases run out).
  virtual void release_all(const std::string& replica) = 0;
};

struct PoolStats {
  unsigned size = 0;
  unsigned in_use = 0;
  std::uint64_t acquire_timeouts = 0;
  std::uint64_t reconnects = 0;
};

// The site settings (domain/site_settings.hpp): one row, created by the migration.
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual domain::SiteSettings get() = 0;
  // Replaces them when the stored version is `expected_version`, and appends `audit` in the
  // same transaction: kDone or kStale.
  virtual WriteOutcome update(const domain::SiteSettings& settings, std::int64_t expected_version,
                              const domain::AuditEvent& audit) = 0;
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
  virtual TokenStore& tokens() = 0;
  virtual AuditStore& audit() = 0;
  virtual MonitorStore& monitors() = 0;
  virtual ResultStore& results() = 0;
  virtual SloStore& slos() = 0;
  virtual IncidentStore& incidents() = 0;
  virtual MaintenanceStore& maintenance() = 0;
  virtual NotificationStore& notifications() = 0;
  virtual LeaseStore& leases() = 0;
  virtual SettingsStore& settings() = 0;
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
  // How long an API token looked up by hash is remembered (store/token_cache.hpp); zero
  // reads the database on every request.
  std::chrono::milliseconds token_cache_ttl{0};
};

// Opens the database (creating an SQLite file and its directory) without touching the
// schema. Throws Unavailable when it cannot be reached; connections are retried later.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace vitrine::store
