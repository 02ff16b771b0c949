#pragma once
// The JSON shape of a maintenance window (api/openapi.yaml `Maintenance`) and the mapping
// of client documents onto its writable fields.

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/maintenance.hpp"

namespace vitrine::api {

// The representation, with whether a window is on at `now_us` and the current or next one.
nlohmann::ordered_json maintenance_json(const domain::Maintenance& maintenance,
                                        std::int64_t now_us);

// The current or next window within a year of `now_us`.
std::optional<domain::Interval> current_or_next(const domain::Maintenance& maintenance,
                                                std::int64_t now_us);

// The client-writable fields as a JSON object: the target of a merge patch and the audit
// diff.
nlohmann::json maintenance_document(const domain::Maintenance& maintenance);

// Sets the writable fields present in `doc`. Wrong types, unknown and read-only members
// become errors; absent members keep their value.
void apply_maintenance_document(const nlohmann::json& doc, domain::Maintenance& maintenance,
                                std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
