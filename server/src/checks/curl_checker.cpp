#include <memory>
#include <string>

#include "checks/curl_engine.hpp"
#include "checks/kinds.hpp"
#include "net/url_parts.hpp"
#include "obs/tracing.hpp"
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
    // A root span per check (shared: the callback must be copyable); an HTTP check carries
    // its traceparent, so a traced target links its work to this check.
    std::shared_ptr<obs::Span> span;
    if (obs::Span started = start_span(monitor); started.recording()) {
      span = std::make_shared<obs::Span>(std::move(started));
      if (monitor.kind == domain::MonitorKind::kHttp) {
        transfer->add_header("traceparent: " + span->traceparent());
      }
    }
    // The monitor is copied: the scheduler may replace its own while the check runs.
    engine_.add(transfer->easy(), [this, transfer, monitor, span, done = std::move(done)](
                                      CURL* /*easy*/, CURLcode code) {
      const TransferOutcome outcome = transfer->outcome(code);
      domain::CheckResult result = evaluate(monitor, transfer->started_us(), outcome);
      if (span) {
        finish_span(*span, outcome, result);
      }
      done(std::move(result));
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

  // OpenTelemetry's HTTP client conventions for http checks ("GET", url.full without
  // user-info or query); "check tcp"/"check tls" with the server's address for the others.
  [[nodiscard]] obs::Span start_span(const domain::Monitor& m) const {
    if (options_.tracer == nullptr || !options_.tracer->enabled()) {
      return {};
    }
    const bool http = m.kind == domain::MonitorKind::kHttp;
    obs::Span span = options_.tracer->start_root(
        http ? m.http.method : "check " + std::string(domain::to_string(m.kind)),
        obs::SpanKind::kClient);
    if (!span.recording()) {
      return span;
    }
    span.set("vitrine.monitor.id", m.id);
    span.set("vitrine.monitor.kind", std::string(domain::to_string(m.kind)));
    if (http) {
      span.set("http.request.method", m.http.method);
      if (const auto parts = net::url_parts(m.target)) {
        span.set("url.full", parts->redacted());
        span.set("server.address", parts->host);
        span.set("server.port", std::int64_t{parts->port});
      }
    } else if (const auto hp = domain::parse_host_port(m.target, std::uint16_t{443})) {
      span.set("server.address", hp->host);
      span.set("server.port", std::int64_t{hp->port});
      span.set("network.transport", std::string("tcp"));
    }
    return span;
  }

  static void finish_span(obs::Span& span, const TransferOutcome& outcome,
                          const domain::CheckResult& result) {
    if (outcome.status > 0) {
      span.set("http.response.status_code", std::int64_t{outcome.status});
    }
    span.set("vitrine.check.state", std::string(domain::to_string(result.state)));
    if (result.state == domain::CheckState::kDown) {
      span.set("error.type", std::string(domain::to_string(result.error)));
      span.set_status(obs::SpanStatus::kError, result.message);
    }
    span.end();
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
