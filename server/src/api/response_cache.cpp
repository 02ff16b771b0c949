#include "api/response_cache.hpp"

namespace vitrine::api {

void LocalBus::publish() {
  for (const auto& s : subscribers_) {
    s();
  }
}

void LocalBus::subscribe(std::function<void()> on_invalidate) {
  subscribers_.push_back(std::move(on_invalidate));
}

std::shared_ptr<const CachedResponse> ResponseCache::get(std::string_view key) const {
  {
    const std::shared_lock lock(mutex_);
    const auto it = entries_.find(key);
    if (it != entries_.end() &&
        (ttl_.count() == 0 || std::chrono::steady_clock::now() < it->second.expires)) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second.value;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void ResponseCache::put(std::string key, std::shared_ptr<const CachedResponse> value,
                        std::uint64_t generation) {
  const std::unique_lock lock(mutex_);
  // Checked under the lock that invalidate() takes: no stale entry slips in after it.
  if (generation != generation_.load(std::memory_order_acquire)) {
    return;
  }
  if (entries_.size() >= max_entries_) {
    entries_.clear();  // many distinct queries (search terms): start over rather than grow
  }
  entries_.insert_or_assign(std::move(key),
                            Entry{std::move(value), std::chrono::steady_clock::now() + ttl_});
}

void ResponseCache::invalidate() {
  const std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  entries_.clear();
  invalidations_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace vitrine::api
