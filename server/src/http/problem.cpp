#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace vitrine::http {

std::string problem_type_uri(const ProblemType& type) {
  return std::string(kProblemTypePrefix).append(type.slug);
}

std::string problem_body(const ProblemType& type, std::string_view detail,
                         std::string_view instance, std::string_view request_id,
                         const nlohmann::json* extensions) {
  nlohmann::json doc = nlohmann::json::object();
  if (extensions != nullptr && extensions->is_object()) {
    doc = *extensions;  // standard members below win over extension members
  }
  doc["type"] = problem_type_uri(type);
  doc["title"] = type.title;
  doc["status"] = type.status;
  doc["detail"] = detail;
  if (!instance.empty()) {
    doc["instance"] = instance;
  }
  if (!request_id.empty()) {
    doc["request_id"] = request_id;
  }
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response problem_response(const ProblemType& type, std::string_view detail, const Request& request,
                          const nlohmann::json* extensions) {
  return {type.status, std::string(kProblemContentType),
          problem_body(type, detail, request.path, request.request_id, extensions)};
}

}  // namespace vitrine::http
