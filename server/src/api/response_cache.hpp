#pragma once
// Serialized GET responses kept in memory, so the hot public reads cost no SQL and no JSON
// building. Every write invalidates the whole cache (writes are rare, reads are many) and
// announces it on an InvalidationBus, which other replicas will hear once a Redis bus
// exists; today's LocalBus serves one process.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vitrine::api {

// A response ready to send: immutable once cached.
struct CachedResponse {
  std::string body;
  std::string etag;
  std::string link;     // RFC 8288 Link header value, or empty
  std::string gzipped;  // the body gzip-compressed, or empty (small or not worth it)
};

// Tells every replica that cached responses are stale. publish() runs the local
// subscribers at once; a networked bus (Redis pub/sub) also relays it to the others.
class InvalidationBus {
 public:
  virtual ~InvalidationBus() = default;
  virtual void publish() = 0;
  virtual void subscribe(std::function<void()> on_invalidate) = 0;
};

// One process, no network.
class LocalBus final : public InvalidationBus {
 public:
  void publish() override;
  void subscribe(std::function<void()> on_invalidate) override;

 private:
  std::vector<std::function<void()>> subscribers_;  // set before serving, then read-only
};

class ResponseCache {
 public:
  // Entries live at most `ttl`: the bound on how stale another replica's copy can get
  // until invalidations travel between replicas. Zero keeps entries until a write.
  explicit ResponseCache(std::chrono::milliseconds ttl = std::chrono::milliseconds(0),
                         std::size_t max_entries = 4096)
      : ttl_(ttl), max_entries_(max_entries) {}

  [[nodiscard]] std::shared_ptr<const CachedResponse> get(std::string_view key) const;

  // Read before loading from the store and pass to put(): an entry loaded before an
  // invalidation is dropped rather than cached stale.
  [[nodiscard]] std::uint64_t generation() const {
    return generation_.load(std::memory_order_acquire);
  }
  void put(std::string key, std::shared_ptr<const CachedResponse> value, std::uint64_t generation);
  void invalidate();

  [[nodiscard]] std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t invalidations() const {
    return invalidations_.load(std::memory_order_relaxed);
  }

 private:
  struct Entry {
    std::shared_ptr<const CachedResponse> value;
    std::chrono::steady_clock::time_point expires;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
  std::atomic<std::uint64_t> generation_{0};
  mutable std::atomic<std::uint64_t> hits_{0};
  mutable std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> invalidations_{0};
};

}  // namespace vitrine::api
