#pragma once
// Prometheus rules for an SLO, in the shape Sloth and Pyrra generate: recording rules for
// the error ratio over each alert window and the SLO's window, the objective and the
// remaining budget, and the multiwindow, multi-burn-rate alerts of slo_report.hpp (one
// `page`, one `ticket`). Pure: the API and `vitrine slo rules` print it.
//
// The error ratio is the one Vitrine reports: availability, from the monitor's
// vitrine_monitor_up gauge averaged over time (the share of time down); latency, from
// vitrine_slo_checks_total{slo, outcome} (checks bad or slower than the threshold, over
// all checks).

#include <string>
#include <vector>

#include "domain/slo.hpp"

namespace vitrine::domain {

// One YAML document (`groups:`) with the rules of every SLO given.
std::string prometheus_rules(const std::vector<Slo>& slos);

}  // namespace vitrine::domain
