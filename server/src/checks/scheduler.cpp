#include "checks/scheduler.hpp"

#include <algorithm>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <future>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "checks/check_metrics.hpp"
#include "checks/checker.hpp"
#include "checks/curl_engine.hpp"
#include "checks/maintenance_calendar.hpp"
#include "util/time.hpp"

namespace vitrine::checks {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

bool is_push(const domain::Monitor& m) { return m.kind == domain::MonitorKind::kPush; }

milliseconds interval_of(const domain::Monitor& m) { return milliseconds(m.interval_s * 1000); }

// The result of a push monitor whose beat did not come in time.
domain::CheckResult missed_beat(const domain::Monitor& m) {
  domain::CheckResult r;
  r.monitor_id = m.id;
  r.at_us = util::now_us();
  r.state = domain::CheckState::kDown;
  r.error = domain::CheckError::kHeartbeat;
  r.message = "no heartbeat within the interval and its grace (" +
              std::to_string(domain::push_deadline_ms(m) / 1000) + " s)";
  return r;
}

}  // namespace

std::chrono::milliseconds spread_offset(const std::string& monitor_id, milliseconds interval) {
  // FNV-1a: stable across processes and builds (std::hash is not promised to be).
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : monitor_id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  const auto span = static_cast<std::uint64_t>(std::max<std::int64_t>(interval.count(), 1));
  return milliseconds(static_cast<std::int64_t>(h % span));
}

