#include "slo/reports.hpp"

#include "store/store.hpp"

namespace vitrine::slo {

domain::SloReport report_now(store::ResultStore& results, const domain::Slo& slo,
                             std::int64_t now_us) {
  const domain::SloRanges r = domain::slo_ranges(slo, now_us);
  return domain::evaluate(
      slo, now_us,
      results.rollups(slo.monitor_id, domain::Resolution::kHour, r.hours_from_us, r.to_us),
      results.rollups(slo.monitor_id, domain::Resolution::kMinute, r.minutes_from_us, r.to_us));
}

}  // namespace vitrine::slo
