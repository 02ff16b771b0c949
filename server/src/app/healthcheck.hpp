#pragma once
// `vitrine healthcheck`: GET /healthz on the local server with plain sockets (no curl in the
// container image).

#include <chrono>
#include <cstdint>
#include <string>

namespace vitrine::app {

struct HealthcheckResult {
  bool healthy = false;
  std::string message;  // the status line, or why no answer came
};

// A wildcard listen address (0.0.0.0, ::) is probed on the matching loopback address.
HealthcheckResult healthcheck(const std::string& host, std::uint16_t port,
                              std::chrono::milliseconds timeout);

}  // namespace vitrine::app
