#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "checks/kinds.hpp"
#include "util/text.hpp"

namespace vitrine::checks {
namespace {

using domain::CheckError;
using domain::CheckResult;
using domain::CheckState;

constexpr std::size_t kQuoteMax = 120;  // bytes of a value quoted in a message

std::string quoted(std::string text) {
  if (text.size() > kQuoteMax) {
    text.resize(kQuoteMax);
    text += "...";
  }
  return text;
}

std::string accepted_text(const std::vector<domain::StatusRange>& ranges) {
  std::string out;
  for (const domain::StatusRange& r : ranges) {
    out += out.empty() ? "" : ", ";
    out += domain::to_string(r);
  }
  return out;
}

CheckResult down(CheckResult r, CheckError error, std::string message) {
  r.state = CheckState::kDown;
  r.error = error;
  r.message = std::move(message);
  return r;
}

// The JSON assertion: the value at json_pointer equals json_equals. Empty when it holds.
std::optional<std::string> json_mismatch(const domain::HttpSettings& h, const std::string& body) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    return "the body is not JSON";
  }
  try {
    const nlohmann::json::json_pointer pointer(h.json_pointer);
    if (!doc.contains(pointer)) {
      return fmt::format("no value at {}", h.json_pointer);
    }
    const nlohmann::json& actual = doc.at(pointer);
    if (actual != nlohmann::json::parse(h.json_equals)) {
      return fmt::format("at {}: expected {}, got {}", h.json_pointer, quoted(h.json_equals),
                         quoted(actual.dump()));
    }
  } catch (const nlohmann::json::exception& e) {
    return fmt::format("json_pointer {}: {}", h.json_pointer, e.what());
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<Transfer> http_transfer(const domain::Monitor& m, const CheckerOptions& options) {
  auto t = std::make_unique<Transfer>(m, m.target, options);
  CURL* easy = t->easy();
  const domain::HttpSettings& h = m.http;
  if (h.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (h.method != "GET" || !h.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, h.method.c_str());
  }
  if (!h.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(h.body.size()));
    // A copy: the transfer may outlive this monitor value (an update replaces it).
    curl_easy_setopt(easy, CURLOPT_COPYPOSTFIELDS, h.body.c_str());
  }
  for (const domain::HttpHeader& header : h.headers) {
    t->add_header(header.name + ": " + header.value);
  }
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, h.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(h.max_redirects));
  if (!m.tls_verify) {
    t->skip_verification();
  }
  if (!h.body_contains.empty() || !h.json_pointer.empty()) {
    t->keep_body();
  }
  return t;
}

CheckResult evaluate_http(const domain::Monitor& m, std::int64_t at_us,
                          const TransferOutcome& outcome, int tls_warn_days) {
  // A body cut at kMaxBodyBytes is a complete enough answer to judge.
  if (outcome.code != CURLE_OK && !(outcome.code == CURLE_WRITE_ERROR && outcome.body_truncated)) {
    return failed_result(m, at_us, outcome);
  }
  CheckResult r = result_of(m, at_us, outcome);
  const domain::HttpSettings& h = m.http;
  if (!domain::accepts(h.accepted_status, outcome.status)) {
    return down(
        std::move(r), CheckError::kStatus,
        fmt::format("HTTP {}; accepted: {}", outcome.status, accepted_text(h.accepted_status)));
  }
  if (!h.body_contains.empty() && outcome.body.find(h.body_contains) == std::string::npos) {
    return down(
        std::move(r), CheckError::kBody,
        fmt::format("the body{} does not contain \"{}\"",
                    outcome.body_truncated ? " (first 1 MiB)" : "", quoted(h.body_contains)));
  }
  if (!h.json_pointer.empty()) {
    if (auto mismatch = json_mismatch(h, outcome.body)) {
      return down(std::move(r), CheckError::kJson, std::move(*mismatch));
    }
  }
  if (outcome.cert_expiry_us) {
    r.tls_days_left = days_left(*outcome.cert_expiry_us, at_us);
    if (*r.tls_days_left < tls_warn_days) {
      r.state = CheckState::kDegraded;
      r.error = CheckError::kCertificate;
      r.message = fmt::format("the certificate expires in {} days", *r.tls_days_left);
    }
  }
  return r;
}

}  // namespace vitrine::checks
