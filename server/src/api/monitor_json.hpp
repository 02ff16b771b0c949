#pragma once
// The JSON shape of a monitor (api/openapi.yaml `Monitor`) and of a check result
// (`CheckResult`), and the mapping of client documents onto a monitor's writable fields.

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "domain/check_result.hpp"
#include "domain/monitor.hpp"
#include "domain/monitor_status.hpp"

namespace vitrine::api {

// The representation. Values of credential headers (obs::is_sensitive_key, as in logs) show as
// "<redacted>": readers see that one is set, never what it is.
nlohmann::ordered_json monitor_json(const domain::Monitor& monitor,
                                    const std::optional<domain::MonitorStatus>& status);

// The client-writable fields as a JSON object, the target of a merge patch. `redact`
// hides credential header values (the audit diff); without it they are the real values.
enum class Redact : std::uint8_t { kNo, kYes };
nlohmann::json monitor_document(const domain::Monitor& monitor, Redact redact);

// Sets the writable fields present in `doc` on `monitor`. Wrong types, unknown and
// read-only members become errors; absent members keep their value. A credential header
// given as "<redacted>" keeps the value it has in `previous` (a client sending back what it
// read); without one it is an error.
void apply_monitor_document(const nlohmann::json& doc, domain::Monitor& monitor,
                            const domain::Monitor* previous,
                            std::vector<domain::FieldError>& errors);

// Removes the members of a merge patch that no client may write (reporting each).
void strip_unwritable_monitor(nlohmann::json& patch, std::vector<domain::FieldError>& errors);

nlohmann::ordered_json result_json(const domain::CheckResult& result);

}  // namespace vitrine::api
