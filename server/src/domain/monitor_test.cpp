#include "domain/monitor.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace vitrine::domain {
namespace {

Monitor http_monitor() {
  Monitor m;
  m.name = "api";
  m.kind = MonitorKind::kHttp;
  m.target = "https://example.com/healthz";
  return m;
}

bool has_error(const std::vector<FieldError>& errors, std::string_view field,
               std::string_view code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

TEST(MonitorValidation, accepts_the_defaults_of_an_http_monitor) {
  EXPECT_TRUE(validate(http_monitor(), kDefaultMinIntervalS).empty());
}

TEST(MonitorValidation, interval_follows_the_servers_floor_and_a_day) {
  Monitor m = http_monitor();
  m.interval_s = 5;
  EXPECT_TRUE(has_error(validate(m, 10), "interval", "out_of_range"));
  m.timeout_ms = 1000;
  EXPECT_TRUE(validate(m, 1).empty());
  m.interval_s = kMaxIntervalS + 1;
  EXPECT_TRUE(has_error(validate(m, 10), "interval", "out_of_range"));
}

TEST(MonitorValidation, timeout_must_fit_in_the_interval) {
  Monitor m = http_monitor();
  m.interval_s = 10;
  m.timeout_ms = 10'001;
  EXPECT_TRUE(has_error(validate(m, 10), "timeout", "out_of_range"));
  m.timeout_ms = 50;
  EXPECT_TRUE(has_error(validate(m, 10), "timeout", "out_of_range"));
}

TEST(MonitorValidation, rejects_header_injection_and_reserved_headers) {
  Monitor m = http_monitor();
  m.http.headers = {{"X-Ok", "a\r\nX-Evil: 1"}, {"Bad Name", "v"}, {"Host", "other"}};
  const auto errors = validate(m, 10);
  EXPECT_TRUE(has_error(errors, "http/headers/0/value", "invalid_format"));
  EXPECT_TRUE(has_error(errors, "http/headers/1/name", "invalid_format"));
  EXPECT_TRUE(has_error(errors, "http/headers/2/name", "reserved"));
}

TEST(MonitorValidation, json_pointer_and_value_go_together) {
  Monitor m = http_monitor();
  m.http.json_pointer = "/status";
  EXPECT_TRUE(has_error(validate(m, 10), "http/json_equals", "required"));
  m.http.json_equals = "\"ok\"";
  EXPECT_TRUE(validate(m, 10).empty());
  m.http.json_pointer = "status";
  EXPECT_TRUE(has_error(validate(m, 10), "http/json_pointer", "invalid_format"));
}

TEST(MonitorValidation, targets_follow_the_kind) {
  Monitor m = http_monitor();
  m.target = "ftp://example.com";
  EXPECT_TRUE(has_error(validate(m, 10), "target", "invalid_url"));
  m.kind = MonitorKind::kTcp;
  m.target = "db.lan:5432";
  EXPECT_TRUE(validate(m, 10).empty());
  m.target = "db.lan";
  EXPECT_TRUE(has_error(validate(m, 10), "target", "invalid_format"));
  m.kind = MonitorKind::kTls;
  EXPECT_TRUE(validate(m, 10).empty());  // port 443
  m.kind = MonitorKind::kPush;
  EXPECT_TRUE(has_error(validate(m, 10), "target", "invalid_value"));
  m.target.clear();
  EXPECT_TRUE(validate(m, 10).empty());
}

TEST(HostPort, parses_names_ipv4_and_bracketed_ipv6) {
  auto hp = parse_host_port("[::1]:8443", std::nullopt);
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->host, "::1");
  EXPECT_EQ(hp->port, 8443);
  hp = parse_host_port("example.com", 443);
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->port, 443);
  EXPECT_FALSE(parse_host_port("::1:80", std::nullopt));
  EXPECT_FALSE(parse_host_port("host:0", std::nullopt));
  EXPECT_FALSE(parse_host_port("host:65536", std::nullopt));
  EXPECT_FALSE(parse_host_port("host:", 443));
  EXPECT_FALSE(parse_host_port("[example.com]:80", std::nullopt));
  EXPECT_FALSE(parse_host_port("a b:80", std::nullopt));
}

TEST(StatusRange, parses_codes_and_ranges_within_100_to_599) {
  EXPECT_EQ(parse_status_range("204"), (StatusRange{204, 204}));
  EXPECT_EQ(parse_status_range("200-299"), (StatusRange{200, 299}));
  EXPECT_FALSE(parse_status_range("299-200"));
  EXPECT_FALSE(parse_status_range("99"));
  EXPECT_FALSE(parse_status_range("200-600"));
  EXPECT_FALSE(parse_status_range("2xx"));
  EXPECT_TRUE(accepts({{200, 299}, {404, 404}}, 404));
  EXPECT_FALSE(accepts({{200, 299}}, 301));
}

}  // namespace
}  // namespace vitrine::domain
