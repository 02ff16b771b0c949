#include "obs/readiness.hpp"

#include <chrono>
#include <exception>

namespace vitrine::obs {

void Readiness::add(std::string name, Check check) {
  checks_.emplace_back(std::move(name), std::move(check));
}

Readiness::Report Readiness::run() const {
  Report report{true, {}};
  report.checks.reserve(checks_.size());
  for (const auto& [name, check] : checks_) {
    const auto start = std::chrono::steady_clock::now();
    CheckOutcome outcome;
    try {
      outcome = check();
    } catch (const std::exception& e) {
      outcome = {false, std::string("check failed: ") + e.what()};
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    report.ok = report.ok && outcome.ok;
    report.checks.push_back({name, outcome.ok, std::move(outcome.detail), took.count()});
  }
  return report;
}

}  // namespace vitrine::obs
