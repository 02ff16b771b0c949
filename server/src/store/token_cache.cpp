#include "store/token_cache.hpp"

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace vitrine::store {
namespace {

using Clock = std::chrono::steady_clock;
using domain::ApiToken;

class CachedTokenStore final : public TokenStore {
 public:
  CachedTokenStore(std::unique_ptr<TokenStore> inner, TokenCacheOptions options)
      : inner_(std::move(inner)), options_(std::move(options)) {
    if (!options_.clock) {
      options_.clock = [] { return Clock::now(); };
    }
  }

  TokenPage list(const std::optional<std::string>& after, unsigned limit) override {
    return inner_->list(after, limit);
  }

  std::optional<ApiToken> find(const std::string& id) override { return inner_->find(id); }

  std::optional<ApiToken> find_by_hash(const std::string& token_hash) override {
    const Clock::time_point now = options_.clock();
    std::uint64_t generation = 0;
    {
      const std::lock_guard lock(mutex_);
      if (const auto it = entries_.find(token_hash); it != entries_.end()) {
        if (now - it->second.loaded < options_.ttl) {
          return it->second.token;
        }
        entries_.erase(it);
      }
      generation = generation_;
    }
    // Unknown secrets are not remembered: a client guessing would only fill the map.
    auto found = inner_->find_by_hash(token_hash);
    if (found) {
      const std::lock_guard lock(mutex_);
      // A revoke that ran while this read was in flight may have been missed by it.
      if (generation == generation_) {
        make_room(now);
        entries_.insert_or_assign(token_hash, Entry{*found, now});
      }
    }
    return found;
  }

  void insert(const ApiToken& token, const domain::AuditEvent& audit) override {
    inner_->insert(token, audit);
  }

  WriteOutcome revoke(const std::string& id, std::int64_t at_us,
                      const domain::AuditEvent& audit) override {
    const WriteOutcome outcome = inner_->revoke(id, at_us, audit);
    forget_all();  // and a lookup still reading from before the revoke will not remember
    return outcome;
  }

  void touch(const std::string& id, std::int64_t at_us, std::int64_t granularity_us) override {
    inner_->touch(id, at_us, granularity_us);
    // The remembered row learns it was touched, or every request until it expires would
    // find it stale and write again.
    const std::lock_guard lock(mutex_);
    for (auto& [hash, entry] : entries_) {
      auto& last = entry.token.last_used_at_us;
      if (entry.token.id == id && last.value_or(0) < at_us - granularity_us) {  // as the SQL
        last = at_us;
      }
    }
  }

 private:
  struct Entry {
    ApiToken token;
    Clock::time_point loaded;
  };

  void forget_all() {
    const std::lock_guard lock(mutex_);
    entries_.clear();
    ++generation_;
  }

  // Called with the lock held: drops expired entries, and when that is not enough, all.
  void make_room(Clock::time_point now) {
    if (entries_.size() < options_.max_entries) {
      return;
    }
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.loaded >= options_.ttl; });
    if (entries_.size() >= options_.max_entries) {
      entries_.clear();
    }
  }

  std::unique_ptr<TokenStore> inner_;
  TokenCacheOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t generation_ = 0;
};

}  // namespace

std::unique_ptr<TokenStore> cache_token_lookups(std::unique_ptr<TokenStore> inner,
                                                TokenCacheOptions options) {
  if (options.ttl <= std::chrono::milliseconds(0)) {
    return inner;
  }
  return std::make_unique<CachedTokenStore>(std::move(inner), std::move(options));
}

}  // namespace vitrine::store
