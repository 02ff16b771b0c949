#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/middleware/middlewares.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "obs/metrics.hpp"
#include "obs/readiness.hpp"

namespace vitrine::http {
namespace {

class NullSink final : public obs::LogSink {
 public:
  void write(obs::Level /*level*/, std::string_view line) override { last = std::string(line); }
  void flush() override {}
  std::string last;
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(Method::kGet, "/api/v1/things",
                [](const Request&) { return Response::json(200, "[]"); });
    router_.add(Method::kPost, "/api/v1/things", [](const Request&) -> Response {
      throw std::runtime_error("SELECT * FROM secrets WHERE path='/etc/shadow'");
    });
    router_.add(Method::kDelete, "/api/v1/things", [](const Request&) -> Response {
      throw ProblemError(problems::kBadRequest, "thing is not deletable");
    });
  }

  Pipeline make(std::vector<std::string> origins) {
    std::vector<std::unique_ptr<Middleware>> chain;
    chain.push_back(std::make_unique<RequestIdMiddleware>());
    chain.push_back(std::make_unique<TraceMiddleware>(tracer_));
    chain.push_back(std::make_unique<AccessLogMiddleware>(log_));
    chain.push_back(std::make_unique<MetricsMiddleware>(http_metrics_));
    chain.push_back(std::make_unique<SecurityHeadersMiddleware>(true));
    chain.push_back(std::make_unique<CorsMiddleware>(std::move(origins), router_));
    chain.push_back(std::make_unique<ErrorBoundaryMiddleware>(log_, nullptr));
    return {std::move(chain), router_};
  }

  static Request request(Method m, std::string_view path, std::vector<Header> headers = {}) {
    Request r;
    r.method = m;
    r.method_text = to_string(m);
    r.path = path;
    r.target = path;
    r.headers = std::move(headers);
    return r;
  }

