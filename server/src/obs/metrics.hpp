#pragma once
// The metrics registry (prometheus-cpp core) and the HTTP server's RED and connection
// metrics, rendered on our own server in the Prometheus text format 0.0.4.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace prometheus {
class Registry;
class Counter;
class Gauge;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace vitrine::obs {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

class MetricsRegistry {
 public:
  // Registers vitrine_build_info{version,commit} and the process_* collector.
  MetricsRegistry(std::string_view version, std::string_view commit);
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;
  MetricsRegistry(MetricsRegistry&&) = delete;
  MetricsRegistry& operator=(MetricsRegistry&&) = delete;

  [[nodiscard]] prometheus::Registry& registry();
  // A counter whose value `read` returns at scrape time (for counts kept elsewhere).
  void add_counter_callback(std::string name, std::string help, std::function<double()> read);
  // A gauge read at scrape time.
  void add_gauge_callback(std::string name, std::string help, std::function<double()> read);
  // One series of a labelled gauge family: its value for the label `label` set to `value`.
  struct LabelledValue {
    std::string label_value;
    double value = 0;
  };
  // A gauge family with one label whose series `read` returns at scrape time, all at once:
  // a scrape sees one evaluation whole (no series half set up, none gone missing).
  void add_gauge_family_callback(std::string name, std::string help, std::string label,
                                 std::function<std::vector<LabelledValue>()> read);
  // Everything registered, plus process metrics read now, in text format 0.0.4.
  [[nodiscard]] std::string render() const;

 private:
  struct Callback {
    std::string name;
    std::string help;
    std::function<double()> read;
    bool gauge = false;
  };
  struct FamilyCallback {
    std::string name;
    std::string help;
    std::string label;
    std::function<std::vector<LabelledValue>()> read;
  };
  std::shared_ptr<prometheus::Registry> registry_;
  // Both registered before serving, then read-only.
  std::vector<Callback> callbacks_;
  std::vector<FamilyCallback> family_callbacks_;
};

// RED metrics per method and route template, in-flight requests and connections.
class HttpMetrics {
 public:
  explicit HttpMetrics(MetricsRegistry& registry);

  void request_started();
  // A started request that will be counted again from the start (moved to another thread).
  void request_abandoned();
  void request_finished(http::Method method, std::string_view route, int status, double seconds);
  // A request the server answered before routing (400, 413, 431): counted under route
  // "unmatched".
  void request_refused(int status);

  void connection_opened();
  void connection_closed();
  void connection_rejected();

 private:
  struct Series {
    prometheus::Counter* requests;
    prometheus::Histogram* duration;
  };
  Series& series(http::Method method, std::string_view route, int status);

  std::uint64_t id_;  // distinguishes instances in the per-thread series cache
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* duration_;
  prometheus::Gauge* in_flight_;
  prometheus::Gauge* connections_;
  prometheus::Counter* connections_rejected_;
};

}  // namespace vitrine::obs
