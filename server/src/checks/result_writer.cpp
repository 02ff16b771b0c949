#include "checks/result_writer.hpp"

#include <vector>

#include "obs/log.hpp"
#include "store/store.hpp"

namespace vitrine::checks {

ResultWriter::ResultWriter(store::ResultStore& store, const obs::Logger& log,
                           ResultWriterOptions options)
    : store_(store), log_(log), options_(options), thread_([this] { loop(); }) {}

ResultWriter::~ResultWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ResultWriter::add(Checked checked) {
  std::lock_guard lock(mutex_);
  incidents_.insert(incidents_.end(), std::make_move_iterator(checked.incidents.begin()),
                    std::make_move_iterator(checked.incidents.end()));
  if (results_.size() >= options_.max_queued) {
    results_.pop_front();
    ++dropped_;
  }
  statuses_[checked.status.monitor_id] = std::move(checked.status);
  results_.push_back({std::move(checked.result), std::move(checked.spans)});
  if (results_.size() >= options_.batch) {
    wake_.notify_all();
  }
}

std::uint64_t ResultWriter::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

std::size_t ResultWriter::queued() const {
  std::lock_guard lock(mutex_);
  return results_.size();
}

void ResultWriter::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, options_.flush_every,
                   [&] { return stopping_ || results_.size() >= options_.batch; });
    while (!results_.empty() || !statuses_.empty() || !incidents_.empty()) {
      write_batch(lock);
      if (failing_) {
        break;  // the database is away: try again at the next tick
      }
    }
    if (stopping_) {
      return;
    }
    if (failing_) {
      wake_.wait_for(lock, options_.flush_every, [&] { return stopping_; });
    }
  }
}

// Writes up to one batch with the lock released; on failure puts the batch back in front.
void ResultWriter::write_batch(std::unique_lock<std::mutex>& lock) {
  const auto n = static_cast<std::ptrdiff_t>(std::min(results_.size(), options_.batch));
  std::vector<Entry> entries(std::make_move_iterator(results_.begin()),
                             std::make_move_iterator(results_.begin() + n));
  results_.erase(results_.begin(), results_.begin() + n);
  std::vector<domain::CheckResult> results;
  std::vector<domain::StateSpan> spans;
  results.reserve(entries.size());
  for (Entry& e : entries) {  // the results move out and back (on failure), never copied
    results.push_back(std::move(e.result));
    spans.insert(spans.end(), e.spans.begin(), e.spans.end());
  }
  std::vector<domain::IncidentEvent> incidents;
  std::vector<domain::MonitorStatus> statuses;
  // The statuses go with the last batch (they follow its results), and the incident events
  // with them: a status that says an incident is open commits with the incident.
  if (results_.empty()) {
    incidents = std::move(incidents_);
    incidents_.clear();
    statuses.reserve(statuses_.size());
    for (auto& [id, status] : statuses_) {
      statuses.push_back(std::move(status));
    }
    statuses_.clear();
  }
  lock.unlock();
  bool ok = true;
  std::string error;
  try {
    store_.append(results, spans, statuses, incidents);
  } catch (const std::exception& e) {
    ok = false;
    error = e.what();
  }
  lock.lock();
  if (ok) {
    if (failing_) {
      log_.info("check results are stored again", {{"queued", results_.size()}});
    }
    failing_ = false;
  } else {
    if (!failing_) {
      log_.error("cannot store check results; keeping them queued",
                 {{"error", error}, {"queued", results_.size() + entries.size()}});
    }
    failing_ = true;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      entries[i].result = std::move(results[i]);
    }
    results_.insert(results_.begin(), std::make_move_iterator(entries.begin()),
                    std::make_move_iterator(entries.end()));
    for (domain::MonitorStatus& s : statuses) {
      statuses_.try_emplace(s.monitor_id, std::move(s));  // a newer one queued meanwhile wins
    }
    incidents.insert(incidents.end(), std::make_move_iterator(incidents_.begin()),
                     std::make_move_iterator(incidents_.end()));
    incidents_ = std::move(incidents);  // in front of those queued meanwhile
  }
}

}  // namespace vitrine::checks
