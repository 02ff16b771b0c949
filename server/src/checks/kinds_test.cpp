// The kinds' judgement of what a transfer found, on made-up outcomes; the transfers
// themselves run against real local servers in tests/test_monitors.py.
#include <gtest/gtest.h>

#include "checks/kinds.hpp"

namespace vitrine::checks {
namespace {

using domain::CheckError;
using domain::CheckState;

constexpr std::int64_t kDayUs = 86'400LL * 1'000'000;
constexpr std::int64_t kNow = 1'790'000'000LL * 1'000'000;

domain::Monitor http_monitor() {
  domain::Monitor m;
  m.id = "m";
  m.kind = domain::MonitorKind::kHttp;
  m.target = "https://example.com/";
  return m;
}

TransferOutcome ok(int status, std::string body = {}) {
  TransferOutcome o;
  o.status = status;
  o.body = std::move(body);
  return o;
}

TEST(EvaluateHttp, status_outside_the_accepted_ranges_is_down) {
  const auto r = evaluate_http(http_monitor(), kNow, ok(503), 14);
  EXPECT_EQ(r.state, CheckState::kDown);
  EXPECT_EQ(r.error, CheckError::kStatus);
  EXPECT_EQ(r.status_code, 503);
  EXPECT_EQ(r.message, "HTTP 503; accepted: 200-399");
}

TEST(EvaluateHttp, body_assertion_finds_the_substring) {
  domain::Monitor m = http_monitor();
  m.http.body_contains = "\"ok\"";
  EXPECT_EQ(evaluate_http(m, kNow, ok(200, R"({"status":"ok"})"), 14).state, CheckState::kUp);
  const auto r = evaluate_http(m, kNow, ok(200, "maintenance"), 14);
  EXPECT_EQ(r.error, CheckError::kBody);
}

TEST(EvaluateHttp, json_pointer_compares_values_not_text) {
  domain::Monitor m = http_monitor();
  m.http.json_pointer = "/db/ok";
  m.http.json_equals = "true";
  EXPECT_EQ(evaluate_http(m, kNow, ok(200, R"({"db": {"ok" : true}})"), 14).state, CheckState::kUp);
  auto r = evaluate_http(m, kNow, ok(200, R"({"db":{"ok":false}})"), 14);
  EXPECT_EQ(r.error, CheckError::kJson);
  EXPECT_EQ(r.message, "at /db/ok: expected true, got false");
  r = evaluate_http(m, kNow, ok(200, R"({"db":{}})"), 14);
  EXPECT_EQ(r.message, "no value at /db/ok");
  r = evaluate_http(m, kNow, ok(200, "<html>"), 14);
  EXPECT_EQ(r.message, "the body is not JSON");
}

TEST(EvaluateHttp, a_body_cut_at_the_limit_is_still_judged) {
  domain::Monitor m = http_monitor();
  m.http.body_contains = "needle";
  TransferOutcome o = ok(200, "haystack");
  o.code = CURLE_WRITE_ERROR;
  o.body_truncated = true;
  const auto r = evaluate_http(m, kNow, o, 14);
  EXPECT_EQ(r.error, CheckError::kBody);
  EXPECT_NE(r.message.find("first 1 MiB"), std::string::npos);
}

TEST(EvaluateHttp, transfer_errors_are_classified) {
  TransferOutcome o;
  o.code = CURLE_OPERATION_TIMEDOUT;
  o.error = "Operation timed out after 1000 milliseconds";
  const auto r = evaluate_http(http_monitor(), kNow, o, 14);
  EXPECT_EQ(r.state, CheckState::kDown);
  EXPECT_EQ(r.error, CheckError::kTimeout);
  EXPECT_EQ(r.message, o.error);
  EXPECT_EQ(classify(CURLE_COULDNT_RESOLVE_HOST), CheckError::kDns);
  EXPECT_EQ(classify(CURLE_COULDNT_CONNECT), CheckError::kConnect);
  EXPECT_EQ(classify(CURLE_PEER_FAILED_VERIFICATION), CheckError::kTls);
}

TEST(EvaluateHttp, an_https_certificate_near_expiry_degrades) {
  TransferOutcome o = ok(200);
  o.cert_expiry_us = kNow + 3 * kDayUs + 10;
  const auto r = evaluate_http(http_monitor(), kNow, o, 14);
  EXPECT_EQ(r.state, CheckState::kDegraded);
  EXPECT_EQ(r.tls_days_left, 3);
  o.cert_expiry_us = kNow + 30 * kDayUs;
  EXPECT_EQ(evaluate_http(http_monitor(), kNow, o, 14).state, CheckState::kUp);
}

TEST(EvaluateTls, expiry_decides_up_degraded_or_down) {
  domain::Monitor m;
  m.id = "t";
  m.kind = domain::MonitorKind::kTls;
  TransferOutcome o;
  o.cert_expiry_us = kNow + 20 * kDayUs;
  EXPECT_EQ(evaluate_tls(m, kNow, o, 14).state, CheckState::kUp);
  o.cert_expiry_us = kNow + 13 * kDayUs;
  EXPECT_EQ(evaluate_tls(m, kNow, o, 14).state, CheckState::kDegraded);
  o.cert_expiry_us = kNow - 1;
  const auto r = evaluate_tls(m, kNow, o, 14);
  EXPECT_EQ(r.state, CheckState::kDown);
  EXPECT_EQ(r.error, CheckError::kCertificate);
  EXPECT_EQ(r.tls_days_left, -1);
}

TEST(CertInfo, parses_openssl_expiry_lines) {
  EXPECT_EQ(parse_cert_expiry("Expire date:Nov  5 12:00:00 2027 GMT"),
            std::optional<std::int64_t>(1825416000LL * 1'000'000));
  EXPECT_FALSE(parse_cert_expiry("Start date:Nov  5 12:00:00 2026 GMT"));
  EXPECT_FALSE(parse_cert_expiry("Expire date:soon"));
  EXPECT_EQ(days_left(kNow + kDayUs - 1, kNow), 0);
  EXPECT_EQ(days_left(kNow - 1, kNow), -1);
}

}  // namespace
}  // namespace vitrine::checks
