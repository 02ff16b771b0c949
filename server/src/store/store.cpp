#include "store/store.hpp"

#include "store/postgres/postgres_database.hpp"
#include "store/sql/migrator.hpp"
#include "store/sql/sql_audit_store.hpp"
#include "store/sql/sql_incident_store.hpp"
#include "store/sql/sql_lease_store.hpp"
#include "store/sql/sql_maintenance_store.hpp"
#include "store/sql/sql_monitor_store.hpp"
#include "store/sql/sql_notification_store.hpp"
#include "store/sql/sql_project_store.hpp"
#include "store/sql/sql_session_store.hpp"
#include "store/sql/sql_settings_store.hpp"
#include "store/sql/sql_slo_store.hpp"
#include "store/sql/sql_token_store.hpp"
#include "store/sql/sql_user_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/token_cache.hpp"

namespace vitrine::store {
namespace {

TokenCacheOptions token_cache(std::chrono::milliseconds ttl) {
  TokenCacheOptions o;
  o.ttl = ttl;
  return o;
}

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Database> db, std::chrono::milliseconds token_cache_ttl)
      : db_(std::move(db)),
        projects_(sql::make_project_store(*db_)),
        users_(sql::make_user_store(*db_)),
        sessions_(sql::make_session_store(*db_)),
        tokens_(cache_token_lookups(sql::make_token_store(*db_), token_cache(token_cache_ttl))),
        audit_(sql::make_audit_store(*db_)),
        monitors_(sql::make_monitor_store(*db_)),
        results_(sql::make_result_store(*db_)),
        slos_(sql::make_slo_store(*db_)),
        incidents_(sql::make_incident_store(*db_)),
        maintenance_(sql::make_maintenance_store(*db_)),
        notifications_(sql::make_notification_store(*db_)),
        leases_(sql::make_lease_store(*db_)),
        settings_(sql::make_settings_store(*db_)) {}

  [[nodiscard]] Backend backend() const override { return db_->backend(); }
  ProjectStore& projects() override { return *projects_; }
  UserStore& users() override { return *users_; }
  SessionStore& sessions() override { return *sessions_; }
  TokenStore& tokens() override { return *tokens_; }
  AuditStore& audit() override { return *audit_; }
  MonitorStore& monitors() override { return *monitors_; }
  ResultStore& results() override { return *results_; }
  SloStore& slos() override { return *slos_; }
  IncidentStore& incidents() override { return *incidents_; }
  MaintenanceStore& maintenance() override { return *maintenance_; }
  NotificationStore& notifications() override { return *notifications_; }
  LeaseStore& leases() override { return *leases_; }
  SettingsStore& settings() override { return *settings_; }
  void ping() override {
    db_->read([](sql::Session& s) {
      int one = 0;
      s << "SELECT 1", soci::into(one);
    });
  }
  [[nodiscard]] PoolStats pool_stats() const override { return db_->stats(); }
  MigrationReport migrate(bool apply) override { return sql::migrate(*db_, apply); }

 private:
  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<ProjectStore> projects_;
  std::unique_ptr<UserStore> users_;
  std::unique_ptr<SessionStore> sessions_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<AuditStore> audit_;
  std::unique_ptr<MonitorStore> monitors_;
  std::unique_ptr<ResultStore> results_;
  std::unique_ptr<SloStore> slos_;
  std::unique_ptr<IncidentStore> incidents_;
  std::unique_ptr<MaintenanceStore> maintenance_;
  std::unique_ptr<NotificationStore> notifications_;
  std::unique_ptr<LeaseStore> leases_;
  std::unique_ptr<SettingsStore> settings_;
};

}  // namespace

ProjectCursor cursor_after(const domain::Project& project, ProjectSort sort) {
  ProjectCursor c;
  c.id = project.id;
  switch (sort) {
    case ProjectSort::kSortOrder:
      c.number = project.sort_order;
      c.text = project.title;
      break;
    case ProjectSort::kTitle:
      c.text = project.title;
      break;
    case ProjectSort::kUpdatedAt:
    case ProjectSort::kUpdatedAtDesc:
      c.number = project.updated_at_us;
      break;
  }
  return c;
}

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  auto db = options.url.backend == Backend::kSqlite ? sqlite::make_database(options)
                                                    : postgres::make_database(options);
  return std::make_unique<SqlStore>(std::move(db), options.token_cache_ttl);
}

}  // namespace vitrine::store
