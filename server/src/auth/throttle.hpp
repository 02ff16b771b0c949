#pragma once
// Brute-force protection for sign-in: failures are counted per account (the email key,
// whether or not the account exists) and per client address. A few failures are free; after
// that each failure doubles the wait before the next attempt is even checked (1 s, 2 s,
// 4 s ... up to 15 minutes), counted from when the failure is known (after the password
// check, however long that took). A success clears the account's count; a quiet quarter of an
// hour clears either. Memory is bounded: the oldest entries go first.
//
// Per process: with several replicas each counts its own attempts (a shared Redis counter
// is on the roadmap).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vitrine::auth {

struct ThrottlePolicy {
  unsigned free_failures_per_account = 5;
  unsigned free_failures_per_address = 20;
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{15 * 60};
  std::chrono::seconds forget_after{15 * 60};  // no failure for this long: the count resets
  std::size_t max_entries = 100'000;           // per table
};

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  // How long the caller must wait before this attempt may be checked, or nullopt to go on.
  [[nodiscard]] std::optional<std::chrono::seconds> wait(std::string_view account,
                                                         std::string_view address,
                                                         Clock::time_point now);
  void failed(std::string_view account, std::string_view address, Clock::time_point now);
  void succeeded(std::string_view account);

 private:
  struct Entry {
    unsigned failures = 0;
    Clock::time_point last_failure{};
    Clock::time_point blocked_until{};
  };
  using Table = std::unordered_map<std::string, Entry>;

  std::optional<std::chrono::seconds> blocked(Table& table, std::string_view key,
                                              Clock::time_point now) const;
  void count(Table& table, std::string_view key, unsigned free, Clock::time_point now) const;

  ThrottlePolicy policy_;
  std::mutex mu_;
  Table accounts_;
  Table addresses_;
};

}  // namespace vitrine::auth
