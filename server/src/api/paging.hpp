#pragma once
// Lists paged by id (users, API tokens, the audit log): the `limit` parameter, and a page's
// body {"items", "next_cursor"} with a Link rel="next" that repeats the other parameters.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/query.hpp"
#include "http/message.hpp"

namespace vitrine::api {

inline constexpr long long kDefaultPageLimit = 50;
inline constexpr long long kMaxPageLimit = 200;

// `limit`: 1 to 200, default 50 (400 invalid-parameter otherwise).
unsigned page_limit(const QueryParams& params);

// 200 with `items`; when `more_after` names the last item's id, a next_cursor after it and
// the Link header. Never cached: these lists are for admins.
http::Response page_response(const QueryParams& params, std::string_view path,
                             nlohmann::ordered_json items,
                             const std::optional<std::string>& more_after);

// The same with the next page's cursor already encoded (lists not paged by id).
http::Response cursor_page_response(const QueryParams& params, std::string_view path,
                                    nlohmann::ordered_json items,
                                    const std::optional<std::string>& next_cursor);

}  // namespace vitrine::api
