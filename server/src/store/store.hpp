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

enum class WriteOutcome : std::uint8_t { kDone, kNotFound, kStale };

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
