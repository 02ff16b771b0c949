#pragma once
// The JSON shape of an SLO (api/openapi.yaml `Slo`) with its report, and the mapping of
// client documents onto its writable fields.

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "domain/slo.hpp"
#include "domain/slo_report.hpp"

namespace vitrine::api {

// The representation; `report` (GET of one SLO, writes) adds what it says now.
nlohmann::ordered_json slo_json(const domain::Slo& slo,
                                const std::optional<domain::SloReport>& report,
                                std::int64_t evaluated_at_us);

// An SLO in brief for the status document: what it promises and how its budget stands
// (api/openapi.yaml `SloBadge`).
nlohmann::ordered_json slo_badge_json(const domain::Slo& slo, const domain::SloReport& report,
                                      std::int64_t evaluated_at_us);

// The client-writable fields as a JSON object: the target of a merge patch and the audit
// diff.
nlohmann::json slo_document(const domain::Slo& slo);

// Sets the writable fields present in `doc` on `slo`. Wrong types, unknown and read-only
// members become errors; absent members keep their value.
void apply_slo_document(const nlohmann::json& doc, domain::Slo& slo,
                        std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
