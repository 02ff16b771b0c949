#pragma once
// The JSON shape of a project (api/openapi.yaml `Project`, `ProjectSummary`) and the
// mapping of client documents onto the writable fields, collecting every error.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/project.hpp"

namespace vitrine::api {

// The full representation (GET /projects/{ref}, POST, PATCH).
nlohmann::ordered_json project_json(const domain::Project& project);
// The list item: everything but the bodies.
nlohmann::ordered_json project_summary_json(const domain::Project& project);

// The client-writable fields as a JSON object: the target a merge patch applies to.
nlohmann::json writable_document(const domain::Project& project);

// Sets the writable fields present in `doc` on `project`. Wrong types, unknown and
// read-only members become errors; absent members keep their value.
void apply_document(const nlohmann::json& doc, domain::Project& project,
                    std::vector<domain::FieldError>& errors);

// Reads a `links` member (an array of {label, url}, or null for none) into `out`; wrong
// types and unknown members become errors under `links/<i>`.
void read_links(const nlohmann::json& value, std::vector<domain::Link>& out,
                std::vector<domain::FieldError>& errors);

// The links as the API writes them: [{label, url}], member by member (nlohmann's
// initializer-list constructor copies every element).
template <typename Json = nlohmann::json>
Json links_json(const std::vector<domain::Link>& links) {
  Json out = Json::array();
  for (const domain::Link& l : links) {
    Json link = Json::object();
    link["label"] = l.label;
    link["url"] = l.url;
    out.push_back(std::move(link));
  }
  return out;
}

// Removes the members of a merge patch that no client may write (reporting each), so the
// rest can be merged.
void strip_unwritable(nlohmann::json& patch, std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