class Scheduler::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(CurlEngine& engine, Checker& checker, CheckMetrics& metrics,
       const MaintenanceCalendar& calendar, Sink sink, SchedulerOptions options)
      : engine_(engine),
        checker_(checker),
        metrics_(metrics),
        calendar_(calendar),
        sink_(std::move(sink)),
        options_(options),
        timer_(engine.loop()) {}

  // Runs `fn(impl)` on the loop thread, unless the scheduler is gone by then.
  void post(std::function<void(Impl&)> fn) {
    engine_.post([weak = weak_from_this(), fn = std::move(fn)] {
      if (auto self = weak.lock()) {
        fn(*self);
      }
    });
  }

  void replace_all(std::vector<domain::Monitor> monitors,
                   std::vector<domain::MonitorStatus> statuses, std::uint64_t changes_before) {
    // Monitors told of after the store was read: the read may not show them as they are.
    std::unordered_set<std::string> newer;
    for (auto it = told_.begin(); it != told_.end();) {
      if (it->second > changes_before) {
        newer.insert(it->first);
        ++it;
      } else {
        it = told_.erase(it);  // the read shows it: forget
      }
    }
    std::erase_if(monitors, [&](const domain::Monitor& m) { return newer.contains(m.id); });
    std::unordered_map<std::string, domain::MonitorStatus> by_id;
    for (domain::MonitorStatus& s : statuses) {
      by_id.emplace(s.monitor_id, std::move(s));
    }
    std::unordered_set<std::string> keep;
    const Clock::time_point now = Clock::now();
    for (domain::Monitor& m : monitors) {
      if (!m.enabled) {
        continue;
      }
      keep.insert(m.id);
      auto it = entries_.find(m.id);
      if (it == entries_.end()) {
        Entry& e = entries_[m.id];
        if (auto s = by_id.find(m.id); s != by_id.end()) {
          e.status = std::move(s->second);
        }
        e.monitor = std::move(m);
        schedule(e, first_due(e, now));
      } else if (it->second.monitor.version != m.version) {
        changed(it->second, std::move(m), now);
      }
    }
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (!keep.contains(it->first) && !newer.contains(it->first)) {
        metrics_.forget(it->second.monitor);
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
    arm();
  }

  // `change`: its number in Scheduler::changes().
  void upsert(const domain::Monitor& m, std::uint64_t change) {
    told_[m.id] = change;
    if (!m.enabled) {
      remove(m.id, change);
      return;
    }
    auto it = entries_.find(m.id);
    if (it == entries_.end()) {
      Entry& e = entries_[m.id];
      e.monitor = m;
      schedule(e, is_push(m) ? Clock::now() + milliseconds(domain::push_deadline_ms(m))
                             : Clock::now() + soon_offset(m));
    } else {
      changed(it->second, m, Clock::now());
    }
    arm();
  }

  void heartbeat(const domain::Monitor& m, domain::CheckResult result,
                 std::optional<domain::MonitorStatus> stored) {
    if (!m.enabled) {
      return;  // paused: beats are not recorded
    }
    auto it = entries_.find(m.id);
    if (it == entries_.end()) {
      it = entries_.emplace(m.id, Entry{}).first;
      it->second.status = std::move(stored);
    }
    Entry& e = it->second;
    e.monitor = m;
    record(e, std::move(result));
    schedule(e, Clock::now() + milliseconds(domain::push_deadline_ms(m)));
    arm();
  }

  void remove(const std::string& id, std::uint64_t change) {
    told_[id] = change;
    auto it = entries_.find(id);
    if (it != entries_.end()) {
      metrics_.forget(it->second.monitor);
      entries_.erase(it);
    }
  }

  SchedulerStats stats() const { return {entries_.size(), running_, waiting_.size()}; }

 private:
  struct Entry {
    domain::Monitor monitor;
    std::optional<domain::MonitorStatus> status;
    Clock::time_point due;
    std::uint64_t generation = 0;  // bumped by every (re)schedule; older heap items are stale
    bool running = false;
    bool rerun = false;  // changed while running: check again as soon as it ends
  };

  struct Due {
    Clock::time_point at;
    std::uint64_t generation;
    std::string id;
    bool operator>(const Due& other) const { return at > other.at; }
  };

  // When a monitor first comes due after a (re)start: on its cadence (checks spread over
  // the interval); a push monitor's deadline continues from its last beat.
  Clock::time_point first_due(const Entry& e, Clock::time_point now) const {
    if (!is_push(e.monitor)) {
      return on_cadence(e.monitor, now, now);
    }
    const std::int64_t deadline_ms = domain::push_deadline_ms(e.monitor);
    if (!e.status || e.status->last_check_us == 0) {
      return now + milliseconds(deadline_ms);
    }
    const std::int64_t left_ms = (e.status->last_check_us - util::now_us()) / 1000 + deadline_ms;
    return now + milliseconds(std::max<std::int64_t>(left_ms, 0));
  }

  // The first time at or after `earliest` on the monitor's cadence: wall-clock times
  // phase + k * interval, the phase spread by its id. Every replica and every restart
  // agrees on it, so a restart neither bunches checks nor shifts them.
  static Clock::time_point on_cadence(const domain::Monitor& m, Clock::time_point earliest,
                                      Clock::time_point now) {
    const std::int64_t interval = interval_of(m).count();
    const std::int64_t phase = spread_offset(m.id, interval_of(m)).count();
    const std::int64_t now_wall = util::now_us() / 1000;
    const std::int64_t earliest_wall =
        now_wall + std::chrono::duration_cast<milliseconds>(earliest - now).count();
    const std::int64_t k = (earliest_wall - phase + interval - 1) / interval;  // ceil, > 0
    return now + milliseconds(phase + k * interval - now_wall);
  }

  // A new monitor's first check: soon, spread by its id, so that thousands created at once
  // (config as code, a benchmark) do not all start together.
  milliseconds soon_offset(const domain::Monitor& m) const {
    return spread_offset(m.id, std::min(interval_of(m), options_.first_check_within));
  }

  void changed(Entry& e, domain::Monitor m, Clock::time_point now) {
    const bool project_changed = e.monitor.project_id != m.project_id;
    if (project_changed) {
      metrics_.forget(e.monitor);
    }
    e.monitor = std::move(m);
    if (is_push(e.monitor)) {
      schedule(e, now + milliseconds(domain::push_deadline_ms(e.monitor)));
    } else if (e.running) {
      e.rerun = true;
    } else {
      schedule(e, now);
    }
  }

  void schedule(Entry& e, Clock::time_point at) {
    e.due = at;
    heap_.push({at, ++e.generation, e.monitor.id});
  }

  void arm() {
    if (heap_.empty()) {
      return;
    }
    const Clock::time_point next = heap_.top().at;
    if (armed_ && armed_at_ <= next) {
      return;  // the timer fires earlier anyway
    }
    armed_ = true;
    armed_at_ = next;
    timer_.expires_at(next);
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (self && !ec) {
        self->armed_ = false;
        self->fire();
      }
    });
  }

  void fire() {
    const Clock::time_point now = Clock::now();
    while (!heap_.empty() && heap_.top().at <= now) {
      Due due = heap_.top();
      heap_.pop();
      auto it = entries_.find(due.id);
      if (it == entries_.end() || it->second.generation != due.generation) {
        continue;  // removed or rescheduled since
      }
      if (is_push(it->second.monitor)) {
        Entry& e = it->second;
        record(e, missed_beat(e.monitor));
        schedule(e, now + interval_of(e.monitor));  // down again each interval it stays silent
        continue;
      }
      if (it->second.running) {
        it->second.rerun = true;
        continue;
      }
      waiting_.emplace_back(std::move(due.id), due.generation);
    }
    pump();
    arm();
  }

  // Starts waiting checks while slots are free.
  void pump() {
    while (running_ < options_.concurrency && !waiting_.empty()) {
      auto [id, generation] = std::move(waiting_.front());
      waiting_.pop_front();
      auto it = entries_.find(id);
      if (it == entries_.end() || it->second.generation != generation || it->second.running) {
        continue;
      }
      start(it->second);
    }
  }

  void start(Entry& e) {
    e.running = true;
    ++running_;
    const std::chrono::duration<double> late = Clock::now() - e.due;
    metrics_.late(std::max(0.0, late.count()));
    checker_.check(e.monitor,
                   [weak = weak_from_this(), id = e.monitor.id](domain::CheckResult result) {
                     if (auto self = weak.lock()) {
                       self->finished(id, std::move(result));
                     }
                   });
  }

  void finished(const std::string& id, domain::CheckResult result) {
    --running_;
    auto it = entries_.find(id);
    if (it != entries_.end()) {
      Entry& e = it->second;
      e.running = false;
      record(e, std::move(result));
      schedule(e, next_due(e, *e.status));
      e.rerun = false;
    }
    pump();
    arm();
  }

  // The monitor's state moves on with `result`, which goes to the sink.
  void record(Entry& e, domain::CheckResult result) {
    Checked c;
    // The time this result accounts for (state_spans) lies between the previous check, or
    // the first failure of the streak, and this result: one calendar read gives the
    // maintenance windows for both the result and that time.
    std::int64_t since_us = result.at_us;
    for (const std::int64_t t :
         {e.status ? e.status->last_check_us : 0, e.status ? e.status->failing_since_us : 0}) {
      since_us = t > 0 ? std::min(since_us, t) : since_us;
    }
    const auto windows = calendar_.windows(e.monitor, since_us, result.at_us + 1);
    result.maintenance = std::any_of(windows.begin(), windows.end(), [&](const auto& w) {
      return w.from_us <= result.at_us && result.at_us < w.to_us;
    });
    c.status = domain::advance(e.status, result, e.monitor.retries);
    c.incidents = domain::incident_events(e.status, c.status, result, e.monitor.recovery_checks);
    // A gap longer than a check's whole cycle means nothing checked meanwhile (a restart).
    const std::int64_t max_gap_us = (e.monitor.interval_s * 1000 + e.monitor.timeout_ms) * 1000;
    c.spans = domain::exclude_windows(domain::state_spans(e.status, c.status, max_gap_us), windows);
    e.status = c.status;
    metrics_.checked(e.monitor, result, c.status);
    c.result = std::move(result);
    sink_(e.monitor, std::move(c));
  }

  Clock::time_point next_due(const Entry& e, const domain::MonitorStatus& status) const {
    const Clock::time_point now = Clock::now();
    if (e.rerun) {
      return now;
    }
    const milliseconds interval = interval_of(e.monitor);
    if (status.failures > 0 && status.state != domain::MonitorState::kDown) {
      return now + std::min(interval, options_.retry_delay);  // confirm the failure sooner
    }
    // Back on the cadence, at least half an interval on (after a first check soon after
    // creation, or a retry); a check late by more than an interval skips the missed runs.
    return on_cadence(e.monitor, now + interval / 2, now);
  }

  CurlEngine& engine_;
  Checker& checker_;
  CheckMetrics& metrics_;
  const MaintenanceCalendar& calendar_;
  Sink sink_;
  SchedulerOptions options_;
  asio::steady_timer timer_;
  bool armed_ = false;
  Clock::time_point armed_at_;
  std::unordered_map<std::string, Entry> entries_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> heap_;
  std::deque<std::pair<std::string, std::uint64_t>> waiting_;
  std::size_t running_ = 0;
  // Monitors upserted or removed through this server, with the number of that change,
  // until a store read taken after it shows them (replace_all).
  std::unordered_map<std::string, std::uint64_t> told_;
};

