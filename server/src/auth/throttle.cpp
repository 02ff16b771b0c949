#include "auth/throttle.hpp"

#include <algorithm>

namespace vitrine::auth {

std::optional<std::chrono::seconds> LoginThrottle::blocked(Table& table, std::string_view key,
                                                           Clock::time_point now) const {
  const auto it = table.find(std::string(key));
  if (it == table.end()) {
    return std::nullopt;
  }
  if (now - it->second.last_failure >= policy_.forget_after) {
    table.erase(it);
    return std::nullopt;
  }
  if (now >= it->second.blocked_until) {
    return std::nullopt;
  }
  // Rounded up: a client that waits Retry-After seconds is let through.
  const auto left = std::chrono::ceil<std::chrono::seconds>(it->second.blocked_until - now);
  return std::max(left, std::chrono::seconds(1));
}

void LoginThrottle::count(Table& table, std::string_view key, unsigned free,
                          Clock::time_point now) const {
  if (table.size() >= policy_.max_entries && !table.contains(std::string(key))) {
    // Full: drop the entry whose last failure is oldest (a linear scan, only when full).
    const auto oldest = std::min_element(
        table.begin(), table.end(),
        [](const auto& a, const auto& b) { return a.second.last_failure < b.second.last_failure; });
    table.erase(oldest);
  }
  Entry& e = table[std::string(key)];
  if (e.failures > 0 && now - e.last_failure >= policy_.forget_after) {
    e = Entry{};
  }
  ++e.failures;
  e.last_failure = now;
  if (e.failures > free) {
    const unsigned doublings = std::min(e.failures - free - 1, 20U);
    const std::chrono::seconds delay = std::min<std::chrono::seconds>(
        policy_.first_delay * (std::int64_t{1} << doublings), policy_.max_delay);
    e.blocked_until = now + delay;
  }
}

std::optional<std::chrono::seconds> LoginThrottle::wait(std::string_view account,
                                                        std::string_view address,
                                                        Clock::time_point now) {
  const std::lock_guard lock(mu_);
  const auto a = blocked(accounts_, account, now);
  const auto b = blocked(addresses_, address, now);
  if (a && b) {
    return std::max(*a, *b);
  }
  return a ? a : b;
}

void LoginThrottle::failed(std::string_view account, std::string_view address,
                           Clock::time_point now) {
  const std::lock_guard lock(mu_);
  count(accounts_, account, policy_.free_failures_per_account, now);
  count(addresses_, address, policy_.free_failures_per_address, now);
}

void LoginThrottle::succeeded(std::string_view account) {
  const std::lock_guard lock(mu_);
  accounts_.erase(std::string(account));
}

}  // namespace vitrine::auth
