#include "app/slos.hpp"

#include <iostream>

#include "app/cli.hpp"
#include "app/store_setup.hpp"
#include "domain/slo_rules.hpp"
#include "store/store.hpp"

namespace vitrine::app {

int print_slo_rules(const config::Config& config, const std::vector<std::string>& ids,
                    std::ostream& out, std::ostream& err) {
  std::vector<domain::Slo> slos;
  try {
    auto store = store::open_store(store_options(config));
    if (!store->migrate(false).pending.empty()) {
      err << "vitrine slo rules: the database schema is not up to date; run `vitrine migrate`\n";
      return 1;
    }
    if (ids.empty()) {
      slos = store->slos().all();
    }
    for (const std::string& id : ids) {
      auto slo = store->slos().find(id);
      if (!slo) {
        err << "vitrine slo rules: --slo '" << id
            << "' names no SLO; expected the id of one (GET /api/v1/slos)\n";
        return kExitUsage;
      }
      slos.push_back(std::move(*slo));
    }
  } catch (const std::exception& e) {
    err << "vitrine slo rules: " << e.what() << '\n';
    return 1;
  }
  out << domain::prometheus_rules(slos);
  return 0;
}

}  // namespace vitrine::app
