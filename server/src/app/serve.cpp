#include "app/serve.hpp"

#include <sys/resource.h>

#include <csignal>

#include "api/routes.hpp"
#include "app/build_info.hpp"
#include "app/pipeline.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "obs/readiness.hpp"

namespace vitrine::app {
namespace {

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
  return o;
}

void warn_about_fd_limit(const config::Config& c, const obs::Logger& log) {
  rlimit limit{};
  constexpr std::uint64_t kReserve = 64;  // logs, listener, later the database and checks
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      c.max_connections + kReserve > limit.rlim_cur) {
    log.warn("VITRINE_MAX_CONNECTIONS is above the open-file limit; accept will fail first",
             {{"max_connections", c.max_connections},
              {"nofile_limit", static_cast<std::uint64_t>(limit.rlim_cur)}});
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
  metrics.add_counter_callback("vitrine_log_lines_dropped_total",
                               "Log lines dropped because stdout could not keep up.",
                               [&sink] { return static_cast<double>(sink->dropped()); });
  obs::Readiness readiness;  // the store and Redis register their checks here

  http::Router router;
  api::add_home_routes(router, version);
  api::add_health_routes(router, readiness);
  api::add_metrics_routes(router, metrics);
  api::add_version_routes(router, version);
  const auto pipeline = make_pipeline(config, router, log, http_metrics);

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
