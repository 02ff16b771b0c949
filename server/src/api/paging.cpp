#include "api/paging.hpp"

#include "api/json_body.hpp"

namespace vitrine::api {

unsigned page_limit(const QueryParams& params) {
  return static_cast<unsigned>(
      params.integer("limit", 1, kMaxPageLimit).value_or(kDefaultPageLimit));
}

http::Response page_response(const QueryParams& params, std::string_view path,
                             nlohmann::ordered_json items,
                             const std::optional<std::string>& more_after) {
  return cursor_page_response(
      params, path, std::move(items),
      more_after ? std::optional(encode_id_cursor(*more_after)) : std::nullopt);
}

http::Response cursor_page_response(const QueryParams& params, std::string_view path,
                                    nlohmann::ordered_json items,
                                    const std::optional<std::string>& next_cursor) {
  nlohmann::ordered_json doc{{"items", std::move(items)}, {"next_cursor", nullptr}};
  http::Response res;
  if (next_cursor) {
    doc["next_cursor"] = *next_cursor;
    res.add_header("Link", "<" + params.next_page(path, *next_cursor) + ">; rel=\"next\"");
  }
  res.set_body("application/json", json_text(doc));
  res.add_header("Cache-Control", "private, no-store");
  return res;
}

}  // namespace vitrine::api
