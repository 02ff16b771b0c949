#pragma once
// The figures of a rollup as the summary and status endpoints show them (api/openapi.yaml
// Figures): uptime, checks by result, downtime and latency percentiles.

#include <nlohmann/json.hpp>
#include <optional>

#include "domain/rollup.hpp"

namespace vitrine::api {

// A ratio to 6 decimals (0.999999), null when absent: more digits are noise.
nlohmann::ordered_json ratio_json(std::optional<double> ratio);

// Adds the figures to `out`; `latency` adds p50/p95/p99 of the good checks' durations.
void add_figures(nlohmann::ordered_json& out, const domain::Rollup& rollup, bool latency);

}  // namespace vitrine::api
