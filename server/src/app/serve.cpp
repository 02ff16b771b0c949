#include "app/serve.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>

#include "api/response_cache.hpp"
#include "api/routes.hpp"
#include "app/build_info.hpp"
#include "app/identity.hpp"
#include "app/pipeline.hpp"
#include "app/router_setup.hpp"
#include "app/store_setup.hpp"
#include "app/tracing.hpp"
#include "app/users.hpp"
#include "audit/retention.hpp"
#include "checks/monitoring.hpp"
#include "checks/retention.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "notify/channel_secrets.hpp"
#include "notify/dispatcher.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "obs/readiness.hpp"
#include "slo/evaluations.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/embedded.hpp"
#include "webapp/assets.hpp"

namespace vitrine::app {
namespace {

// Threads that run handlers which wait on the database. With PostgreSQL each needs a
// connection, so more threads than connections would only queue. SQLite writers wait for
// the group commit without holding one (store/sqlite/sqlite_database.cpp): more of them
// waiting means bigger batches and fewer commits per write, so SQLite gets four per
// connection (bench/content/run measures it).
unsigned blocking_threads(const config::Config& c) {
  constexpr unsigned kSqliteThreadsPerConnection = 4;
  constexpr unsigned kMaxThreads = 256;
  return c.database.backend == store::Backend::kSqlite
             ? std::min(c.db_pool_size * kSqliteThreadsPerConnection, kMaxThreads)
             : c.db_pool_size;
}

http::ServerOptions server_options(const config::Config& c) {
  http::ServerOptions o;
  o.host = c.listen.host;
  o.port = c.listen.port;
  o.threads = c.threads;
  o.limits.max_body_bytes = c.max_body_bytes;
  o.limits.max_header_bytes = c.max_header_bytes;
  o.idle_timeout = c.idle_timeout;
  o.read_timeout = c.read_timeout;
  o.write_timeout = c.write_timeout;
  o.shutdown_grace = c.shutdown_grace;
  o.max_connections = c.max_connections;
  o.blocking_threads = blocking_threads(c);
  return o;
}

checks::MonitoringOptions monitoring_options(const config::Config& c, const obs::Tracer& tracer) {
  checks::MonitoringOptions o;
  o.tracer = &tracer;
  o.concurrency = c.check_concurrency;
  o.ca_file = c.check_ca_file;
  o.tls_warn_days = static_cast<int>(c.tls_warn_days);
  o.reload_every = c.monitor_reload;
  o.lease_ttl = c.lease_ttl;
  return o;
}

notify::DispatcherOptions dispatcher_options(const config::Config& c, const obs::Tracer& tracer) {
  notify::DispatcherOptions o;
  o.tracer = &tracer;
  o.retry.max_attempts = static_cast<int>(c.notify_max_attempts);
  o.retry.base_delay_ms = c.notify_retry_base.count();
  o.retry.max_delay_ms = c.notify_retry_max.count();
  o.timeout = c.notify_timeout;
  o.keep = std::chrono::hours(24) * c.results_retention_days;
  return o;
}

void warn_about_fd_limit(const config::Config& c, const obs::Logger& log) {
  rlimit limit{};
  constexpr std::uint64_t kReserve = 64;  // logs, listener, later the database and checks
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      c.max_connections + c.check_concurrency + kReserve > limit.rlim_cur) {
    log.warn(
        "VITRINE_MAX_CONNECTIONS + VITRINE_CHECK_CONCURRENCY is above the open-file limit; "
        "accepts and checks will fail first",
        {{"max_connections", c.max_connections},
         {"check_concurrency", c.check_concurrency},
         {"nofile_limit", static_cast<std::uint64_t>(limit.rlim_cur)}});
  }
}

// Opens the store and brings the schema up to date (or checks it is, with auto-migration
// off). Logs why and returns null when the service cannot start.
std::unique_ptr<store::Store> open_and_migrate(const config::Config& c, const obs::Logger& log) {
  try {
    auto store = store::open_store(store_options(c));
    const store::MigrationReport report = store->migrate(c.auto_migrate);
    if (!report.pending.empty()) {
      log.error(
          "schema migrations are pending and VITRINE_AUTO_MIGRATE is false; run "
          "`vitrine migrate` first",
          {{"pending", report.pending.size()}, {"first", report.pending.front()}});
      return nullptr;
    }
    log.info("database ready", {{"backend", store::to_string(store->backend())},
                                {"schema_version", report.schema_version},
                                {"migrations_applied", report.applied.size()},
                                {"pool_size", c.db_pool_size}});
    return store;
  } catch (const std::exception& e) {
    log.error("cannot open the database",
              {{"backend", store::to_string(c.database.backend)}, {"error", e.what()}});
    return nullptr;
  }
}

void register_store_metrics(obs::MetricsRegistry& metrics, const store::Store& store,
                            const api::ResponseCache& cache) {
  metrics.add_gauge_callback("vitrine_db_pool_connections", "Database connections in the pool.",
                             [&store] { return store.pool_stats().size; });
  metrics.add_gauge_callback("vitrine_db_pool_in_use", "Database connections leased now.",
                             [&store] { return store.pool_stats().in_use; });
  metrics.add_counter_callback(
      "vitrine_db_acquire_timeouts_total",
      "Requests that found no free database connection within VITRINE_DB_ACQUIRE_TIMEOUT.",
      [&store] { return static_cast<double>(store.pool_stats().acquire_timeouts); });
  metrics.add_counter_callback(
      "vitrine_db_reconnects_total", "Database connections replaced after being lost.",
      [&store] { return static_cast<double>(store.pool_stats().reconnects); });
  metrics.add_counter_callback("vitrine_response_cache_hits_total",
                               "GET responses served from the in-memory cache.",
                               [&cache] { return static_cast<double>(cache.hits()); });
  metrics.add_counter_callback("vitrine_response_cache_misses_total",
                               "GET responses built from the database.",
                               [&cache] { return static_cast<double>(cache.misses()); });
  metrics.add_counter_callback("vitrine_response_cache_invalidations_total",
                               "Times a write emptied the response cache.",
                               [&cache] { return static_cast<double>(cache.invalidations()); });
}

// The dashboard: from VITRINE_WEB_DIR, else the copy built into the binary (none in a
// -DVITRINE_WEB=OFF build). Null when the directory cannot be served: start-up fails.
std::shared_ptr<const webapp::Assets> load_web_assets(const config::Config& c,
                                                      const obs::Logger& log) {
  try {
    auto assets = std::make_shared<const webapp::Assets>(
        c.web_dir.empty() ? webapp::Assets::from_embedded(embedded::web())
                          : webapp::Assets::from_directory(c.web_dir));
    if (assets->empty()) {
      log.info("dashboard not built into this binary; serving the API only");
    } else {
      log.info("dashboard ready", {{"from", assets->origin()}, {"files", assets->size()}});
    }
    return assets;
  } catch (const std::exception& e) {
    log.error("cannot serve the dashboard (VITRINE_WEB_DIR)", {{"error", e.what()}});
    return nullptr;
  }
}

}  // namespace

