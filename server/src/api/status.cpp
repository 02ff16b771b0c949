#include "api/status.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include "api/etag.hpp"
#include "api/incident_json.hpp"
#include "api/json_body.hpp"
#include "api/query.hpp"
#include "api/response_cache.hpp"
#include "api/rollup_json.hpp"
#include "api/slo_json.hpp"
#include "domain/status_page.hpp"
#include "domain/summary.hpp"
#include "http/router.hpp"
#include "slo/evaluations.hpp"
#include "store/store.hpp"
#include "util/gzip.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using http::Request;
using http::Response;

using Json = nlohmann::ordered_json;

// Smaller documents go as they are: the gzip header and the work would gain nothing.
constexpr std::size_t kCompressFrom = 1024;

// One group of the page: a published project's public monitors, or those of no (or no
// published) project.
struct Group {
  std::optional<domain::Project> project;
  std::vector<const domain::Monitor*> monitors;
};

class StatusDocument {
 public:
  StatusDocument(store::Store& store, const slo::Evaluations& slos,
                 std::chrono::milliseconds refresh)
      : store_(store), slos_(slos), refresh_(refresh) {}

  Response serve(const Request& request) {
    const QueryParams params(request.query, {});  // none accepted: a typo is a 400
    std::shared_ptr<const CachedResponse> doc = current(request);
    if (!doc) {
      doc = build_or_wait();
    }
    Response res =
        shared_representation(request, doc, "application/json", doc->body, doc->gzipped, doc->etag);
    res.add_header("Cache-Control", "public, max-age=" + std::to_string(max_age_s()));
    return res;
  }

 private:
  [[nodiscard]] long long max_age_s() const {
    return std::max<long long>(1,
                               std::chrono::duration_cast<std::chrono::seconds>(refresh_).count());
  }

  // The document to send, or null when this request must build it (it is then on the
  // blocking pool). Fresh: everyone gets it. Stale: the first request on the pool claims
  // the rebuild, everyone else keeps getting the stale one meanwhile. None yet: everyone
  // waits for the first build.
  std::shared_ptr<const CachedResponse> current(const Request& request) {
    {
      std::lock_guard lock(mutex_);
      const bool fresh = doc_ && std::chrono::steady_clock::now() - built_at_ < refresh_;
      if (fresh || (doc_ && building_)) {
        return doc_;
      }
    }
    http::require_blocking(request);  // building reads the store
    std::lock_guard lock(mutex_);
    if (doc_ && building_) {
      return doc_;  // another request claimed the rebuild meanwhile
    }
    if (doc_) {
      building_ = true;  // claimed: this request rebuilds, build_or_wait() clears it
    }
    return nullptr;
  }

  std::shared_ptr<const CachedResponse> build_or_wait() {
    std::unique_lock build_lock(build_mutex_);  // one build at a time
    {
      std::lock_guard lock(mutex_);
      if (doc_ && !building_ && std::chrono::steady_clock::now() - built_at_ < refresh_) {
        return doc_;  // the first build finished while this request waited
      }
      building_ = true;
    }
    std::shared_ptr<const CachedResponse> doc;
    try {
      doc = build();
    } catch (...) {
      std::lock_guard lock(mutex_);
      building_ = false;
      throw;
    }
    std::lock_guard lock(mutex_);
    doc_ = doc;
    built_at_ = std::chrono::steady_clock::now();
    building_ = false;
    return doc;
  }

