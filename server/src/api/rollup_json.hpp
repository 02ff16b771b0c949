#pragma once
// The figures of a rollup as the summary and status endpoints show them (api/openapi.yaml
// Figures): uptime, checks by result, downtime and latency percentiles.

#include <nlohmann/json.hpp>

#include "domain/rollup.hpp"

namespace vitrine::api {

// Adds the figures to `out`; `latency` adds p50/p95/p99 of the good checks' durations.
void add_figures(nlohmann::ordered_json& out, const domain::Rollup& rollup, bool latency);

}  // namespace vitrine::api
