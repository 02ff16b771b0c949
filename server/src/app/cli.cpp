#include "app/cli.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/backup.hpp"
#include "app/build_info.hpp"
#include "app/healthcheck.hpp"
#include "app/seed.hpp"
#include "app/serve.hpp"
#include "app/slos.hpp"
#include "app/store_setup.hpp"
#include "app/tokens.hpp"
#include "app/users.hpp"
#include "auth/permissions.hpp"
#include "config/config.hpp"
#include "config/settings.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"

namespace vitrine::app {
namespace {

// Every setting as a flag (--listen for VITRINE_LISTEN ...) plus --env-file.
class ConfigFlags {
 public:
  void add_to(CLI::App& cmd) {
    cmd.add_option("--env-file", env_file_,
                   "Read settings from this file (default: ./.env if present)");
    for (const config::Setting& s : config::settings()) {
      auto& slot = values_[std::string(s.env)];
      slot.second =
          cmd.add_option(config::flag_name(s), slot.first,
                         fmt::format("{} [{}] (default '{}')", s.help, s.env, s.default_value));
    }
  }

  [[nodiscard]] config::Inputs inputs() const {
    config::Inputs in;
    in.environment = config::process_environment();
    for (const auto& [env, slot] : values_) {
      if (slot.second != nullptr && slot.second->count() > 0) {
        in.flags[env] = slot.first;
      }
    }
    if (!env_file_.empty()) {
      in.env_file = env_file_;
    }
    return in;
  }

