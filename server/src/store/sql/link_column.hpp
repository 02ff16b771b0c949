#pragma once
// Links as a text column: a JSON array of {label, url}, the same in both dialects (projects
// and the site settings store them so).

#include <string>
#include <vector>

#include "domain/project.hpp"

namespace vitrine::store::sql {

std::string links_column(const std::vector<domain::Link>& links);
// Throws nlohmann::json::exception on text that no links_column() wrote.
std::vector<domain::Link> links_from_column(const std::string& text);

}  // namespace vitrine::store::sql