  std::shared_ptr<NullSink> sink_ = std::make_shared<NullSink>();
  obs::Logger log_{"test", sink_, obs::Level::kDebug, obs::Format::kJson};
  obs::MetricsRegistry metrics_{"1.0.0", "abc"};
  obs::HttpMetrics http_metrics_{metrics_};
  struct Spans final : obs::SpanSink {
    void submit(obs::SpanData span) override { all.push_back(std::move(span)); }
    std::vector<obs::SpanData> all;
  } spans_;
  obs::Tracer tracer_{&spans_, 1.0};
  Router router_;
};

TEST_F(PipelineTest, echoes_a_sane_request_id_and_replaces_an_insane_one) {
  Pipeline p = make({});
  auto good = request(Method::kGet, "/api/v1/things", {{"X-Request-Id", "abc-123.x:y"}});
  EXPECT_EQ(p.handle(good).header("X-Request-Id").value_or(""), "abc-123.x:y");
  auto bad = request(Method::kGet, "/api/v1/things", {{"X-Request-Id", "bad id\twith <html>"}});
  const Response replaced = p.handle(bad);
  const auto id = replaced.header("X-Request-Id").value_or("");
  EXPECT_EQ(id.size(), 32U);
  EXPECT_TRUE(RequestIdMiddleware::is_acceptable(id));
  EXPECT_FALSE(RequestIdMiddleware::is_acceptable(std::string(129, 'a')));
}

TEST_F(PipelineTest, access_log_carries_request_and_trace_ids) {
  Pipeline p = make({});
  auto r = request(Method::kGet, "/api/v1/things",
                   {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
                    {"X-Request-Id", "rid-1"}});
  (void)p.handle(r);
  const auto j = nlohmann::json::parse(sink_->last);
  EXPECT_EQ(j["request_id"], "rid-1");
  EXPECT_EQ(j["trace_id"], "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(j["route"], "/api/v1/things");
  EXPECT_EQ(j["status"], 200);
}

TEST_F(PipelineTest, a_server_error_is_an_error_span_named_by_route) {
  Pipeline p = make({});
  auto r = request(Method::kPost, "/api/v1/things");
  EXPECT_EQ(p.handle(r).status(), 500);
  ASSERT_EQ(spans_.all.size(), 1U);
  const obs::SpanData& span = spans_.all[0];
  EXPECT_EQ(span.name, "POST /api/v1/things");
  EXPECT_EQ(span.kind, obs::SpanKind::kServer);
  EXPECT_EQ(span.status, obs::SpanStatus::kError);
  EXPECT_EQ(span.trace_id, r.trace.trace_id);
  EXPECT_EQ(span.span_id, r.trace.span_id);
  const auto error = std::find_if(span.attributes.begin(), span.attributes.end(),
                                  [](const obs::Attribute& a) { return a.key == "error.type"; });
  ASSERT_NE(error, span.attributes.end());
  EXPECT_EQ(std::get<std::string>(error->value), "500");
}

TEST_F(PipelineTest, a_request_moved_to_the_blocking_pool_records_one_span_not_two) {
  router_.add(Method::kGet, "/api/v1/slow", [](const Request& req) -> Response {
    require_blocking(req);
    return Response::json(200, "{}");
  });
  Pipeline p = make({});
  auto r = request(Method::kGet, "/api/v1/slow");
  EXPECT_THROW((void)p.handle(r), OffloadRequired);
  EXPECT_TRUE(spans_.all.empty());
  r.may_block = true;
  EXPECT_EQ(p.handle(r).status(), 200);
  EXPECT_EQ(spans_.all.size(), 1U);
}

TEST_F(PipelineTest, unexpected_exception_is_a_500_without_internals) {
  Pipeline p = make({});
  auto r = request(Method::kPost, "/api/v1/things");
  const Response res = p.handle(r);
  EXPECT_EQ(res.status(), 500);
  EXPECT_EQ(res.content_type(), kProblemContentType);
  EXPECT_EQ(res.body().find("SELECT"), std::string::npos);
  EXPECT_EQ(res.body().find("/etc/shadow"), std::string::npos);
  const auto j = nlohmann::json::parse(res.body());
  EXPECT_EQ(j["type"], "urn:vitrine:problem:internal-error");
  EXPECT_EQ(j["request_id"], r.request_id);
}

TEST_F(PipelineTest, problem_error_maps_to_its_type) {
  Pipeline p = make({});
  auto r = request(Method::kDelete, "/api/v1/things");
  const Response res = p.handle(r);
  EXPECT_EQ(res.status(), 400);
  const auto j = nlohmann::json::parse(res.body());
  EXPECT_EQ(j["detail"], "thing is not deletable");
  EXPECT_EQ(j["instance"], "/api/v1/things");
  EXPECT_EQ(j["title"], "Bad Request");
  EXPECT_EQ(j["status"], 400);
}

TEST_F(PipelineTest, security_headers_and_hsts) {
  Pipeline p = make({});
  auto r = request(Method::kGet, "/api/v1/things");
  const Response res = p.handle(r);
  EXPECT_EQ(res.header("X-Content-Type-Options").value_or(""), "nosniff");
  EXPECT_EQ(res.header("Referrer-Policy").value_or(""), "no-referrer");
  EXPECT_EQ(res.header("Content-Security-Policy").value_or(""),
            "default-src 'none'; frame-ancestors 'none'");
  EXPECT_TRUE(res.header("Strict-Transport-Security").has_value());
}

TEST_F(PipelineTest, cors_allows_listed_origin_with_credentials) {
  Pipeline p = make({"https://app.example"});
  auto r = request(Method::kGet, "/api/v1/things", {{"Origin", "https://app.example"}});
  const Response res = p.handle(r);
  EXPECT_EQ(res.header("Access-Control-Allow-Origin").value_or(""), "https://app.example");
  EXPECT_EQ(res.header("Access-Control-Allow-Credentials").value_or(""), "true");
  EXPECT_EQ(res.header("Vary").value_or(""), "Origin");
}

TEST_F(PipelineTest, cors_ignores_unlisted_origin_and_refuses_its_preflight) {
  Pipeline p = make({"https://app.example"});
  auto simple = request(Method::kGet, "/api/v1/things", {{"Origin", "https://evil.example"}});
  const Response res = p.handle(simple);
  EXPECT_EQ(res.status(), 200);
  EXPECT_FALSE(res.header("Access-Control-Allow-Origin").has_value());
  auto pre =
      request(Method::kOptions, "/api/v1/things",
              {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  const Response refused = p.handle(pre);
  EXPECT_EQ(refused.status(), 403);
  EXPECT_FALSE(refused.header("Access-Control-Allow-Origin").has_value());
}

TEST_F(PipelineTest, cors_preflight_answers_methods_and_headers) {
  Pipeline p = make({"https://app.example"});
  auto pre = request(Method::kOptions, "/api/v1/things",
                     {{"Origin", "https://app.example"},
                      {"Access-Control-Request-Method", "POST"},
                      {"Access-Control-Request-Headers", "content-type, authorization"}});
  const Response res = p.handle(pre);
  EXPECT_EQ(res.status(), 204);
  EXPECT_EQ(res.header("Access-Control-Allow-Methods").value_or(""),
            "GET, HEAD, POST, DELETE, OPTIONS");
  EXPECT_EQ(res.header("Access-Control-Allow-Headers").value_or(""), "content-type, authorization");
  EXPECT_EQ(res.header("Access-Control-Max-Age").value_or(""), "600");

  auto bad_method =
      request(Method::kOptions, "/api/v1/things",
              {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "PUT"}});
  EXPECT_EQ(p.handle(bad_method).status(), 403);
  auto bad_header = request(Method::kOptions, "/api/v1/things",
                            {{"Origin", "https://app.example"},
                             {"Access-Control-Request-Method", "GET"},
                             {"Access-Control-Request-Headers", "x-evil"}});
  EXPECT_EQ(p.handle(bad_header).status(), 403);
}

TEST_F(PipelineTest, cors_wildcard_never_sends_credentials) {
  Pipeline p = make({"*"});
  auto r = request(Method::kGet, "/api/v1/things", {{"Origin", "https://any.example"}});
  const Response res = p.handle(r);
  EXPECT_EQ(res.header("Access-Control-Allow-Origin").value_or(""), "*");
  EXPECT_FALSE(res.header("Access-Control-Allow-Credentials").has_value());
}

TEST_F(PipelineTest, metrics_count_by_route_template) {
  Pipeline p = make({});
  for (int i = 0; i < 3; ++i) {
    auto r = request(Method::kGet, "/api/v1/things");
    (void)p.handle(r);
  }
  auto miss = request(Method::kGet, "/random/path/123");
  (void)p.handle(miss);
  const std::string text = metrics_.render();
  EXPECT_NE(text.find(R"(http_requests_total{method="GET",route="/api/v1/things",status="200"} 3)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(route="unmatched",status="404"} 1)"), std::string::npos);
  EXPECT_EQ(text.find("/random/path"), std::string::npos);
  EXPECT_NE(text.find(R"(vitrine_build_info{commit="abc",version="1.0.0"} 1)"), std::string::npos);
  EXPECT_NE(text.find("process_resident_memory_bytes"), std::string::npos);
}

TEST(Readiness, reports_each_check_and_fails_when_one_fails) {
  obs::Readiness r;
  r.add("database", [] { return obs::CheckOutcome{true, ""}; });
  r.add("redis", [] { return obs::CheckOutcome{false, "connection refused"}; });
  r.add("throws", []() -> obs::CheckOutcome { throw std::runtime_error("boom"); });
  const auto report = r.run();
  EXPECT_FALSE(report.ok);
  ASSERT_EQ(report.checks.size(), 3U);
  EXPECT_TRUE(report.checks[0].ok);
  EXPECT_EQ(report.checks[1].detail, "connection refused");
  EXPECT_FALSE(report.checks[2].ok);
  EXPECT_TRUE(obs::Readiness().run().ok);
}

TEST(Problem, body_has_every_rfc9457_member) {
  const nlohmann::json ext = {{"checks", nlohmann::json::array()}, {"status", 999}};
  const auto j =
      nlohmann::json::parse(problem_body(problems::kNotReady, "db down", "/readyz", "rid", &ext));
  EXPECT_EQ(j["type"], "urn:vitrine:problem:not-ready");
  EXPECT_EQ(j["title"], "Service Not Ready");
  EXPECT_EQ(j["status"], 503);  // extension members cannot override standard ones
  EXPECT_EQ(j["detail"], "db down");
  EXPECT_EQ(j["instance"], "/readyz");
  EXPECT_EQ(j["request_id"], "rid");
  EXPECT_TRUE(j["checks"].is_array());
}

}  // namespace
}  // namespace vitrine::http