Scheduler::Scheduler(CurlEngine& engine, Checker& checker, CheckMetrics& metrics,
                     const MaintenanceCalendar& calendar, Sink sink, SchedulerOptions options)
    : impl_(std::make_shared<Impl>(engine, checker, metrics, calendar, std::move(sink), options)) {}

Scheduler::~Scheduler() = default;

std::uint64_t Scheduler::changes() const { return changes_.load(std::memory_order_acquire); }

void Scheduler::replace_all(std::vector<domain::Monitor> monitors,
                            std::vector<domain::MonitorStatus> statuses,
                            std::uint64_t changes_before) {
  impl_->post([monitors = std::move(monitors), statuses = std::move(statuses),
               changes_before](Impl& s) mutable {
    s.replace_all(std::move(monitors), std::move(statuses), changes_before);
  });
}

void Scheduler::upsert(const domain::Monitor& monitor) {
  const std::uint64_t change = changes_.fetch_add(1, std::memory_order_acq_rel) + 1;
  impl_->post([monitor, change](Impl& s) { s.upsert(monitor, change); });
}

void Scheduler::heartbeat(const domain::Monitor& monitor, domain::CheckResult result,
                          std::optional<domain::MonitorStatus> stored) {
  impl_->post([monitor, result = std::move(result), stored = std::move(stored)](Impl& s) mutable {
    s.heartbeat(monitor, std::move(result), std::move(stored));
  });
}

void Scheduler::remove(const std::string& monitor_id) {
  const std::uint64_t change = changes_.fetch_add(1, std::memory_order_acq_rel) + 1;
  impl_->post([monitor_id, change](Impl& s) { s.remove(monitor_id, change); });
}

SchedulerStats Scheduler::stats() {
  auto promise = std::make_shared<std::promise<SchedulerStats>>();
  auto future = promise->get_future();
  impl_->post([promise](Impl& s) { promise->set_value(s.stats()); });
  // A stopped loop never answers.
  constexpr std::chrono::seconds kWait{5};
  return future.wait_for(kWait) == std::future_status::ready ? future.get() : SchedulerStats{};
}

}  // namespace vitrine::checks
