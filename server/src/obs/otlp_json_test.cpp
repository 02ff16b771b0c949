#include "obs/otlp_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace vitrine::obs {

TEST(OtlpJson, encodes_an_export_request_with_hex_ids_string_int64s_and_integer_enums) {
  SpanData s;
  s.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  s.span_id = "00f067aa0ba902b7";
  s.parent_span_id = "b7ad6b7169203331";
  s.name = "GET /api/v1/projects";
  s.kind = SpanKind::kServer;
  s.start_unix_ns = 1'795'000'000'123'456'789;
  s.end_unix_ns = 1'795'000'000'223'456'789;
  s.status = SpanStatus::kError;
  s.status_message = "database unavailable";
  s.attributes = {{"http.response.status_code", std::int64_t{503}},
                  {"http.route", std::string("/api/v1/projects")},
                  {"sampled", true},
                  {"ratio", 0.5}};
  const TraceResource resource{"vitrine", "1.2.3", "instance-1", "host-a"};
  const auto doc = nlohmann::json::parse(encode_otlp_json(resource, {s}));

  const auto& rs = doc.at("resourceSpans").at(0);
  const auto& attrs = rs.at("resource").at("attributes");
  EXPECT_EQ(attrs.at(0),
            nlohmann::json::parse(R"({"key":"service.name","value":{"stringValue":"vitrine"}})"));
  const auto& scope = rs.at("scopeSpans").at(0);
  EXPECT_EQ(scope.at("scope").at("name"), "vitrine");
  const auto& span = scope.at("spans").at(0);
  EXPECT_EQ(span.at("traceId"), s.trace_id);
  EXPECT_EQ(span.at("spanId"), s.span_id);
  EXPECT_EQ(span.at("parentSpanId"), s.parent_span_id);
  EXPECT_EQ(span.at("kind"), 2);
  EXPECT_EQ(span.at("startTimeUnixNano"), "1795000000123456789");
  EXPECT_EQ(span.at("endTimeUnixNano"), "1795000000223456789");
  EXPECT_EQ(span.at("status"),
            nlohmann::json::parse(R"({"code":2,"message":"database unavailable"})"));
  EXPECT_EQ(span.at("attributes"), nlohmann::json::parse(R"([
    {"key":"http.response.status_code","value":{"intValue":"503"}},
    {"key":"http.route","value":{"stringValue":"/api/v1/projects"}},
    {"key":"sampled","value":{"boolValue":true}},
    {"key":"ratio","value":{"doubleValue":0.5}}])"));
}

TEST(OtlpJson, leaves_out_an_empty_parent_and_status_message_and_survives_bad_utf8) {
  SpanData s;
  s.trace_id = std::string(32, '1');
  s.span_id = std::string(16, '2');
  s.name = "GET";
  s.attributes = {{"url.path", std::string("/\xff\xfe")}};
  const auto doc = nlohmann::json::parse(encode_otlp_json({}, {s}));
  const auto& span = doc["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
  EXPECT_FALSE(span.contains("parentSpanId"));
  EXPECT_EQ(span.at("status"), nlohmann::json::parse(R"({"code":0})"));
  EXPECT_EQ(span["attributes"][0]["value"]["stringValue"], "/\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace vitrine::obs
