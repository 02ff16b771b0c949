#include "app/tracing.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <string>

#include "app/build_info.hpp"
#include "config/config.hpp"
#include "obs/log.hpp"
#include "util/uuid.hpp"

namespace vitrine::app {
namespace {

std::unique_ptr<obs::OtlpExporter> make_exporter(const config::Config& config,
                                                 obs::TraceMetrics& metrics, const obs::Logger& log,
                                                 const BuildInfo& build) {
  if (config.otlp_endpoint.empty()) {
    return nullptr;
  }
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) {
    host[0] = '\0';
  }
  obs::TraceResource resource;
  resource.service_version = build.version;
  resource.service_instance_id = util::uuid_v7();
  resource.host_name = host.data();
  obs::ExporterOptions options;
  options.endpoint = config.otlp_endpoint;
  options.queue_capacity = static_cast<std::size_t>(config.trace_queue_size);
  options.batch_size = std::min(options.batch_size, options.queue_capacity);
  log.info("exporting traces", {{"endpoint", config.otlp_endpoint},
                                {"sample_ratio", config.trace_sample_ratio},
                                {"queue_capacity", options.queue_capacity}});
  return std::make_unique<obs::OtlpExporter>(options, resource, metrics, log);
}

}  // namespace

Tracing::Tracing(const config::Config& config, obs::MetricsRegistry& registry,
                 const obs::Logger& log, const BuildInfo& build)
    : metrics(registry),
      exporter(make_exporter(config, metrics, log, build)),
      tracer(exporter.get(), config.trace_sample_ratio) {}

}  // namespace vitrine::app
