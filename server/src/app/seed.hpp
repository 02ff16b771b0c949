#pragma once
// `vitrine seed --demo`: the demo portfolio (server/src/app/demo/portfolio.json, embedded).

#include <string>

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

// Migrates the database, then creates the demo projects through the same path as POST
// /api/v1/projects. Projects whose slug exists are skipped, so it can run again. With
// `if_empty`, does nothing when any project exists. With `self_url` (where the server will
// answer, e.g. http://127.0.0.1:8080), a store without monitors also gets the demo's
// monitors of that server's own pages and their SLOs (as POST /api/v1/monitors and
// /api/v1/slos), so the demo shows live evidence. Returns the process exit code.
int seed_demo_portfolio(const config::Config& config, bool if_empty, const std::string& self_url);

}  // namespace vitrine::app
