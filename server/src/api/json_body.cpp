#include "api/json_body.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "http/problem.hpp"
#include "util/text.hpp"

namespace vitrine::api {
namespace {

struct TooDeep {};

// The media type of a Content-Type value, without parameters and spaces.
std::string_view media_type_of(std::string_view content_type) {
  return util::trim(content_type.substr(0, content_type.find(';')));
}

}  // namespace

nlohmann::json parse_json_body(const http::Request& request, std::string_view media_type) {
  const std::string_view type = media_type_of(request.header("Content-Type").value_or(""));
  if (!util::iequals(type, media_type)) {
    http::throw_problem(
        http::problems::kUnsupportedMediaType,
        fmt::format("Send the body as {} (got {}).", media_type,
                    type.empty() ? "no Content-Type" : "'" + std::string(type) + "'"),
        {{"accepted", {media_type}}});
  }
  const std::string_view body = request.body;
  if (body.empty()) {
    http::throw_problem(http::problems::kInvalidJson, "The request body is empty.",
                        {{"offset", 0}});
  }
  try {
    // The callback sees every nesting step; throwing stops the parse at the first level
    // too deep, so no later code (validation, serialization) walks an unbounded tree.
    return nlohmann::json::parse(
        body.begin(), body.end(),
        [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& /*value*/) {
          if ((event == nlohmann::json::parse_event_t::object_start ||
               event == nlohmann::json::parse_event_t::array_start) &&
              depth >= kMaxJsonDepth) {
            throw TooDeep{};
          }
          return true;
        });
  } catch (const TooDeep&) {
    http::throw_problem(http::problems::kInvalidJson,
                        fmt::format("JSON nesting deeper than {} levels.", kMaxJsonDepth),
                        {{"max_depth", kMaxJsonDepth}});
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the byte after the last one read; report a 0-based offset.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    if (const std::size_t colon = what.find(": "); colon != std::string::npos) {
      what = what.substr(colon + 2);  // drop "[json.exception.parse_error.101] parse error at"
    }
    http::throw_problem(
        http::problems::kInvalidJson,
        fmt::format("The body is not valid JSON (byte offset {}): {}", offset, what),
        {{"offset", offset}});
  }
}

void validation_failed(const std::vector<domain::FieldError>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) {
    list.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  http::throw_problem(
      http::problems::kValidationFailed,
      fmt::format("{} field{} failed validation.", errors.size(), errors.size() == 1 ? "" : "s"),
      {{"errors", std::move(list)}});
}

void add_rule_errors(std::vector<domain::FieldError>& errors,
                     std::vector<domain::FieldError> rules) {
  const std::size_t typed = errors.size();  // compare with the earlier errors only
  for (auto& r : rules) {
    const bool reported =
        std::any_of(errors.begin(), errors.begin() + static_cast<long>(typed),
                    [&](const domain::FieldError& e) {
                      return e.field == r.field || r.field.starts_with(e.field + "/");
                    });
    if (!reported) {
      errors.push_back(std::move(r));
    }
  }
}

std::optional<std::string> string_member(const nlohmann::json& doc, std::string_view name,
                                         std::vector<domain::FieldError>& errors) {
  const auto it = doc.find(name);
  if (it == doc.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    errors.push_back({std::string(name), "invalid_type", "must be a string"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

void check_known_members(const nlohmann::json& doc, std::span<const std::string_view> writable,
                         std::span<const std::string_view> read_only, std::string_view resource,
                         std::vector<domain::FieldError>& errors) {
  for (const auto& [key, value] : doc.items()) {
    if (std::find(writable.begin(), writable.end(), key) != writable.end()) {
      continue;
    }
    if (std::find(read_only.begin(), read_only.end(), key) != read_only.end()) {
      errors.push_back({key, "read_only", "is set by the server"});
    } else {
      errors.push_back({key, "unknown_field", fmt::format("is not a member of a {}", resource)});
    }
  }
}

void optional_id_member(const nlohmann::json& doc, const char* name,
                        std::optional<std::string>& out, std::vector<domain::FieldError>& errors) {
  const auto it = doc.find(name);
  if (it == doc.end()) {
    return;
  }
  if (it->is_null()) {
    out.reset();
  } else if (it->is_string()) {
    out = it->get<std::string>();
  } else {
    errors.push_back({name, "invalid_type", "must be an id (UUID) or null"});
  }
}

}  // namespace vitrine::api
