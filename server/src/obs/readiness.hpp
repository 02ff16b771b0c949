#pragma once
// Readiness checks of the dependencies the service needs to answer requests (database,
// Redis, ...), registered by the components that own them and run by GET /readyz.

#include <functional>
#include <string>
#include <vector>

namespace vitrine::obs {

struct CheckOutcome {
  bool ok = true;
  std::string detail;  // shown in /readyz: say what failed, never credentials
};

class Readiness {
 public:
  using Check = std::function<CheckOutcome()>;

  struct Result {
    std::string name;
    bool ok;
    std::string detail;
    double seconds;
  };
  struct Report {
    bool ok;
    std::vector<Result> checks;
  };

  // Register at start-up, before the server runs; checks may run concurrently.
  void add(std::string name, Check check);
  // Runs every check, in registration order; a check that throws counts as failed.
  [[nodiscard]] Report run() const;

 private:
  std::vector<std::pair<std::string, Check>> checks_;
};

}  // namespace vitrine::obs
