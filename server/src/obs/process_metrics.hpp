#pragma once
// process_* metrics of the running process, read from /proc at scrape time (the names and
// meanings of the Prometheus client libraries' process collectors).

#include <prometheus/metric_family.h>

#include <vector>

namespace vitrine::obs {

// process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds. Metrics whose source is
// unreadable are left out rather than reported as 0.
std::vector<prometheus::MetricFamily> collect_process_metrics();

}  // namespace vitrine::obs
