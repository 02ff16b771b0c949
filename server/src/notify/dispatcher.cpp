#include "notify/dispatcher.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <utility>
#include <vector>

#include "notify/sender.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::notify {
namespace {

// How long past a try's timeout a claim lasts: the margin for recording it.
constexpr std::int64_t kClaimMarginUs = 30'000'000;

}  // namespace

Dispatcher::Dispatcher(store::NotificationStore& store, std::optional<ChannelSecrets> secrets,
                       obs::MetricsRegistry& metrics, const obs::Logger& log,
                       const DispatcherOptions& options)
    : store_(store), secrets_(secrets), log_(log), options_(options) {
  auto& tries = prometheus::BuildCounter()
                    .Name("vitrine_notification_attempts_total")
                    .Help(
                        "Tries at sending notifications, by what followed: delivered, retrying "
                        "later, or failed for good.")
                    .Register(metrics.registry());
  delivered_ = &tries.Add({{"outcome", "delivered"}});
  retrying_ = &tries.Add({{"outcome", "retrying"}});
  failed_ = &tries.Add({{"outcome", "failed"}});
}

Dispatcher::~Dispatcher() { poller_.reset(); }

void Dispatcher::start() {
  poller_ = std::make_unique<util::Periodic>(options_.poll, [this] { poll(); });
}

void Dispatcher::purge_old(std::int64_t now_us) {
  constexpr std::int64_t kDayUs = 86'400'000'000;
  if (purged_at_us_ != 0 && now_us - purged_at_us_ < kDayUs) {
    return;
  }
  purged_at_us_ = now_us;
  const std::uint64_t deleted = store_.purge_deliveries(
      now_us - std::chrono::duration_cast<std::chrono::microseconds>(options_.keep).count());
  if (deleted > 0) {
    log_.info("notification deliveries purged",
              {{"event", "notifications.purged"}, {"deleted", deleted}});
  }
}

void Dispatcher::poll() {
  try {
    purge_old(util::now_us());
    while (run_once() == options_.batch) {
    }
  } catch (const std::exception& e) {
    log_.warn("cannot send notifications now; retrying at the next poll", {{"error", e.what()}});
  }
}

unsigned Dispatcher::run_once() {
  const std::int64_t now = util::now_us();
  const std::int64_t claim_until =
      now + std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count() +
      kClaimMarginUs;
  std::vector<store::DueDelivery> due = store_.claim_due(now, claim_until, options_.batch);
  if (due.empty()) {
    return 0;
  }
  // Each one's outcome: sent when the channel is enabled and its secrets open.
  std::vector<Sent> outcomes(due.size());
  std::vector<Message> messages;
  std::vector<std::size_t> posted;  // the index in `due` of each message
  for (std::size_t i = 0; i < due.size(); ++i) {
    const store::DueDelivery& d = due[i];
    if (!d.channel.enabled) {
      outcomes[i].error = "the channel is disabled";
      continue;
    }
    const auto opened = secrets_ ? secrets_->open(d.channel) : std::nullopt;
    if (!opened) {
      outcomes[i].error =
          "cannot open the channel's URL: VITRINE_DATA_KEY is not set or not the key it was "
          "saved with";
      continue;
    }
    posted.push_back(i);
    messages.push_back(
        message_for(d.channel, *opened, d.delivery.id, d.delivery.event, d.delivery.body));
  }
  std::vector<Sent> sent = post_all(messages, options_.timeout, options_.tracer);
  for (std::size_t k = 0; k < sent.size(); ++k) {
    outcomes[posted[k]] = std::move(sent[k]);
  }
  for (std::size_t i = 0; i < due.size(); ++i) {
    const store::DueDelivery& d = due[i];
    const Sent& outcome = outcomes[i];
    domain::DeliveryAttempt attempt;
    attempt.seq = d.delivery.attempts + 1;
    attempt.at_us = now;
    attempt.duration_ms = outcome.duration_ms;
    attempt.status_code = outcome.status_code;
    attempt.error = outcome.error;
    domain::DeliveryState state = domain::DeliveryState::kDelivered;
    std::int64_t next = now;
    if (!outcome.delivered()) {
      // A disabled channel's messages are dropped, not kept for later: it was muted.
      const auto delay =
          d.channel.enabled ? domain::retry_delay_ms(options_.retry, attempt.seq) : std::nullopt;
      state = delay ? domain::DeliveryState::kPending : domain::DeliveryState::kFailed;
      next = util::now_us() + delay.value_or(0) * 1000;
    }
    store_.record_attempt(d.delivery.id, attempt, state, next);
    switch (state) {
      case domain::DeliveryState::kDelivered:
        delivered_->Increment();
        break;
      case domain::DeliveryState::kPending:
        retrying_->Increment();
        log_.info("notification not delivered; retrying later", {{"delivery", d.delivery.id},
                                                                 {"channel", d.channel.id},
                                                                 {"attempt", attempt.seq},
                                                                 {"error", attempt.error}});
        break;
      case domain::DeliveryState::kFailed:
        failed_->Increment();
        log_.warn("notification not delivered; giving up", {{"delivery", d.delivery.id},
                                                            {"channel", d.channel.id},
                                                            {"attempt", attempt.seq},
                                                            {"error", attempt.error}});
        break;
    }
  }
  return static_cast<unsigned>(due.size());
}

}  // namespace vitrine::notify
