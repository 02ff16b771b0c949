#pragma once
// Test helper: a log sink that keeps every line in memory.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "obs/log.hpp"

namespace vitrine::testing {

class MemorySink final : public obs::LogSink {
 public:
  void write(obs::Level /*level*/, std::string_view line) override {
    const std::lock_guard lock(mu_);
    lines_.emplace_back(line);
  }
  void flush() override {}
  std::vector<std::string> lines() {
    const std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

}  // namespace vitrine::testing
