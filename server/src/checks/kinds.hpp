#pragma once
// The check kinds run over curl: how each sets up its transfer and judges what it found.
// The `evaluate_*` functions are pure (unit-tested with made-up outcomes).

#include <cstdint>
#include <memory>

#include "checks/transfer.hpp"

namespace vitrine::checks {

// http: the monitor's request; follows redirects up to max_redirects.
std::unique_ptr<Transfer> http_transfer(const domain::Monitor& monitor,
                                        const CheckerOptions& options);
domain::CheckResult evaluate_http(const domain::Monitor& monitor, std::int64_t at_us,
                                  const TransferOutcome& outcome, int tls_warn_days);

// tcp: a connection within the timeout, nothing sent.
std::unique_ptr<Transfer> tcp_transfer(const domain::Monitor& monitor,
                                       const CheckerOptions& options);
domain::CheckResult evaluate_tcp(const domain::Monitor& monitor, std::int64_t at_us,
                                 const TransferOutcome& outcome);

// tls: a TLS handshake (chain and host name verified unless tls.verify is false); the leaf
// certificate's days left decide up, degraded (below tls_warn_days) or down (expired).
std::unique_ptr<Transfer> tls_transfer(const domain::Monitor& monitor,
                                       const CheckerOptions& options);
domain::CheckResult evaluate_tls(const domain::Monitor& monitor, std::int64_t at_us,
                                 const TransferOutcome& outcome, int tls_warn_days);

}  // namespace vitrine::checks