  std::shared_ptr<const CachedResponse> build() {
    const std::int64_t now = util::now_us();
    std::vector<domain::Monitor> monitors = store_.monitors().all();
    std::erase_if(monitors, [](const domain::Monitor& m) { return !m.enabled || !m.is_public; });
    std::sort(monitors.begin(), monitors.end(),
              [](const domain::Monitor& a, const domain::Monitor& b) {
                return std::tie(a.name, a.id) < std::tie(b.name, b.id);
              });
    std::unordered_map<std::string, domain::MonitorStatus> statuses;
    for (domain::MonitorStatus& s : store_.results().statuses()) {
      statuses.emplace(s.monitor_id, std::move(s));
    }
    const auto uptime = store_.results().hourly_totals_since(
        domain::window_range(domain::Window::k24h, now).from_us);
    const Windows windows = maintenance_windows(now);
    SloBadges slo_badges = slo_badges_by_monitor();

    // Groups in project order (sort order, then title); monitors of no published project
    // come last.
    std::map<std::string, Group> by_project;
    Group loose;
    for (const domain::Monitor& m : monitors) {
      Group* group = &loose;
      if (m.project_id) {
        auto [it, inserted] = by_project.try_emplace(*m.project_id);
        if (inserted) {
          auto p = store_.projects().find(*m.project_id);
          if (p && p->visibility == domain::Visibility::kPublished) {
            it->second.project = std::move(p);
          }
        }
        group = it->second.project ? &it->second : &loose;
      }
      group->monitors.push_back(&m);
    }
    std::vector<const Group*> groups;
    for (const auto& [id, g] : by_project) {
      if (g.project) {
        groups.push_back(&g);
      }
    }
    std::sort(groups.begin(), groups.end(), [](const Group* a, const Group* b) {
      return std::tie(a->project->sort_order, a->project->title) <
             std::tie(b->project->sort_order, b->project->title);
    });
    if (!loose.monitors.empty()) {
      groups.push_back(&loose);
    }

    domain::StateCounts all;
    Json groups_json = Json::array();
    for (const Group* g : groups) {
      domain::StateCounts counts;
      Json items = Json::array();
      for (const domain::Monitor* m : g->monitors) {
        const auto st = statuses.find(m->id);
        const domain::MonitorState state =
            st == statuses.end() ? domain::MonitorState::kPending : st->second.state;
        const bool in_maintenance = windows.covers(*m, now);
        if (in_maintenance) {  // its state says nothing of the page meanwhile
          ++counts.maintenance;
          ++all.maintenance;
        } else {
          counts.add(state);
          all.add(state);
        }
        Json j;
        j["id"] = m->id;
        j["name"] = m->name;
        j["kind"] = domain::to_string(m->kind);
        j["state"] = domain::to_string(state);
        j["since"] =
            st == statuses.end() ? Json(nullptr) : Json(util::rfc3339_ms(st->second.since_us));
        j["last_check_at"] = st == statuses.end() || st->second.last_check_us == 0
                                 ? Json(nullptr)
                                 : Json(util::rfc3339_ms(st->second.last_check_us));
        const auto u = uptime.find(m->id);
        const auto ratio = u == uptime.end() ? std::nullopt : u->second.uptime();
        j["uptime_24h"] = ratio_json(ratio);
        j["maintenance"] = in_maintenance;
        const auto badges = slo_badges.find(m->id);
        j["slos"] = badges == slo_badges.end() ? Json::array() : std::move(badges->second);
        items.push_back(std::move(j));
      }
      Json group;
      if (g->project) {
        group["project"] = {
            {"id", g->project->id}, {"slug", g->project->slug}, {"title", g->project->title}};
      } else {
        group["project"] = nullptr;
      }
      group["state"] = domain::to_string(domain::overall_state(counts));
      group["monitors"] = std::move(items);
      groups_json.push_back(std::move(group));
    }
    Json body;
    body["generated_at"] = util::rfc3339_ms(now);
    body["state"] = domain::to_string(domain::overall_state(all));
    body["counts"] = {{"up", all.up},
                      {"degraded", all.degraded},
                      {"down", all.down},
                      {"pending", all.pending},
                      {"maintenance", all.maintenance}};
    body["groups"] = std::move(groups_json);
    body["incidents"] = open_incidents(now);
    body["maintenance"] = windows.listed(monitors, now);
    auto doc = std::make_shared<CachedResponse>();
    doc->body = json_text(body);
    doc->etag = strong_etag(doc->body);
    // Built once per refresh and sent to every visitor: compressed once here (10,000
    // monitors: 2.1 MB of JSON, ~8 % of it gzipped; docs/benchmarks-web.md).
    if (doc->body.size() >= kCompressFrom) {
      doc->gzipped = util::gzip(doc->body, 6);
    }
    return doc;
  }

