#include <memory>

#include "checks/curl_engine.hpp"
#include "checks/kinds.hpp"
#include "util/time.hpp"

namespace vitrine::checks {
namespace {

class CurlChecker final : public Checker {
 public:
  CurlChecker(CurlEngine& engine, CheckerOptions options)
      : engine_(engine), options_(std::move(options)) {}

  void check(const domain::Monitor& monitor, Done done) override {
    std::shared_ptr<Transfer> transfer;
    try {
      transfer = start(monitor);
    } catch (const std::exception& e) {
      done(internal_error(monitor, e.what()));
      return;
    }
    if (!transfer) {
      done(internal_error(monitor, "this kind of monitor is not run by a checker"));
      return;
    }
    // The monitor is copied: the scheduler may replace its own while the check runs.
    engine_.add(transfer->easy(),
                [this, transfer, monitor, done = std::move(done)](CURL* /*easy*/, CURLcode code) {
                  done(evaluate(monitor, transfer->started_us(), transfer->outcome(code)));
                });
  }

 private:
  [[nodiscard]] std::shared_ptr<Transfer> start(const domain::Monitor& m) const {
    switch (m.kind) {
      case domain::MonitorKind::kHttp:
        return http_transfer(m, options_);
      case domain::MonitorKind::kTcp:
        return tcp_transfer(m, options_);
      case domain::MonitorKind::kTls:
        return tls_transfer(m, options_);
      case domain::MonitorKind::kPush:
        return nullptr;
    }
    return nullptr;
  }

  [[nodiscard]] domain::CheckResult evaluate(const domain::Monitor& m, std::int64_t at_us,
                                             const TransferOutcome& outcome) const {
    switch (m.kind) {
      case domain::MonitorKind::kHttp:
        return evaluate_http(m, at_us, outcome, options_.tls_warn_days);
      case domain::MonitorKind::kTcp:
        return evaluate_tcp(m, at_us, outcome);
      case domain::MonitorKind::kTls:
        return evaluate_tls(m, at_us, outcome, options_.tls_warn_days);
      case domain::MonitorKind::kPush:
        break;
    }
    return internal_error(m, "this kind of monitor is not run by a checker");
  }

  static domain::CheckResult internal_error(const domain::Monitor& m, std::string message) {
    domain::CheckResult r;
    r.monitor_id = m.id;
    r.at_us = util::now_us();
    r.state = domain::CheckState::kDown;
    r.error = domain::CheckError::kInternal;
    r.message = std::move(message);
    return r;
  }

  CurlEngine& engine_;
  CheckerOptions options_;
};

}  // namespace

std::unique_ptr<Checker> make_curl_checker(CurlEngine& engine, CheckerOptions options) {
  return std::make_unique<CurlChecker>(engine, std::move(options));
}

}  // namespace vitrine::checks
