#pragma once
// One check's curl transfer: the easy handle set up the way every kind shares, and what the
// transfer found (curl's result, phase timings, status, body, certificate expiry) in a
// plain struct the kinds' pure `evaluate_*` functions judge.

#include <curl/curl.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "checks/checker.hpp"
#include "domain/check_result.hpp"
#include "domain/monitor.hpp"

namespace vitrine::checks {

// The most of a response body kept for the body and JSON assertions.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20U;

struct TransferOutcome {
  CURLcode code = CURLE_OK;
  std::string error;  // curl's message for `code`
  domain::CheckTimings timings;
  int status = 0;                              // the last response's status (http)
  std::string body;                            // at most kMaxBodyBytes
  bool body_truncated = false;                 // the transfer stopped at kMaxBodyBytes
  std::optional<std::int64_t> cert_expiry_us;  // the leaf certificate's notAfter
};

class Transfer {
 public:
  // A handle set up for `monitor` with `url`: timeout, fresh connection (timings measure a
  // real connect), no signals, the CA bundle, certificate info.
  Transfer(const domain::Monitor& monitor, const std::string& url, const CheckerOptions& options);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  Transfer(Transfer&&) = delete;
  Transfer& operator=(Transfer&&) = delete;

  [[nodiscard]] CURL* easy() const { return easy_; }
  // Keeps the response body (up to kMaxBodyBytes) for assertions.
  void keep_body();
  // Accepts any certificate chain and host name (tls_verify: false).
  void skip_verification();
  // Request headers; the list lives as long as the transfer.
  void add_header(const std::string& line);
  // What the transfer found, once curl reported `code`.
  TransferOutcome outcome(CURLcode code);
  [[nodiscard]] std::int64_t started_us() const { return started_us_; }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);

  CURL* easy_;
  curl_slist* headers_ = nullptr;
  std::array<char, CURL_ERROR_SIZE> error_{};
  std::string body_;
  bool keep_body_ = false;
  bool truncated_ = false;
  std::int64_t started_us_;
};

// The error class and a message for a failed transfer.
domain::CheckError classify(CURLcode code);
// The result of a transfer that went through: up, with its timings and status; the kinds
// judge it further.
domain::CheckResult result_of(const domain::Monitor& monitor, std::int64_t at_us,
                              const TransferOutcome& outcome);
// A result that the transfer failed: down, classified, with what curl said.
domain::CheckResult failed_result(const domain::Monitor& monitor, std::int64_t at_us,
                                  const TransferOutcome& outcome);

// "Expire date:Nov 25 12:00:00 2027 GMT" (curl's certinfo, OpenSSL) → microseconds since
// the epoch; nullopt when the line is not one.
std::optional<std::int64_t> parse_cert_expiry(std::string_view certinfo_line);
// Whole days from `now_us` to `expiry_us`, rounded down (negative once expired).
int days_left(std::int64_t expiry_us, std::int64_t now_us);

}  // namespace vitrine::checks
