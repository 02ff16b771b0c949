#pragma once
// An SLO's report now, from the monitor's stored rollups (the hours of its window and the
// minutes of the last six hours): the one place that reads them for SLOs.

#include <cstdint>

#include "domain/slo.hpp"
#include "domain/slo_report.hpp"

namespace vitrine::store {
class ResultStore;
}

namespace vitrine::slo {

domain::SloReport report_now(store::ResultStore& results, const domain::Slo& slo,
                             std::int64_t now_us);

}  // namespace vitrine::slo
