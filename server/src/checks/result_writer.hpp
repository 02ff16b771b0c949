#pragma once
// Stores check results off the check loop: results queue here and a thread of its own
// writes them in batches (one transaction per batch), so a slow or unavailable database
// never delays a check. While the database is down the queue holds up to `max_queued`
// results; beyond that the oldest are dropped and counted. Incident events (a few per
// outage) are never dropped: they are written, in order, with the next batch.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "checks/checked.hpp"

namespace vitrine::store {
class ResultStore;
}
namespace vitrine::obs {
class Logger;
}

namespace vitrine::checks {

struct ResultWriterOptions {
  std::chrono::milliseconds flush_every{500};
  std::size_t batch = 2000;          // results per transaction at most
  std::size_t max_queued = 200'000;  // ~3 minutes of 10,000 monitors at 10 s
};

class ResultWriter {
 public:
  ResultWriter(store::ResultStore& store, const obs::Logger& log, ResultWriterOptions options);
  // Writes what is queued (one attempt), then stops.
  ~ResultWriter();
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;
  ResultWriter(ResultWriter&&) = delete;
  ResultWriter& operator=(ResultWriter&&) = delete;

  // Queues a check's outcome. Thread-safe, never blocks on I/O.
  void add(Checked checked);

  [[nodiscard]] std::uint64_t dropped() const;
  [[nodiscard]] std::size_t queued() const;

 private:
  void loop();
  void write_batch(std::unique_lock<std::mutex>& lock);

  store::ResultStore& store_;
  const obs::Logger& log_;
  ResultWriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  // A result and the spans it brought: they are stored (and dropped) together.
  struct Entry {
    domain::CheckResult result;
    std::vector<domain::StateSpan> spans;
  };
  std::deque<Entry> results_;
  std::unordered_map<std::string, domain::MonitorStatus> statuses_;  // the latest per monitor
  std::vector<domain::IncidentEvent> incidents_;                     // oldest first
  std::uint64_t dropped_ = 0;
  bool failing_ = false;  // the last write failed (logged once until one succeeds)
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything it uses exists
};

}  // namespace vitrine::checks
