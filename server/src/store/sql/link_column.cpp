#include "store/sql/link_column.hpp"

#include <nlohmann/json.hpp>

namespace vitrine::store::sql {

std::string links_column(const std::vector<domain::Link>& links) {
  nlohmann::json out = nlohmann::json::array();
  for (const domain::Link& l : links) {
    out.push_back({{"label", l.label}, {"url", l.url}});
  }
  return out.dump();
}

std::vector<domain::Link> links_from_column(const std::string& text) {
  std::vector<domain::Link> out;
  for (const nlohmann::json& l : nlohmann::json::parse(text)) {
    out.push_back({l.at("label").get<std::string>(), l.at("url").get<std::string>()});
  }
  return out;
}

}  // namespace vitrine::store::sql
