#pragma once
// `vitrine serve`: builds the long-lived objects from the configuration and runs the server
// until a signal.

#include <chrono>
#include <string>
#include <vector>

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

// Returns the process exit code: 0 after a requested shutdown, 1 when the server cannot
// start (the reason is logged).
int serve(const config::Config& config, const std::vector<std::string>& warnings,
          std::chrono::steady_clock::time_point process_start);

}  // namespace vitrine::app
