#include "obs/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <atomic>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "obs/process_metrics.hpp"

namespace vitrine::obs {
namespace {

const prometheus::Histogram::BucketBoundaries kDurationBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Process-wide id source for HttpMetrics instances; only ever incremented.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<std::uint64_t> next_instance_id{1};

// Key of the per-thread cache: route templates live as long as the router, so their data
// pointer identifies them; the instance id keeps instances (tests) apart.
struct SeriesKey {
  std::uint64_t instance;
  const char* route;
  std::uint16_t status;
  std::uint8_t method;
  bool operator==(const SeriesKey&) const = default;
};
struct SeriesKeyHash {
  std::size_t operator()(const SeriesKey& k) const noexcept {
    std::size_t h = std::hash<const void*>{}(k.route);
    h ^= (k.instance * 0x9E3779B97F4A7C15ULL) + (std::size_t{k.status} << 8U) + k.method;
    return h;
  }
};

}  // namespace

MetricsRegistry::MetricsRegistry(std::string_view version, std::string_view commit)
    : registry_(std::make_shared<prometheus::Registry>()) {
  prometheus::BuildGauge()
      .Name("vitrine_build_info")
      .Help("Build of the running vitrine: version and git commit; value is always 1.")
      .Register(*registry_)
      .Add({{"version", std::string(version)}, {"commit", std::string(commit)}})
      .Set(1);
}

MetricsRegistry::~MetricsRegistry() = default;

prometheus::Registry& MetricsRegistry::registry() { return *registry_; }

void MetricsRegistry::add_counter_callback(std::string name, std::string help,
                                           std::function<double()> read) {
  callbacks_.push_back({std::move(name), std::move(help), std::move(read), false});
}

void MetricsRegistry::add_gauge_callback(std::string name, std::string help,
                                         std::function<double()> read) {
  callbacks_.push_back({std::move(name), std::move(help), std::move(read), true});
}

void MetricsRegistry::add_gauge_family_callback(std::string name, std::string help,
                                                std::string label,
                                                std::function<std::vector<LabelledValue>()> read) {
  family_callbacks_.push_back(
      {std::move(name), std::move(help), std::move(label), std::move(read)});
}

std::string MetricsRegistry::render() const {
  auto families = registry_->Collect();
  for (const auto& c : callbacks_) {
    prometheus::ClientMetric metric;
    if (c.gauge) {
      metric.gauge.value = c.read();
    } else {
      metric.counter.value = c.read();
    }
    families.push_back({c.name,
                        c.help,
                        c.gauge ? prometheus::MetricType::Gauge : prometheus::MetricType::Counter,
                        {metric}});
  }
  for (const auto& c : family_callbacks_) {
    prometheus::MetricFamily family{c.name, c.help, prometheus::MetricType::Gauge, {}};
    for (const LabelledValue& v : c.read()) {
      prometheus::ClientMetric metric;
      metric.label.push_back({c.label, v.label_value});
      metric.gauge.value = v.value;
      family.metric.push_back(std::move(metric));
    }
    families.push_back(std::move(family));
  }
  auto process = collect_process_metrics();
  families.insert(families.end(), std::make_move_iterator(process.begin()),
                  std::make_move_iterator(process.end()));
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

HttpMetrics::HttpMetrics(MetricsRegistry& registry)
    : id_(next_instance_id.fetch_add(1)),
      requests_(&prometheus::BuildCounter()
                     .Name("http_requests_total")
                     .Help("HTTP requests answered, by method, route template and status code.")
                     .Register(registry.registry())),
      duration_(&prometheus::BuildHistogram()
                     .Name("http_request_duration_seconds")
                     .Help("Time from a complete request to its response, by method and route.")
                     .Register(registry.registry())),
      in_flight_(&prometheus::BuildGauge()
                      .Name("http_requests_in_flight")
                      .Help("Requests being handled now.")
                      .Register(registry.registry())
                      .Add({})),
      connections_(&prometheus::BuildGauge()
                        .Name("vitrine_http_connections_open")
                        .Help("Open client connections.")
                        .Register(registry.registry())
                        .Add({})),
      connections_rejected_(&prometheus::BuildCounter()
                                 .Name("vitrine_http_connections_rejected_total")
                                 .Help("Connections refused with 503 at the connection cap.")
                                 .Register(registry.registry())
                                 .Add({})) {}

HttpMetrics::Series& HttpMetrics::series(http::Method method, std::string_view route, int status) {
  // Family::Add takes a lock and hashes a label map; the per-thread cache makes the hot path
  // one hash lookup without locks. The set of keys is bounded by routes x methods x statuses.
  thread_local std::unordered_map<SeriesKey, Series, SeriesKeyHash> cache;
  const SeriesKey key{id_, route.data(), static_cast<std::uint16_t>(status),
                      static_cast<std::uint8_t>(method)};
  if (auto it = cache.find(key); it != cache.end()) {
    return it->second;
  }
  const std::string method_label(http::to_string(method));
  const std::string route_label(route);
  Series s{
      &requests_->Add(
          {{"method", method_label}, {"route", route_label}, {"status", std::to_string(status)}}),
      &duration_->Add({{"method", method_label}, {"route", route_label}}, kDurationBuckets)};
  return cache.emplace(key, s).first->second;
}

void HttpMetrics::request_started() { in_flight_->Increment(); }

void HttpMetrics::request_abandoned() { in_flight_->Decrement(); }

void HttpMetrics::request_finished(http::Method method, std::string_view route, int status,
                                   double seconds) {
  in_flight_->Decrement();
  Series& s = series(method, route, status);
  s.requests->Increment();
  s.duration->Observe(seconds);
}

void HttpMetrics::request_refused(int status) {
  series(http::Method::kOther, http::kUnmatchedRoute, status).requests->Increment();
}

void HttpMetrics::connection_opened() { connections_->Increment(); }
void HttpMetrics::connection_closed() { connections_->Decrement(); }
void HttpMetrics::connection_rejected() { connections_rejected_->Increment(); }

}  // namespace vitrine::obs
