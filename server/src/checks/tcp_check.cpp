#include "checks/kinds.hpp"

namespace vitrine::checks {
namespace {

std::string authority(const domain::HostPort& hp) {
  const bool v6 = hp.host.find(':') != std::string::npos;
  return (v6 ? "[" + hp.host + "]" : hp.host) + ":" + std::to_string(hp.port);
}

}  // namespace

// curl connects and stops (CONNECT_ONLY): for an http:// URL that is the TCP connection.
std::unique_ptr<Transfer> tcp_transfer(const domain::Monitor& m, const CheckerOptions& options) {
  const auto hp = domain::parse_host_port(m.target, std::nullopt).value_or(domain::HostPort{});
  auto t = std::make_unique<Transfer>(m, "http://" + authority(hp) + "/", options);
  curl_easy_setopt(t->easy(), CURLOPT_CONNECT_ONLY, 1L);
  return t;
}

domain::CheckResult evaluate_tcp(const domain::Monitor& m, std::int64_t at_us,
                                 const TransferOutcome& outcome) {
  if (outcome.code != CURLE_OK) {
    return failed_result(m, at_us, outcome);
  }
  domain::CheckResult r;
  r.monitor_id = m.id;
  r.at_us = at_us;
  r.timings = outcome.timings;
  return r;
}

// For an https:// URL, CONNECT_ONLY includes the TLS handshake, and curl collects the
// certificate chain (CERTINFO) during it.
std::unique_ptr<Transfer> tls_transfer(const domain::Monitor& m, const CheckerOptions& options) {
  const auto hp = domain::parse_host_port(m.target, 443).value_or(domain::HostPort{});
  auto t = std::make_unique<Transfer>(m, "https://" + authority(hp) + "/", options);
  curl_easy_setopt(t->easy(), CURLOPT_CONNECT_ONLY, 1L);
  if (!m.tls_verify) {
    curl_easy_setopt(t->easy(), CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(t->easy(), CURLOPT_SSL_VERIFYHOST, 0L);
  }
  return t;
}

domain::CheckResult evaluate_tls(const domain::Monitor& m, std::int64_t at_us,
                                 const TransferOutcome& outcome, int tls_warn_days) {
  if (outcome.code != CURLE_OK) {
    return failed_result(m, at_us, outcome);
  }
  domain::CheckResult r;
  r.monitor_id = m.id;
  r.at_us = at_us;
  r.timings = outcome.timings;
  if (!outcome.cert_expiry_us) {
    r.state = domain::CheckState::kDown;
    r.error = domain::CheckError::kTls;
    r.message = "the server presented no certificate";
    return r;
  }
  const int days = days_left(*outcome.cert_expiry_us, at_us);
  r.tls_days_left = days;
  if (*outcome.cert_expiry_us <= at_us) {
    r.state = domain::CheckState::kDown;
    r.error = domain::CheckError::kCertificate;
    r.message = "the certificate has expired";
  } else if (days < tls_warn_days) {
    r.state = domain::CheckState::kDegraded;
    r.error = domain::CheckError::kCertificate;
    r.message = "the certificate expires in " + std::to_string(days) + " days";
  }
  return r;
}

}  // namespace vitrine::checks
