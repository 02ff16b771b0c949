#pragma once
// /api/v1/projects: the portfolio's projects (list, read, create, merge-patch, delete).

#include <nlohmann/json_fwd.hpp>

#include "domain/audit.hpp"
#include "domain/project.hpp"

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
class ProjectStore;
}  // namespace vitrine::store

namespace vitrine::api {

class InvalidationBus;
class ResponseCache;

struct ProjectsDeps {
  store::Store& store;
  ResponseCache& cache;
  InvalidationBus& bus;  // told after every committed write
  // Who may call what is decided before the handlers run (auth/permissions.cpp).
};

void add_project_routes(http::Router& router, const ProjectsDeps& deps);

// Creates a project from a client document, as POST does (and `vitrine seed`): validates
// (422 ProblemError listing every error), derives a free slug when none is given, renders
// the body and inserts, with `audit` (target and diff filled in here) in the same
// transaction. Throws store::Conflict when the chosen slug is taken.
domain::Project create_project(store::ProjectStore& projects, const nlohmann::json& doc,
                               domain::AuditEvent audit);

}  // namespace vitrine::api
