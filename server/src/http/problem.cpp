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
  Response res(type.status, std::string(kProblemContentType),
               problem_body(type, detail, request.path, request.request_id, extensions));
  if (type.slug == problems::kInvalidToken.slug) {
    res.add_header("WWW-Authenticate", R"(Bearer realm="vitrine", error="invalid_token")");
  } else if (type.status == 401) {
    res.add_header("WWW-Authenticate", R"(Bearer realm="vitrine")");
  } else if (type.status == 503) {
    res.add_header("Retry-After", "1");
  }
  return res;
}

void throw_problem(const ProblemType& type, std::string detail, nlohmann::json members) {
  throw ProblemError(type, std::move(detail),
                     std::make_shared<const nlohmann::json>(std::move(members)));
}

}  // namespace vitrine::http
