#include "api/store_problems.hpp"

#include <fmt/format.h>

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

void resource_not_found(std::string_view noun, std::string_view id) {
  throw http::ProblemError(http::problems::kNotFound,
                           fmt::format("No {} '{}'.", noun, id.substr(0, 80)));
}

void changed_since_read(std::string_view noun) {
  throw http::ProblemError(http::problems::kPreconditionFailed,
                           fmt::format("The {} changed since you read it; fetch it again (new "
                                       "ETag) and reapply your change.",
                                       noun));
}

void check_write(store::WriteOutcome outcome, std::string_view noun, std::string_view id) {
  if (outcome == store::WriteOutcome::kNotFound) {
    resource_not_found(noun, id);
  }
  if (outcome == store::WriteOutcome::kStale) {
    changed_since_read(noun);
  }
}

}  // namespace vitrine::api
