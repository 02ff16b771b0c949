#pragma once
// Runs one check of a monitor and reports its result: the part a remote probe will share.
// Scheduling (scheduler.hpp) and storing results (result_writer.hpp) are elsewhere.

#include <functional>
#include <memory>
#include <string>

#include "domain/check_result.hpp"
#include "domain/monitor.hpp"

namespace vitrine::obs {
class Tracer;
}

namespace vitrine::checks {

class CurlEngine;

class Checker {
 public:
  using Done = std::function<void(domain::CheckResult)>;
  virtual ~Checker() = default;
  // Starts a check of `monitor` (http, tcp or tls; push monitors are never run) now. `done`
  // runs once, on the engine's loop thread. Call on the loop thread.
  virtual void check(const domain::Monitor& monitor, Done done) = 0;
};

struct CheckerOptions {
  std::string ca_file;     // trusted CAs instead of the system bundle; empty: the system's
  int tls_warn_days = 14;  // a certificate expiring sooner makes the check degraded
  // Each check a client span of its own trace (HTTP checks send its traceparent); null: none.
  const obs::Tracer* tracer = nullptr;
};

std::unique_ptr<Checker> make_curl_checker(CurlEngine& engine, CheckerOptions options);

}  // namespace vitrine::checks
