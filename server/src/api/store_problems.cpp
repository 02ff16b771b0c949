#include "api/store_problems.hpp"

#include <nlohmann/json.hpp>

#include "store/errors.hpp"

namespace vitrine::api {

std::optional<http::ProblemError> store_problem(const std::exception& error) {
  if (dynamic_cast<const store::Unavailable*>(&error) != nullptr ||
      dynamic_cast<const store::SchemaError*>(&error) != nullptr) {
    // The cause stays in the log; clients learn only that retrying may help.
    return http::ProblemError(http::problems::kDatabaseUnavailable,
                              "The database is unavailable; retry shortly.");
  }
  if (const auto* c = dynamic_cast<const store::Conflict*>(&error)) {
    return http::ProblemError(
        http::problems::kConflict, "Another resource already has this " + c->field() + ".",
        std::make_shared<const nlohmann::json>(nlohmann::json{{"field", c->field()}}));
  }
  return std::nullopt;
}

}  // namespace vitrine::api
