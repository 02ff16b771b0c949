#pragma once
// The one mapping from store failures to problem types, plugged into the error boundary.

#include <exception>
#include <optional>

#include "http/problem.hpp"

namespace vitrine::api {

// store::Unavailable → 503 database-unavailable, store::Conflict → 409 conflict naming the
// field; nullopt for anything else.
std::optional<http::ProblemError> store_problem(const std::exception& error);

}  // namespace vitrine::api