 private:
  std::string env_file_;
  // Flag text and its option, per variable; std::map keeps the addresses CLI11 writes to.
  std::map<std::string, std::pair<std::string, CLI::Option*>> values_;
};

// Loads the configuration; on errors prints them all and returns nullopt.
std::optional<config::Loaded> load_or_report(const ConfigFlags& flags) {
  config::Loaded loaded = config::load(flags.inputs());
  if (!loaded.errors.empty()) {
    std::cerr << "vitrine: invalid configuration:\n";
    for (const auto& e : loaded.errors) {
      std::cerr << "  " << e << '\n';
    }
    return std::nullopt;
  }
  return loaded;
}

// Runs `command` with the configuration that `flags` give; exit 2 (the errors printed) when
// it is invalid.
template <typename Command>
int with_config(const ConfigFlags& flags, Command&& command) {
  const auto loaded = load_or_report(flags);
  return loaded ? std::forward<Command>(command)(*loaded) : kExitUsage;
}

int config_check(const config::Loaded& loaded) {
  for (const config::Setting& s : config::settings()) {
    const config::Value& v = loaded.values.at(std::string(s.env));
    std::cout << fmt::format("{}={}  # {}\n", s.env, config::display_value(s.env, v.text),
                             v.source);
  }
  for (const auto& w : loaded.warnings) {
    std::cerr << "warning: " << w << '\n';
  }
  std::cout << "configuration OK\n";
  return 0;
}

int migrate(const config::Config& config, bool status_only) {
  try {
    auto store = store::open_store(store_options(config));
    const store::MigrationReport r = store->migrate(!status_only);
    for (const auto& name : r.applied) {
      std::cout << "applied " << name << '\n';
    }
    for (const auto& name : r.pending) {
      std::cout << "pending " << name << '\n';
    }
    std::cout << fmt::format("{} schema at version {}{}\n", store::to_string(store->backend()),
                             r.schema_version,
                             r.applied.empty() && r.pending.empty() ? " (up to date)" : "");
    return status_only && !r.pending.empty() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "vitrine migrate: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

int run_cli(int argc, char** argv, std::chrono::steady_clock::time_point process_start) {
  const BuildInfo build = build_info();
  CLI::App app{"Vitrine: a self-hosted engineering portfolio that proves itself.", "vitrine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("vitrine {}", build.version));

  ConfigFlags serve_flags;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the HTTP server until SIGTERM/SIGINT.");
  serve_flags.add_to(*serve_cmd);

  CLI::App* version_cmd = app.add_subcommand("version", "Print version, commit and build time.");

  CLI::App* config_cmd = app.add_subcommand("config", "Inspect the configuration.");
  config_cmd->require_subcommand(1);
  ConfigFlags check_flags;
  CLI::App* check_cmd =
      config_cmd->add_subcommand("check",
                                 "Validate the configuration; print the effective values (secrets "
                                 "masked) and where each came from.");
  check_flags.add_to(*check_cmd);

  ConfigFlags health_flags;
  CLI::App* health_cmd = app.add_subcommand(
      "healthcheck",
      "GET /healthz on the local server (VITRINE_LISTEN); exit 0 when healthy, 1 otherwise.");
  health_flags.add_to(*health_cmd);
  int timeout_ms = 2000;
  health_cmd->add_option("--timeout-ms", timeout_ms, "Give up after this many milliseconds")
      ->check(CLI::Range(1, 60000));

  ConfigFlags migrate_flags;
  CLI::App* migrate_cmd = app.add_subcommand(
      "migrate", "Apply pending schema migrations to VITRINE_DATABASE_URL and print the version.");
  migrate_flags.add_to(*migrate_cmd);
  bool migrate_status = false;
  migrate_cmd->add_flag("--status", migrate_status,
                        "Only verify and list pending migrations; exit 1 when any is pending");

  ConfigFlags seed_flags;
  CLI::App* seed_cmd =
      app.add_subcommand("seed", "Fill the database with content (migrating it first).");
  seed_flags.add_to(*seed_cmd);
  bool seed_demo = false;
  bool seed_if_empty = false;
  seed_cmd->add_flag("--demo", seed_demo, "The demo portfolio: a dozen realistic projects")
      ->required();
  seed_cmd->add_flag("--if-empty", seed_if_empty, "Do nothing when projects exist already");
  std::string seed_self;
  seed_cmd->add_option("--self", seed_self,
                       "The URL this server will answer on (http://127.0.0.1:8080): the demo "
                       "then monitors its own pages, with SLOs, when no monitor exists");

  CLI::App* routes_cmd = app.add_subcommand(
      "routes", "Print every route and the permission it needs, one JSON object per line.");

  CLI::App* user_cmd = app.add_subcommand("user", "Manage user accounts.");
  user_cmd->require_subcommand(1);
  ConfigFlags user_flags;
  UserCreateArgs user_args;
  CLI::App* user_create_cmd = user_cmd->add_subcommand(
      "create",
      "Create a user (migrating the database first). The password is read from the first "
      "line of --password-file, or of stdin.");
  user_flags.add_to(*user_create_cmd);
  user_create_cmd->add_option("--email", user_args.email, "Sign-in email address")->required();
  user_create_cmd->add_option("--role", user_args.role, "admin, editor or viewer")->required();
  user_create_cmd->add_option("--name", user_args.display_name,
                              "Display name (default: the email's local part)");
  user_create_cmd->add_option("--password-file", user_args.password_file,
                              "Read the password from this file's first line");

  CLI::App* token_cmd = app.add_subcommand("token", "Manage API tokens.");
  token_cmd->require_subcommand(1);
  ConfigFlags token_flags;
  TokenCreateArgs token_args;
  CLI::App* token_create_cmd = token_cmd->add_subcommand(
      "create",
      "Create an API token (migrating the database first). Prints the secret alone on stdout; "
      "it is not shown again.");
  token_flags.add_to(*token_create_cmd);
  token_create_cmd->add_option("--name", token_args.name, "What the token is for")->required();
  token_create_cmd
      ->add_option("--scope", token_args.scopes,
                   "read, content:write, deployments:write or monitors:push (repeatable)")
      ->required();
  token_create_cmd->add_option("--expires-in", token_args.expires_in,
                               "Lifetime, 1h to 366d (default 90d)");

  CLI::App* slo_cmd = app.add_subcommand("slo", "Service level objectives.");
  slo_cmd->require_subcommand(1);
  ConfigFlags slo_flags;
  std::vector<std::string> slo_ids;
  CLI::App* slo_rules_cmd = slo_cmd->add_subcommand(
      "rules",
      "Print the Prometheus recording and alerting rules of every SLO (or of those named), for "
      "a rule_files entry; check them with `promtool check rules`.");
  slo_flags.add_to(*slo_rules_cmd);
  slo_rules_cmd->add_option("--slo", slo_ids, "Only this SLO (its id; repeatable)");

  ConfigFlags backup_flags;
  BackupArgs backup_args;
  CLI::App* backup_cmd = app.add_subcommand(
      "backup",
      "Copy the SQLite database to a file while the server runs; the copy is checked "
      "(integrity, schema) before it takes its name. PostgreSQL: use pgBackRest.");
  backup_flags.add_to(*backup_cmd);
  backup_cmd->add_option("--to", backup_args.to, "The backup file to write")->required();
  backup_cmd->add_flag("--force", backup_args.force, "Replace the file when it exists");
  backup_cmd->add_option("--key-file", backup_args.key_file,
                         "Encrypt the copy with the key in this file (base64url of 32 bytes)");

  ConfigFlags restore_flags;
  RestoreArgs restore_args;
  CLI::App* restore_cmd = app.add_subcommand(
      "restore",
      "Replace the SQLite database with a backup (the server stopped); the backup is checked "
      "first and the current file is kept beside it.");
  restore_flags.add_to(*restore_cmd);
  restore_cmd->add_option("--from", restore_args.from, "The backup file")->required();
  restore_cmd->add_option("--key-file", restore_args.key_file,
                          "The key the backup was encrypted with");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  if (version_cmd->parsed()) {
    std::cout << fmt::format("vitrine {} (commit {}, built {})\n", build.version, build.commit,
                             build.build_time);
    return 0;
  }
  if (routes_cmd->parsed()) {
    for (const auth::RoutePermission& r : auth::route_permissions()) {
      nlohmann::json line{{"method", http::to_string(r.method)},
                          {"route", r.pattern},
                          {"permission", auth::to_string(r.permission)}};
      if (!r.action.empty()) {
        line["action"] = r.action;  // audited as this
        line["audit_success"] = r.audit_success;
      }
      std::cout << line.dump() << '\n';
    }
    return 0;
  }
  if (check_cmd->parsed()) {
    return with_config(check_flags, config_check);
  }
  if (health_cmd->parsed()) {
    return with_config(health_flags, [&](const config::Loaded& c) {
      const HealthcheckResult r = healthcheck(c.config->listen.host, c.config->listen.port,
                                              std::chrono::milliseconds(timeout_ms));
      (r.healthy ? std::cout : std::cerr)
          << (r.healthy ? "healthy: " : "unhealthy: ") << r.message << '\n';
      return r.healthy ? 0 : 1;
    });
  }
  if (migrate_cmd->parsed()) {
    return with_config(migrate_flags,
                       [&](const config::Loaded& c) { return migrate(*c.config, migrate_status); });
  }
  if (seed_cmd->parsed()) {
    return with_config(seed_flags, [&](const config::Loaded& c) {
      return seed_demo_portfolio(*c.config, seed_if_empty, seed_self);
    });
  }
  if (user_create_cmd->parsed()) {
    return with_config(user_flags, [&](const config::Loaded& c) {
      return create_user(*c.config, user_args, std::cin, std::cout, std::cerr);
    });
  }
  if (token_create_cmd->parsed()) {
    return with_config(token_flags, [&](const config::Loaded& c) {
      return create_token(*c.config, token_args, std::cout, std::cerr);
    });
  }
  if (slo_rules_cmd->parsed()) {
    return with_config(slo_flags, [&](const config::Loaded& c) {
      return print_slo_rules(*c.config, slo_ids, std::cout, std::cerr);
    });
  }
  if (backup_cmd->parsed()) {
    return with_config(backup_flags, [&](const config::Loaded& c) {
      return run_backup(*c.config, backup_args, std::cout, std::cerr);
    });
  }
  if (restore_cmd->parsed()) {
    return with_config(restore_flags, [&](const config::Loaded& c) {
      return run_restore(*c.config, restore_args, std::cout, std::cerr);
    });
  }
  if (serve_cmd->parsed()) {
    return with_config(serve_flags, [&](const config::Loaded& c) {
      return serve(*c.config, c.warnings, process_start);
    });
  }
  return kExitUsage;
}

}  // namespace vitrine::app
