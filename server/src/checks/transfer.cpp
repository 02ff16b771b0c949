#include "checks/transfer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <new>
#include <string_view>

#include "util/time.hpp"

namespace vitrine::checks {
namespace {

constexpr std::string_view kUserAgent = "vitrine-check/" VITRINE_VERSION;

std::int64_t info_us(CURL* easy, CURLINFO what) {
  curl_off_t value = 0;
  curl_easy_getinfo(easy, what, &value);
  return value;
}

// Phase durations from curl's cumulative times (each measured from the start).
domain::CheckTimings timings_of(CURL* easy) {
  const std::int64_t lookup = info_us(easy, CURLINFO_NAMELOOKUP_TIME_T);
  const std::int64_t connect = info_us(easy, CURLINFO_CONNECT_TIME_T);
  const std::int64_t tls = info_us(easy, CURLINFO_APPCONNECT_TIME_T);
  const std::int64_t first_byte = info_us(easy, CURLINFO_STARTTRANSFER_TIME_T);
  domain::CheckTimings t;
  t.total_us = info_us(easy, CURLINFO_TOTAL_TIME_T);
  t.dns_us = connect > 0 || lookup > 0 ? lookup : -1;
  t.connect_us = connect > 0 ? connect - lookup : -1;
  t.tls_us = tls > 0 ? tls - connect : -1;
  t.first_byte_us = first_byte > 0 ? first_byte - std::max(tls, connect) : -1;
  return t;
}

std::optional<std::int64_t> leaf_expiry(CURL* easy) {
  curl_certinfo* info = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || info == nullptr ||
      info->num_of_certs < 1) {
    return std::nullopt;
  }
  for (curl_slist* line = info->certinfo[0]; line != nullptr; line = line->next) {
    if (auto expiry = parse_cert_expiry(line->data)) {
      return expiry;
    }
  }
  return std::nullopt;
}

}  // namespace

Transfer::Transfer(const domain::Monitor& monitor, const std::string& url,
                   const CheckerOptions& options)
    : easy_(curl_easy_init()), started_us_(util::now_us()) {
  if (easy_ == nullptr) {
    throw std::bad_alloc();
  }
  curl_easy_setopt(easy_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_.data());
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(monitor.timeout_ms));
  // A check measures a real connection: no reuse from an earlier check.
  curl_easy_setopt(easy_, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(easy_, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, kUserAgent.data());
  curl_easy_setopt(easy_, CURLOPT_CERTINFO, 1L);
  if (!options.ca_file.empty()) {
    curl_easy_setopt(easy_, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  // Without a body callback curl would write the body to stdout.
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
}

Transfer::~Transfer() {
  curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

void Transfer::keep_body() { keep_body_ = true; }

void Transfer::skip_verification() {
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, 0L);
}

void Transfer::add_header(const std::string& line) {
  headers_ = curl_slist_append(headers_, line.c_str());
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t n = size * count;
  if (!t->keep_body_) {
    return n;  // no assertion reads the body: discard it
  }
  if (t->body_.size() + n > kMaxBodyBytes) {
    t->truncated_ = true;
    return 0;  // enough to judge: stop the transfer (CURLE_WRITE_ERROR)
  }
  t->body_.append(data, n);
  return n;
}

TransferOutcome Transfer::outcome(CURLcode code) {
  TransferOutcome o;
  o.code = code;
  o.error = error_[0] != '\0' ? std::string(error_.data()) : std::string(curl_easy_strerror(code));
  o.timings = timings_of(easy_);
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  o.status = static_cast<int>(status);
  o.body = std::move(body_);
  o.body_truncated = truncated_;
  o.cert_expiry_us = leaf_expiry(easy_);
  return o;
}

domain::CheckError classify(CURLcode code) {
  using domain::CheckError;
  switch (code) {
    case CURLE_OK:
      return CheckError::kNone;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return CheckError::kDns;
    case CURLE_OPERATION_TIMEDOUT:
      return CheckError::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return CheckError::kTls;
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FAILED_INIT:
      return CheckError::kInternal;
    case CURLE_TOO_MANY_REDIRECTS:
      return CheckError::kStatus;
    default:
      return CheckError::kConnect;
  }
}

domain::CheckResult result_of(const domain::Monitor& monitor, std::int64_t at_us,
                              const TransferOutcome& outcome) {
  domain::CheckResult r;
  r.monitor_id = monitor.id;
  r.at_us = at_us;
  r.timings = outcome.timings;
  r.status_code = outcome.status;
  return r;
}

domain::CheckResult failed_result(const domain::Monitor& monitor, std::int64_t at_us,
                                  const TransferOutcome& outcome) {
  domain::CheckResult r = result_of(monitor, at_us, outcome);
  r.state = domain::CheckState::kDown;
  r.error = classify(outcome.code);
  r.message = outcome.error;
  return r;
}

std::optional<std::int64_t> parse_cert_expiry(std::string_view line) {
  constexpr std::string_view kPrefix = "Expire date:";
  if (line.substr(0, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  const std::string text(line.substr(kPrefix.size()));
  std::tm tm{};
  // OpenSSL's ASN1_TIME_print form: "Nov 25 12:00:00 2027 GMT" (day space-padded).
  const char* end = strptime(text.c_str(), " %b %d %H:%M:%S %Y GMT", &tm);
  if (end == nullptr || *end != '\0') {
    return std::nullopt;
  }
  const std::time_t t = timegm(&tm);
  return static_cast<std::int64_t>(t) * 1'000'000;
}

int days_left(std::int64_t expiry_us, std::int64_t now_us) {
  constexpr std::int64_t kDayUs = 86'400LL * 1'000'000;
  const std::int64_t diff = expiry_us - now_us;
  // Round toward minus infinity: 1 second after expiry is day -1, not day 0.
  return static_cast<int>(diff >= 0 ? diff / kDayUs : -((-diff + kDayUs - 1) / kDayUs));
}

}  // namespace vitrine::checks
