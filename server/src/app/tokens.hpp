#pragma once
// API tokens from outside the API: `vitrine token create`, for the first CI token of a new
// installation and for scripts that provision one without a browser session.

#include <iosfwd>
#include <string>
#include <vector>

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

struct TokenCreateArgs {
  std::string name;
  std::vector<std::string> scopes;  // read, content:write, deployments:write, monitors:push
  std::string expires_in = "90d";   // a duration from 1h to 366d
};

// Migrates the store, then creates the token and prints its secret alone on `out` (so
// `TOKEN=$(vitrine token create ...)` works); the rest goes to `err`. Exit status: 0
// created, 1 the store failed, 2 invalid input.
int create_token(const config::Config& config, const TokenCreateArgs& args, std::ostream& out,
                 std::ostream& err);

}  // namespace vitrine::app
