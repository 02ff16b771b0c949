#pragma once
// GET /api/v1/projects query parameters → store::ProjectQuery, and the opaque cursors and
// Link headers of its pages.

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace vitrine::api {

inline constexpr unsigned kDefaultPageSize = 20;
inline constexpr unsigned kMaxPageSize = 100;
inline constexpr std::size_t kMaxSearchLength = 200;

// Parses tag, status, featured, q, sort, limit and cursor; throws 400 invalid-parameter
// naming the first bad one.
store::ProjectQuery parse_project_query(std::string_view query_string, bool include_drafts);

// The opaque cursor continuing after `project` (base64url JSON, bound to the sort).
std::string encode_cursor(const domain::Project& project, store::ProjectSort sort);

// `path?…&cursor=<next>`: the request's filters kept, the cursor replaced.
std::string next_page_target(std::string_view path, const store::ProjectQuery& query,
                             const std::string& next_cursor);

std::string_view to_string(store::ProjectSort sort);

}  // namespace vitrine::api