  // Each monitor's SLOs as the last evaluation found them (only listed monitors ask).
  using SloBadges = std::unordered_map<std::string, Json>;
  [[nodiscard]] SloBadges slo_badges_by_monitor() const {
    SloBadges out;
    if (const auto evaluation = slos_.latest()) {
      for (const slo::Evaluated& e : evaluation->slos) {
        out[e.slo.monitor_id].push_back(slo_badge_json(e.slo, e.report, evaluation->at_us));
      }
    }
    return out;
  }

  // The maintenance windows on now or within kMaintenanceAhead, by what they cover.
  struct Windows {
    struct Entry {
      domain::Maintenance maintenance;
      std::vector<domain::Interval> windows;
    };
    std::vector<Entry> entries;

    [[nodiscard]] static bool applies(const domain::Maintenance& w, const domain::Monitor& m) {
      return w.monitor_id ? *w.monitor_id == m.id : m.project_id == w.project_id;
    }

    [[nodiscard]] bool covers(const domain::Monitor& m, std::int64_t now) const {
      return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
        return applies(e.maintenance, m) && e.windows.front().from_us <= now;
      });
    }

    // Each window that covers one of the listed monitors: the current or next one, with
    // those monitors (a project is not named: it may be a draft).
    [[nodiscard]] Json listed(const std::vector<domain::Monitor>& monitors,
                              std::int64_t now) const {
      Json out = Json::array();
      for (const Entry& e : entries) {
        Json covered = Json::array();
        for (const domain::Monitor& m : monitors) {
          if (applies(e.maintenance, m)) {
            covered.push_back(m.id);
          }
        }
        if (covered.empty()) {
          continue;
        }
        const domain::Interval& w = e.windows.front();
        Json j;
        j["id"] = e.maintenance.id;
        j["name"] = e.maintenance.name;
        j["description"] = e.maintenance.description;
        j["starts_at"] = util::rfc3339_ms(w.from_us);
        j["ends_at"] = util::rfc3339_ms(w.to_us);
        j["active"] = w.from_us <= now;
        j["monitors"] = std::move(covered);
        out.push_back(std::move(j));
      }
      return out;
    }
  };

  [[nodiscard]] Windows maintenance_windows(std::int64_t now) {
    Windows w;
    for (domain::Maintenance& m : store_.maintenance().all()) {
      auto found = domain::windows(m, now, now + kMaintenanceAhead);
      if (!found.empty()) {
        w.entries.push_back({std::move(m), std::move(found)});
      }
    }
    std::sort(w.entries.begin(), w.entries.end(), [](const auto& a, const auto& b) {
      return a.windows.front().from_us < b.windows.front().from_us;
    });
    return w;
  }

  static constexpr std::int64_t kMaintenanceAhead = std::int64_t{7} * 86'400 * 1'000'000;

  // The open incidents of the public monitors, newest first, with their public updates.
  Json open_incidents(std::int64_t now) {
    store::IncidentQuery query;
    query.state = store::IncidentState::kOpen;
    query.public_only = true;
    query.limit = kMaxOpenIncidents;
    Json out = Json::array();
    for (const domain::Incident& i : store_.incidents().list(query).items) {
      out.push_back(incident_json(i, false, now));
    }
    return out;
  }

  // At most one per public monitor is open; more than this is an outage the groups show.
  static constexpr unsigned kMaxOpenIncidents = 100;

  store::Store& store_;
  const slo::Evaluations& slos_;
  std::chrono::milliseconds refresh_;
  std::mutex build_mutex_;
  std::mutex mutex_;  // guards the members below
  std::shared_ptr<const CachedResponse> doc_;
  std::chrono::steady_clock::time_point built_at_;
  bool building_ = false;
};

}  // namespace

void add_status_routes(http::Router& router, store::Store& store, const slo::Evaluations& slos,
                       std::chrono::milliseconds refresh) {
  auto doc = std::make_shared<StatusDocument>(store, slos, refresh);
  router.add(http::Method::kGet, "/api/v1/status",
             [doc](const Request& r) { return doc->serve(r); });
}

}  // namespace vitrine::api
