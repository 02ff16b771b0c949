#include "app/users.hpp"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli.hpp"
#include "app/store_setup.hpp"
#include "auth/accounts.hpp"
#include "config/config.hpp"
#include "obs/log.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::app {
namespace {

// Turns terminal echo off while the password is typed; restores it on scope exit.
class NoEcho {
 public:
  NoEcho() {
    if (isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved_) == 0) {
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
    }
  }
  ~NoEcho() {
    if (active_) {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
    }
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;
  NoEcho(NoEcho&&) = delete;
  NoEcho& operator=(NoEcho&&) = delete;
  [[nodiscard]] bool active() const { return active_; }

 private:
  termios saved_{};
  bool active_ = false;
};

// The first line of `in`, without its line ending.
std::string first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (line.ends_with('\r')) {
    line.pop_back();
  }
  return line;
}

std::optional<std::string> read_password(const UserCreateArgs& args, std::istream& in,
                                         std::ostream& err) {
  if (!args.password_file.empty()) {
    std::ifstream f(args.password_file, std::ios::binary);
    if (!f) {
      err << "vitrine user create: --password-file " << args.password_file << ": cannot be read\n";
      return std::nullopt;
    }
    return first_line(f);
  }
  const NoEcho no_echo;
  if (no_echo.active()) {
    err << "Password: " << std::flush;
  }
  std::string password = first_line(in);
  if (no_echo.active()) {
    err << '\n';
  }
  return password;
}

// The audit record of the server or the CLI (`actor`) creating `user`.
domain::AuditEvent created_by_system(std::string_view actor, const domain::User& user) {
  domain::AuditEvent e = domain::system_record(actor, "user.create", "user", user.id);
  e.details["changes"] = domain::diff(nullptr, domain::audit_view(user));
  return e;
}

}  // namespace

int create_user(const config::Config& config, const UserCreateArgs& args, std::istream& in,
                std::ostream& out, std::ostream& err) {
  const auto role = domain::parse_role(args.role);
  if (!role) {
    err << "vitrine user create: --role '" << args.role
        << "' is not a role; expected admin, editor or viewer\n";
    return kExitUsage;
  }
  const auto password = read_password(args, in, err);
  if (!password) {
    return kExitUsage;
  }
  const auth::PasswordHasher hasher;
  auto made =
      auth::make_account({args.email, args.display_name, *role, *password}, hasher, util::now_us());
  if (const auto* errors = std::get_if<std::vector<domain::FieldError>>(&made)) {
    err << "vitrine user create: " << auth::describe(*errors) << '\n';
    return kExitUsage;
  }
  const domain::User& user = std::get<domain::User>(made);
  try {
    auto store = store::open_store(store_options(config));
    store->migrate(true);
    store->users().insert(user, created_by_system("cli", user));
  } catch (const store::Conflict&) {
    err << "vitrine user create: a user with the email " << user.email << " exists already\n";
    return 1;
  } catch (const std::exception& e) {
    err << "vitrine user create: " << e.what() << '\n';
    return 1;
  }
  out << fmt::format("created {} {} (id {})\n", domain::to_string(user.role), user.email, user.id);
  return 0;
}

bool ensure_bootstrap_admin(const config::Config& config, store::Store& store,
                            const obs::Logger& log) {
  if (config.bootstrap_admin_email.empty()) {
    return true;
  }
  try {
    if (store.users().count() > 0) {
      return true;  // the usual case after the first start: nothing to do, nothing to log
    }
    const auth::PasswordHasher hasher;
    auto made = auth::make_account(
        {config.bootstrap_admin_email, "", domain::Role::kAdmin, config.bootstrap_admin_password},
        hasher, util::now_us());
    if (const auto* errors = std::get_if<std::vector<domain::FieldError>>(&made)) {
      log.error("cannot create the bootstrap admin", {{"error", auth::describe(*errors)}});
      return false;
    }
    const domain::User& admin = std::get<domain::User>(made);
    if (store.users().insert_first(admin, created_by_system("server", admin))) {
      // No email: the log scrubber would mask it anyway (personal data stays out of logs).
      log.info("bootstrap admin created", {{"event", "user.bootstrap"}, {"user_id", admin.id}});
    }
    return true;
  } catch (const store::Conflict&) {
    return true;  // another replica created the same admin at the same moment
  } catch (const std::exception& e) {
    log.error("cannot create the bootstrap admin", {{"error", e.what()}});
    return false;
  }
}

}  // namespace vitrine::app