int serve(const config::Config& config, const std::vector<std::string>& warnings,
          std::chrono::steady_clock::time_point process_start) {
  std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write is an error code, not a signal
  const auto sink = obs::make_stdout_sink();
  const obs::Logger log("vitrine", sink, config.log_level, config.log_format);
  for (const std::string& w : warnings) {
    log.warn(w);
  }
  warn_about_fd_limit(config, log);

  const BuildInfo build = build_info();
  const api::VersionInfo version{build.version, build.commit, build.build_time};
  obs::MetricsRegistry metrics(build.version, build.commit);
  obs::HttpMetrics http_metrics(metrics);
  const Tracing tracing(config, metrics, log, build);  // outlives everything making spans
  metrics.add_counter_callback("vitrine_log_lines_dropped_total",
                               "Log lines dropped because stdout could not keep up.",
                               [&sink] { return static_cast<double>(sink->dropped()); });
  const std::unique_ptr<store::Store> store = open_and_migrate(config, log);
  if (!store || !ensure_bootstrap_admin(config, *store, log)) {
    log.flush();
    return 1;
  }
  obs::Readiness readiness;  // the store (and later Redis) register their checks here
  readiness.add("database", [&store]() -> obs::CheckOutcome {
    try {
      store->ping();
      return {true, ""};
    } catch (const std::exception& e) {
      return {false, e.what()};
    }
  });

  api::ResponseCache cache(config.cache_ttl);
  api::LocalBus bus;  // a Redis bus will relay invalidations to other replicas
  bus.subscribe([&cache] { cache.invalidate(); });
  register_store_metrics(metrics, *store, cache);
  const std::unique_ptr<Identity> identity = make_identity(config, *store, log);

  checks::Monitoring monitoring(*store, metrics, log, monitoring_options(config, tracing.tracer));
  monitoring.start();
  const auto results_retention =
      checks::start_results_retention(store->results(),
                                      {std::chrono::hours(24) * config.results_retention_days,
                                       std::chrono::hours(24) * config.rollup_retention_days},
                                      log);

  const auto slos = std::make_shared<slo::Evaluations>(*store, log);
  const auto slo_evaluation = slo::start_evaluations(slos, metrics, config.slo_evaluation);

  std::optional<notify::ChannelSecrets> channel_secrets;
  if (!config.data_key.empty()) {
    channel_secrets.emplace(auth::DataKey::parse(config.data_key));  // validated by the loader
  }
  notify::Dispatcher notifications(store->notifications(), channel_secrets, metrics, log,
                                   dispatcher_options(config, tracing.tracer));
  notifications.start();

  const auto web = load_web_assets(config, log);
  if (!web) {
    log.flush();
    return 1;
  }
  http::Router router;
  add_all_routes(router,
                 {version, readiness, metrics, *store, cache, bus, *identity, log, monitoring,
                  config.monitor_min_interval.count(), config.status_refresh, *slos,
                  channel_secrets ? &*channel_secrets : nullptr, config.notify_timeout, web});
  const auto pipeline = make_pipeline(config, router, log, http_metrics, tracing.tracer,
                                      *identity->authenticator, store->audit());
  const auto retention = audit::start_retention(
      store->audit(), std::chrono::hours(24) * config.audit_retention_days, log);

  http::Server server(server_options(config), *pipeline, log, http_metrics);
  try {
    server.listen();
  } catch (const std::exception& e) {
    log.error("cannot start", {{"error", e.what()}});
    log.flush();
    return 1;
  }
  const std::chrono::duration<double, std::milli> startup =
      std::chrono::steady_clock::now() - process_start;
  const std::string host = config.listen.host.find(':') != std::string::npos
                               ? "[" + config.listen.host + "]"
                               : config.listen.host;
  log.info("listening", {{"address", host + ":" + std::to_string(server.port())},
                         {"port", static_cast<unsigned>(server.port())},
                         {"threads", config.threads},
                         {"version", build.version},
                         {"commit", build.commit},
                         {"startup_ms", startup.count()}});
  const std::size_t cut = server.run();
  log.info("stopped", {{"cut_connections", cut}});
  log.flush();
  return 0;
}

}  // namespace vitrine::app
