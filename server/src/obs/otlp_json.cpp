#include "obs/otlp_json.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace vitrine::obs {
namespace {

using nlohmann::json;

json any_value(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return {{"stringValue", v}};
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return {{"intValue", std::to_string(v)}};  // int64 as a decimal string
        } else if constexpr (std::is_same_v<T, double>) {
          return {{"doubleValue", v}};
        } else {
          return {{"boolValue", v}};
        }
      },
      value);
}

json key_value(std::string_view key, const AttributeValue& value) {
  return {{"key", key}, {"value", any_value(value)}};
}

json span_json(const SpanData& s) {
  json attributes = json::array();
  for (const Attribute& a : s.attributes) {
    attributes.push_back(key_value(a.key, a.value));
  }
  json span = {{"traceId", s.trace_id},
               {"spanId", s.span_id},
               {"name", s.name},
               {"kind", static_cast<int>(s.kind)},
               {"startTimeUnixNano", std::to_string(s.start_unix_ns)},
               {"endTimeUnixNano", std::to_string(s.end_unix_ns)},
               {"attributes", std::move(attributes)},
               {"status", {{"code", static_cast<int>(s.status)}}}};
  if (!s.parent_span_id.empty()) {
    span["parentSpanId"] = s.parent_span_id;
  }
  if (!s.status_message.empty()) {
    span["status"]["message"] = s.status_message;
  }
  return span;
}

}  // namespace

std::string encode_otlp_json(const TraceResource& resource, const std::vector<SpanData>& spans) {
  json resource_attributes = json::array({
      key_value("service.name", resource.service_name),
      key_value("service.version", resource.service_version),
      key_value("telemetry.sdk.name", std::string("vitrine")),
      key_value("telemetry.sdk.language", std::string("cpp")),
      key_value("telemetry.sdk.version", resource.service_version),
  });
  if (!resource.service_instance_id.empty()) {
    resource_attributes.push_back(key_value("service.instance.id", resource.service_instance_id));
  }
  if (!resource.host_name.empty()) {
    resource_attributes.push_back(key_value("host.name", resource.host_name));
  }
  json encoded = json::array();
  for (const SpanData& s : spans) {
    encoded.push_back(span_json(s));
  }
  const json request = {
      {"resourceSpans",
       json::array(
           {{{"resource", {{"attributes", std::move(resource_attributes)}}},
             {"scopeSpans",
              json::array({{{"scope", {{"name", "vitrine"}, {"version", resource.service_version}}},
                            {"spans", std::move(encoded)}}})}}})}};
  // Replace invalid UTF-8 (a span attribute copied from a request) instead of throwing.
  return request.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vitrine::obs
