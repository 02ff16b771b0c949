#include "app/seed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <nlohmann/json.hpp>

#include "api/monitors.hpp"
#include "api/projects.hpp"
#include "api/settings.hpp"
#include "api/slos.hpp"
#include "app/store_setup.hpp"
#include "config/config.hpp"
#include "domain/project.hpp"
#include "http/problem.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/embedded.hpp"

namespace vitrine::app {
namespace {

// The demo's monitors of the server at `self_url` (its own pages) and their SLOs, into a
// store that has no monitor yet; the projects they belong to must exist.
void seed_demo_monitors(store::Store& store, const config::Config& config,
                        const nlohmann::json& demo, const std::string& self_url) {
  if (!store.monitors().all().empty()) {
    std::cout << "seed: monitors exist already, no demo monitors\n";
    return;
  }
  unsigned monitors = 0;
  unsigned slos = 0;
  for (const nlohmann::json& entry : demo.at("monitors")) {
    const auto project = store.projects().find(entry.at("project").get<std::string>());
    if (!project) {
      continue;  // the owner deleted or renamed it
    }
    nlohmann::json doc = entry.at("monitor");
    doc["target"] = self_url + entry.at("path").get<std::string>();
    doc["project_id"] = project->id;
    // Never below this server's VITRINE_MONITOR_MIN_INTERVAL.
    doc["interval"] = std::max(doc.at("interval").get<std::int64_t>(),
                               std::int64_t{config.monitor_min_interval.count()});
    const api::NewMonitor created =
        api::create_monitor(store, config.monitor_min_interval.count(), doc,
                            domain::system_record("cli", "monitor.create", "monitor", ""));
    ++monitors;
    for (nlohmann::json slo : entry.at("slos")) {
      slo["monitor_id"] = created.monitor.id;
      api::create_slo(store, slo, domain::system_record("cli", "slo.create", "slo", ""));
      ++slos;
    }
  }
  std::cout << fmt::format("seed: created {} demo monitors of {} with {} SLOs\n", monitors,
                           self_url, slos);
}

}  // namespace

int seed_demo_portfolio(const config::Config& config, bool if_empty, const std::string& self_url) {
  if (!self_url.empty() && (!domain::is_http_url(self_url) || self_url.ends_with('/'))) {
    std::cerr << "vitrine seed: --self must be the server's base URL, http:// or https:// "
                 "without a trailing slash (e.g. http://127.0.0.1:8080), not '"
              << self_url << "'\n";
    return 2;
  }
  try {
    auto store = store::open_store(store_options(config));
    store->migrate(true);
    const nlohmann::json demo = nlohmann::json::parse(embedded::demo().front().content);
    if (api::set_settings_if_unedited(
            store->settings(), demo.at("settings"),
            domain::system_record("cli", "settings.update", "settings", ""))) {
      std::cout << "seed: set the demo profile\n";
    }
    const std::uint64_t existing = store->projects().count();
    if (if_empty && existing > 0) {
      std::cout << fmt::format("seed: {} project{} already, nothing to do\n", existing,
                               existing == 1 ? "" : "s");
      return 0;
    }
    unsigned created = 0;
    unsigned skipped = 0;
    for (const nlohmann::json& doc : demo.at("projects")) {
      try {
        api::create_project(store->projects(), doc,
                            domain::system_record("cli", "project.create", "project", ""));
        ++created;
      } catch (const store::Conflict&) {
        ++skipped;  // this slug exists: seeded before, or the owner's own project
      }
    }
    std::cout << fmt::format("seed: created {} demo projects, skipped {} existing\n", created,
                             skipped);
    if (!self_url.empty()) {
      seed_demo_monitors(*store, config, demo, self_url);
    }
    return 0;
  } catch (const http::ProblemError& e) {
    // The demo content itself failed validation: a bug caught by the tests.
    std::cerr << "vitrine seed: invalid demo content: " << e.detail() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "vitrine seed: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace vitrine::app
