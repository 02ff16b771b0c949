#pragma once
// API tokens looked up by hash on every request they authenticate, remembered for a short
// time: a CI job posting hundreds of writes costs one database read per token per TTL
// instead of one per request. A decorator of any TokenStore.
//
// Staleness: a revoke through this store forgets every remembered token at once, so this
// process refuses a revoked token from the next request on. Another replica (another
// process on the same database) refuses it within `ttl`, the same bound VITRINE_CACHE_TTL
// sets for responses, until invalidations travel between replicas (Redis, a later release).

#include <chrono>
#include <functional>
#include <memory>

#include "store/store.hpp"

namespace vitrine::store {

struct TokenCacheOptions {
  std::chrono::milliseconds ttl{5000};  // zero: no cache, every lookup reads the store
  std::size_t max_entries = 4096;       // when full, expired entries go, then all
  std::function<std::chrono::steady_clock::time_point()> clock;  // empty: steady_clock
};

// `inner` itself when options.ttl is zero.
std::unique_ptr<TokenStore> cache_token_lookups(std::unique_ptr<TokenStore> inner,
                                                TokenCacheOptions options);

}  // namespace vitrine::store
