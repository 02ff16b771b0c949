#pragma once
// The JSON shape of an incident (api/openapi.yaml `Incident`), for readers and for the
// public, and the mapping of a posted update onto domain::IncidentUpdate.

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/incident.hpp"

namespace vitrine::api {

// Readers get everything; the public (status page) gets no error text (it may name hosts
// and addresses) and no authors. `now_us`: the end of an open incident's duration so far.
nlohmann::ordered_json incident_json(const domain::Incident& incident, bool for_readers,
                                     std::int64_t now_us);

// Sets the fields of a posted update (`status`, `body`); wrong types, unknown members and
// missing ones become errors.
void apply_update_document(const nlohmann::json& doc, domain::IncidentUpdate& update,
                           std::vector<domain::FieldError>& errors);

}  // namespace vitrine::api
