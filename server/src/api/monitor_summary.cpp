#include "api/monitor_summary.hpp"

#include <array>

#include "api/json_body.hpp"
#include "api/monitors.hpp"
#include "api/query.hpp"
#include "api/rollup_json.hpp"
#include "auth/principal.hpp"
#include "domain/summary.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using http::Request;
using http::Response;

http::Response summary(const Request& request, store::Store& store) {
  static constexpr std::array<std::string_view, 1> kAccepted{"window"};
  const QueryParams params(request.query, kAccepted);
  const std::string_view name = params.get("window").value_or("24h");
  const auto window = domain::parse_window(name);
  if (!window) {
    invalid_parameter("window", "unknown window", "24h, 7d, 30d or 90d");
  }
  const domain::Monitor m = load_monitor(request, store.monitors());
  const bool reader = request.principal && request.principal->reads_everything();
  if (!m.is_public && !reader) {
    // The same answer as for a monitor that does not exist: its existence is not public.
    throw http::ProblemError(http::problems::kNotFound, "No monitor '" + m.id + "'.");
  }
  const std::int64_t now = util::now_us();
  const domain::WindowRange range = domain::window_range(*window, now);
  const domain::Summary s = domain::summarize(
      *window, now,
      store.results().rollups(m.id, domain::Resolution::kHour, range.from_us, range.to_us));

  nlohmann::ordered_json body;
  body["monitor_id"] = m.id;
  body["window"] = domain::to_string(*window);
  body["from"] = util::rfc3339_ms(range.from_us);
  body["to"] = util::rfc3339_ms(range.to_us);
  body["bucket_seconds"] = range.bucket_us / 1'000'000;
  add_figures(body, s.total, true);
  nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
  for (const domain::BucketRollup& b : s.buckets) {
    nlohmann::ordered_json j;
    j["start"] = util::rfc3339_ms(b.start_us);
    add_figures(j, b.rollup, true);
    buckets.push_back(std::move(j));
  }
  body["buckets"] = std::move(buckets);
  Response res = Response::json(200, json_text(body));
  // New checks change it every minute; a public monitor's may be shared by caches a while.
  res.add_header("Cache-Control", m.is_public ? "public, max-age=30" : "private, no-cache");
  return res;
}

}  // namespace

void add_monitor_summary_routes(http::Router& router, store::Store& store) {
  router.add(http::Method::kGet, "/api/v1/monitors/{id}/summary",
             [&store](const Request& r) { return summary(r, store); });
}

}  // namespace vitrine::api
