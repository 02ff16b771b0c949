#include "api/project_query.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "api/query.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::api {
namespace {

using store::ProjectSort;

constexpr std::array<std::string_view, 7> kParams = {"tag",  "status", "featured", "q",
                                                     "sort", "limit",  "cursor"};
constexpr std::array kSorts = {ProjectSort::kSortOrder, ProjectSort::kTitle,
                               ProjectSort::kUpdatedAt, ProjectSort::kUpdatedAtDesc};
constexpr std::string_view kSortsAccepted = "sort_order, title, updated_at or -updated_at";

store::ProjectCursor decode_cursor(std::string_view text, ProjectSort sort) {
  const auto bytes = util::base64url_decode(text);
  const nlohmann::json doc =
      bytes ? nlohmann::json::parse(*bytes, nullptr, false) : nlohmann::json();
  if (!doc.is_object() || !doc.contains("s") || !doc.contains("i") || !doc["s"].is_string() ||
      !doc["i"].is_string() || (doc.contains("n") && !doc["n"].is_number_integer()) ||
      (doc.contains("t") && !doc["t"].is_string())) {
    invalid_parameter("cursor", "not a cursor this server issued",
                      "the next_cursor of a previous page, unchanged");
  }
  if (doc["s"].get<std::string>() != to_string(sort)) {
    invalid_parameter("cursor", "it belongs to another sort order",
                      "the same sort as the page that issued it");
  }
  store::ProjectCursor c;
  c.id = doc["i"].get<std::string>();
  c.number = doc.value("n", std::int64_t{0});
  c.text = doc.value("t", std::string());
  if (c.id.find('\0') != std::string::npos || c.text.find('\0') != std::string::npos) {
    invalid_parameter("cursor", "not a cursor this server issued",
                      "the next_cursor of a previous page, unchanged");
  }
  return c;
}

}  // namespace

std::string_view to_string(ProjectSort sort) {
  switch (sort) {
    case ProjectSort::kSortOrder:
      return "sort_order";
    case ProjectSort::kTitle:
      return "title";
    case ProjectSort::kUpdatedAt:
      return "updated_at";
    case ProjectSort::kUpdatedAtDesc:
      return "-updated_at";
  }
  return "sort_order";
}

store::ProjectQuery parse_project_query(std::string_view query_string, bool include_drafts) {
  const QueryParams params(query_string, kParams);
  store::ProjectQuery q;
  q.include_drafts = include_drafts;
  if (const auto tag = params.get("tag")) {
    if (!domain::is_valid_tag(*tag)) {
      invalid_parameter("tag", "not a valid tag", "a tag such as 'kubernetes' or 'c++'");
    }
    q.tag = std::string(*tag);
  }
  if (const auto status = params.get("status")) {
    q.status = domain::parse_status(*status);
    if (!q.status) {
      invalid_parameter("status", "unknown status", "active, maintained or archived");
    }
  }
  q.featured = params.boolean("featured");
  if (const auto text = params.get("q")) {
    if (!util::valid_utf8(*text) || text->find('\0') != std::string_view::npos) {
      invalid_parameter("q", "not valid UTF-8 text", "UTF-8 text without NUL");
    }
    if (util::utf8_length(*text) > kMaxSearchLength) {
      invalid_parameter("q", "too long", "at most 200 characters");
    }
    if (!text->empty()) {
      q.text = domain::fold_case(*text);
    }
  }
  if (const auto sort = params.get("sort")) {
    bool found = false;
    for (ProjectSort s : kSorts) {
      if (*sort == to_string(s)) {
        q.sort = s;
        found = true;
      }
    }
    if (!found) {
      invalid_parameter("sort", "unknown sort order", kSortsAccepted);
    }
  }
  q.limit =
      static_cast<unsigned>(params.integer("limit", 1, kMaxPageSize).value_or(kDefaultPageSize));
  if (const auto cursor = params.get("cursor")) {
    q.after = decode_cursor(*cursor, q.sort);
  }
  return q;
}

std::string encode_cursor(const domain::Project& project, ProjectSort sort) {
  const store::ProjectCursor c = store::cursor_after(project, sort);
  nlohmann::json doc{{"s", to_string(sort)}, {"i", c.id}};
  if (sort != ProjectSort::kTitle) {
    doc["n"] = c.number;
  }
  if (sort == ProjectSort::kSortOrder || sort == ProjectSort::kTitle) {
    doc["t"] = c.text;
  }
  return util::base64url_encode(doc.dump());
}

std::string next_page_target(std::string_view path, const store::ProjectQuery& q,
                             const std::string& next_cursor) {
  std::string target(path);
  target += "?";
  const auto add = [&](std::string_view name, std::string_view value) {
    target += name;
    target += '=';
    target += percent_encode(value);
    target += '&';
  };
  if (q.tag) {
    add("tag", *q.tag);
  }
  if (q.status) {
    add("status", domain::to_string(*q.status));
  }
  if (q.featured) {
    add("featured", *q.featured ? "true" : "false");
  }
  if (q.text) {
    add("q", *q.text);
  }
  if (q.sort != ProjectSort::kSortOrder) {
    add("sort", to_string(q.sort));
  }
  if (q.limit != kDefaultPageSize) {
    add("limit", std::to_string(q.limit));
  }
  add("cursor", next_cursor);
  target.pop_back();
  return target;
}

}  // namespace vitrine::api
