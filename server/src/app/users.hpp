#pragma once
// User accounts from outside the API: `vitrine user create`, and the first admin created at
// start from VITRINE_BOOTSTRAP_ADMIN_EMAIL and VITRINE_BOOTSTRAP_ADMIN_PASSWORD.

#include <iosfwd>
#include <string>

namespace vitrine::config {
struct Config;
}
namespace vitrine::obs {
class Logger;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::app {

struct UserCreateArgs {
  std::string email;
  std::string role;           // admin, editor or viewer
  std::string display_name;   // empty: the email's local part
  std::string password_file;  // empty: read the password from stdin
};

// Migrates the store, then creates the account. Exit status: 0 created, 1 the store failed
// or the email is taken, 2 invalid input (every problem printed to `err`).
int create_user(const config::Config& config, const UserCreateArgs& args, std::istream& in,
                std::ostream& out, std::ostream& err);

// Creates the configured first admin when the store holds no user yet. False (logged) when
// it could not be created; true when created, not configured, or users exist already.
bool ensure_bootstrap_admin(const config::Config& config, store::Store& store,
                            const obs::Logger& log);

}  // namespace vitrine::app
