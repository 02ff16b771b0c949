#pragma once
// SLOs from outside the API: `vitrine slo rules` prints the Prometheus rules of every SLO
// (or of those named) for a Prometheus `rule_files` entry, from the database.

#include <iosfwd>
#include <string>
#include <vector>

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

// Prints one rules document on `out`. Exit status: 0 printed, 1 the store failed (or is
// not migrated), 2 an id names no SLO.
int print_slo_rules(const config::Config& config, const std::vector<std::string>& ids,
                    std::ostream& out, std::ostream& err);

}  // namespace vitrine::app
