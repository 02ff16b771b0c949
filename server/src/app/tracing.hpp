#pragma once
// The server's tracing, assembled from the configuration: the exporter's metrics (always on
// /metrics), the OTLP exporter when VITRINE_OTLP_ENDPOINT is set, and the tracer the HTTP
// pipeline, the checks and the notifications make spans with. Create it before anything
// that makes spans, so it is destroyed after them and its last batch goes out.

#include <memory>

#include "obs/otlp_exporter.hpp"
#include "obs/tracing.hpp"

namespace vitrine::config {
struct Config;
}
namespace vitrine::obs {
class Logger;
class MetricsRegistry;
}  // namespace vitrine::obs

namespace vitrine::app {

struct BuildInfo;

struct Tracing {
  Tracing(const config::Config& config, obs::MetricsRegistry& registry, const obs::Logger& log,
          const BuildInfo& build);

  obs::TraceMetrics metrics;
  std::unique_ptr<obs::OtlpExporter> exporter;  // null without an endpoint
  obs::Tracer tracer;
};

}  // namespace vitrine::app
