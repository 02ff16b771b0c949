#include "app/seed.hpp"

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "api/projects.hpp"
#include "api/settings.hpp"
#include "app/store_setup.hpp"
#include "config/config.hpp"
#include "http/problem.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/embedded.hpp"

namespace vitrine::app {

int seed_demo_portfolio(const config::Config& config, bool if_empty) {
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
