#pragma once
// Sends the notification outbox: every poll it claims the deliveries that are due (any
// replica may; a claim keeps the others off one until it times out), posts them at once
// (notify/sender.hpp), and records each try in the delivery log with what follows:
// delivered, retried later on the RetryPolicy's schedule, or failed for good. Runs on its
// own thread: a slow or failing receiver delays other notifications by the timeout at most
// and never the checks.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "domain/notification.hpp"
#include "notify/channel_secrets.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class NotificationStore;
}
namespace vitrine::obs {
class Logger;
class MetricsRegistry;
class Tracer;
}  // namespace vitrine::obs
namespace prometheus {
class Counter;
}

namespace vitrine::notify {

struct DispatcherOptions {
  domain::RetryPolicy retry;                  // VITRINE_NOTIFY_MAX_ATTEMPTS, _RETRY_BASE, _MAX
  std::chrono::milliseconds timeout{10'000};  // VITRINE_NOTIFY_TIMEOUT: one try
  std::chrono::milliseconds poll{1'000};
  unsigned batch = 16;  // sent at once
  // Delivered and failed deliveries older than this are deleted, at start and once a day
  // (VITRINE_RESULTS_RETENTION_DAYS).
  std::chrono::hours keep{24 * 30};
  const obs::Tracer* tracer = nullptr;  // a span per message sent; null: none
};

class Dispatcher {
 public:
  // `secrets`: nullopt without VITRINE_DATA_KEY (no channel can be opened then).
  Dispatcher(store::NotificationStore& store, std::optional<ChannelSecrets> secrets,
             obs::MetricsRegistry& metrics, const obs::Logger& log,
             const DispatcherOptions& options);
  ~Dispatcher();  // stops polling; a batch in flight finishes first
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;
  Dispatcher(Dispatcher&&) = delete;
  Dispatcher& operator=(Dispatcher&&) = delete;

  // Polls on its own thread until destroyed.
  void start();
  // Claims one batch of due deliveries, sends and records it; returns the tries made.
  // Throws what the store throws.
  unsigned run_once();

 private:
  void poll();
  void purge_old(std::int64_t now_us);

  store::NotificationStore& store_;
  std::optional<ChannelSecrets> secrets_;
  const obs::Logger& log_;
  DispatcherOptions options_;
  prometheus::Counter* delivered_;
  prometheus::Counter* retrying_;
  prometheus::Counter* failed_;
  std::int64_t purged_at_us_ = 0;           // the poller's
  std::unique_ptr<util::Periodic> poller_;  // last: stops first
};

}  // namespace vitrine::notify
