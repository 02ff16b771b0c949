#pragma once
// The middleware of the HTTP pipeline, outermost first as app/pipeline.cpp assembles them.

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/middleware/middleware.hpp"
#include "http/problem.hpp"
#include "net/address_range.hpp"
#include "obs/log.hpp"
#include "obs/tracing.hpp"

namespace vitrine::obs {
class HttpMetrics;
}

namespace vitrine::http {

class Router;

// Replaces the peer address by the client's when the peer is a trusted reverse proxy
// (X-Forwarded-For; http/client_address.hpp). Outermost: every log line and the audit see
// the client.
class ClientAddressMiddleware final : public Middleware {
 public:
  explicit ClientAddressMiddleware(std::vector<net::AddressRange> trusted)
      : trusted_(std::move(trusted)) {}
  Response handle(Request& request, const Next& next) override;

 private:
  std::vector<net::AddressRange> trusted_;
};

// Accepts a sane X-Request-Id (1-128 of [A-Za-z0-9._:-]) or makes one; echoes it.
class RequestIdMiddleware final : public Middleware {
 public:
  Response handle(Request& request, const Next& next) override;
  static bool is_acceptable(std::string_view id);
};

// Continues the caller's W3C trace (traceparent) or starts one; new span per request. A
// sampled request is recorded as an OpenTelemetry server span (HTTP semantic conventions)
// and is the current span while handled, so database calls become its children.
class TraceMiddleware final : public Middleware {
 public:
  explicit TraceMiddleware(const obs::Tracer& tracer) : tracer_(tracer) {}
  Response handle(Request& request, const Next& next) override;

 private:
  const obs::Tracer& tracer_;
};

// One line per request; also makes request and trace ids part of every log line written
// while the request is handled.
class AccessLogMiddleware final : public Middleware {
 public:
  explicit AccessLogMiddleware(const obs::Logger& logger) : log_(logger.child("access")) {}
  Response handle(Request& request, const Next& next) override;

 private:
  obs::Logger log_;
};

// RED metrics by method, route template and status; in-flight gauge.
class MetricsMiddleware final : public Middleware {
 public:
  explicit MetricsMiddleware(obs::HttpMetrics& metrics) : metrics_(metrics) {}
  Response handle(Request& request, const Next& next) override;

 private:
  obs::HttpMetrics& metrics_;
};

// The Content-Security-Policy of HTML pages: everything from this origin, no inline scripts
// or styles. A handler whose 304 revalidates a page sets it itself: a 304 has no content
// type to tell a page by, and browsers store the headers of a 304 with the cached page.
inline constexpr std::string_view kPageSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// nosniff, Referrer-Policy, frame denial, a CSP (strict for API responses, a page policy
// for HTML) and HSTS when the public URL is https.
class SecurityHeadersMiddleware final : public Middleware {
 public:
  explicit SecurityHeadersMiddleware(bool hsts) : hsts_(hsts) {}
  Response handle(Request& request, const Next& next) override;

 private:
  bool hsts_;
};

// CORS for an allowlist of exact origins (with credentials) or "*" (without); answers
// preflights itself.
class CorsMiddleware final : public Middleware {
 public:
  CorsMiddleware(std::vector<std::string> origins, const Router& router);
  Response handle(Request& request, const Next& next) override;

 private:
  [[nodiscard]] bool allowed(std::string_view origin) const;
  Response preflight(Request& request, std::string_view origin, const Next& next) const;
  void decorate(Response& response, std::string_view origin) const;

  std::vector<std::string> origins_;
  bool any_origin_;
  const Router& router_;
};

// Maps what handlers throw to problem+json: ProblemError to its type, anything else to a
// 500 whose details go to the log only.
// Turns exceptions into problem responses: ProblemError as it says, exceptions of the
// layers above HTTP through `translate` (store errors, mapped in api/), anything else 500.
class ErrorBoundaryMiddleware final : public Middleware {
 public:
  using Translator = std::function<std::optional<ProblemError>(const std::exception&)>;
  ErrorBoundaryMiddleware(const obs::Logger& logger, Translator translate)
      : log_(logger.child("http")), translate_(std::move(translate)) {}
  Response handle(Request& request, const Next& next) override;

 private:
  obs::Logger log_;
  Translator translate_;
};

}  // namespace vitrine::http
