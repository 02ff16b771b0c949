#pragma once
// The one mapping from store failures to problem types, plugged into the error boundary.

#include <exception>
#include <optional>
#include <string_view>

#include "http/problem.hpp"
#include "store/store.hpp"

namespace vitrine::api {

// store::Unavailable → 503 database-unavailable, store::Conflict → 409 conflict naming the
// field; nullopt for anything else.
std::optional<http::ProblemError> store_problem(const std::exception& error);

// The answers of a versioned resource named `noun` ("SLO", "maintenance window"):
// 404 not-found, "No <noun> '<id>'." (the id cut to 80 characters).
[[noreturn]] void resource_not_found(std::string_view noun, std::string_view id);
// 412 precondition-failed: the resource changed since the client read it.
[[noreturn]] void changed_since_read(std::string_view noun);
// A write's outcome: kNotFound and kStale as the two above; kDone returns.
void check_write(store::WriteOutcome outcome, std::string_view noun, std::string_view id);

}  // namespace vitrine::api
