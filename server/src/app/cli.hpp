#pragma once
// The command line: serve, version, config check, healthcheck, migrate, seed, users, tokens,
// SLO rules, backup and restore.

#include <chrono>

namespace vitrine::app {

// Exit codes: 0 success, 1 failure at run time (unhealthy, cannot listen), 2 bad usage or
// invalid configuration (kExitUsage, also for the subcommands in app/).
inline constexpr int kExitUsage = 2;

int run_cli(int argc, char** argv, std::chrono::steady_clock::time_point process_start);

}  // namespace vitrine::app
