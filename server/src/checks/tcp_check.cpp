#include "checks/kinds.hpp"

namespace vitrine::checks {
namespace {

// curl connects and stops (CONNECT_ONLY) at `scheme`://target: for http that is the TCP
// connection; for https it includes the TLS handshake, during which curl collects the
// certificate chain (CERTINFO).
std::unique_ptr<Transfer> connect_only(const domain::Monitor& m, std::string_view scheme,
                                       std::optional<std::uint16_t> default_port,
                                       const CheckerOptions& options) {
  const auto hp = domain::parse_host_port(m.target, default_port).value_or(domain::HostPort{});
  const bool v6 = hp.host.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + hp.host + "]" : hp.host;
  auto t = std::make_unique<Transfer>(
      m, std::string(scheme) + "://" + host + ":" + std::to_string(hp.port) + "/", options);
  curl_easy_setopt(t->easy(), CURLOPT_CONNECT_ONLY, 1L);
  return t;
}

}  // namespace

std::unique_ptr<Transfer> tcp_transfer(const domain::Monitor& m, const CheckerOptions& options) {
  return connect_only(m, "http", std::nullopt, options);
}

domain::CheckResult evaluate_tcp(const domain::Monitor& m, std::int64_t at_us,
                                 const TransferOutcome& outcome) {
  return outcome.code == CURLE_OK ? result_of(m, at_us, outcome) : failed_result(m, at_us, outcome);
}

std::unique_ptr<Transfer> tls_transfer(const domain::Monitor& m, const CheckerOptions& options) {
  auto t = connect_only(m, "https", 443, options);
  if (!m.tls_verify) {
    t->skip_verification();
  }
  return t;
}

domain::CheckResult evaluate_tls(const domain::Monitor& m, std::int64_t at_us,
                                 const TransferOutcome& outcome, int tls_warn_days) {
  if (outcome.code != CURLE_OK) {
    return failed_result(m, at_us, outcome);
  }
  domain::CheckResult r = result_of(m, at_us, outcome);
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
