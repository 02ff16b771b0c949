#pragma once
// OTLP/HTTP's JSON encoding of spans (opentelemetry-proto, ExportTraceServiceRequest):
// proto3 JSON mapping with OTLP's exceptions: lowerCamelCase field names, trace and span
// ids as hex strings (not base64), enums as integers, 64-bit integers as decimal strings.

#include <string>
#include <vector>

#include "obs/tracing.hpp"

namespace vitrine::obs {

// Who sends the spans: the OTLP resource and instrumentation scope.
struct TraceResource {
  std::string service_name = "vitrine";
  std::string service_version;
  std::string service_instance_id;  // unique per process
  std::string host_name;
};

// One ExportTraceServiceRequest holding `spans` under one resource and scope.
std::string encode_otlp_json(const TraceResource& resource, const std::vector<SpanData>& spans);

}  // namespace vitrine::obs
