#pragma once
// Waiting for a condition in tests: polls `done` until it holds or `timeout` passes. For
// state another thread changes without a signal the test can wait on.

#include <chrono>
#include <thread>

namespace vitrine::testing {

template <typename Predicate>
bool wait_for(Predicate done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace vitrine::testing
