#include <array>
#include <memory>

#include "api/json_body.hpp"
#include "api/routes.hpp"
#include "domain/markdown.hpp"
#include "domain/project.hpp"
#include "http/router.hpp"

namespace vitrine::api {
namespace {

using http::Request;
using http::Response;

}  // namespace

void add_markdown_preview_routes(http::Router& router) {
  router.add(http::Method::kPost, "/api/v1/markdown", [](const Request& request) {
    const nlohmann::json doc = parse_json_body(request, "application/json");
    std::vector<domain::FieldError> errors;
    static constexpr std::array<std::string_view, 1> kWritable{"markdown"};
    if (!doc.is_object()) {
      validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
    }
    check_known_members(doc, kWritable, {}, "markdown preview", errors);
    const std::string markdown = string_member(doc, "markdown", errors).value_or("");
    domain::check_markdown(errors, "markdown", markdown, domain::kMaxBodyBytes);
    if (!errors.empty()) {
      validation_failed(errors);
    }
    nlohmann::ordered_json out;
    out["html"] = domain::render_markdown(markdown);
    Response res = Response::json(200, json_text(out));
    res.add_header("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace vitrine::api
