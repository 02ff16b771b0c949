#pragma once
// `vitrine seed --demo`: the demo portfolio (server/src/app/demo/portfolio.json, embedded).

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

// Migrates the database, then creates the demo projects through the same path as POST
// /api/v1/projects. Projects whose slug exists are skipped, so it can run again. With
// `if_empty`, does nothing when any project exists. Returns the process exit code.
int seed_demo_portfolio(const config::Config& config, bool if_empty);

}  // namespace vitrine::app
