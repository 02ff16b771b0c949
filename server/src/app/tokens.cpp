#include "app/tokens.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "app/cli.hpp"
#include "app/store_setup.hpp"
#include "auth/api_tokens.hpp"
#include "config/config.hpp"
#include "config/parse.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::app {

int create_token(const config::Config& config, const TokenCreateArgs& args, std::ostream& out,
                 std::ostream& err) {
  domain::Scopes scopes = 0;
  for (const std::string& name : args.scopes) {
    const auto scope = domain::parse_scope(name);
    if (!scope) {
      err << "vitrine token create: --scope '" << name
          << "' is not a scope; expected read, content:write, deployments:write or "
             "monitors:push\n";
      return kExitUsage;
    }
    scopes |= static_cast<domain::Scopes>(*scope);
  }
  const auto lifetime =
      config::parse_duration(args.expires_in, std::chrono::hours(1), std::chrono::hours(24 * 366));
  if (!lifetime.ok()) {
    err << "vitrine token create: --expires-in '" << args.expires_in << "': " << lifetime.error()
        << "; expected a duration from 1h to 366d\n";
    return kExitUsage;
  }
  const std::int64_t now_us = util::now_us();
  const std::int64_t expires_at_us =
      now_us + std::chrono::duration_cast<std::chrono::microseconds>(lifetime.value()).count();
  const auth::MintedToken minted =
      auth::mint_api_token(args.name, scopes, expires_at_us, "cli", now_us);
  if (const auto errors = domain::validate(minted.token, now_us); !errors.empty()) {
    for (const auto& e : errors) {
      err << "vitrine token create: " << (e.field == "name" ? "--name" : "--scope") << ' '
          << e.message << '\n';
    }
    return kExitUsage;
  }
  try {
    auto store = store::open_store(store_options(config));
    store->migrate(true);
    domain::AuditEvent record =
        domain::system_record("cli", "token.create", "token", minted.token.id);
    record.details["changes"] = {
        {"name", {{"from", nullptr}, {"to", minted.token.name}}},
        {"scopes", {{"from", nullptr}, {"to", domain::scope_names(minted.token.scopes)}}}};
    store->tokens().insert(minted.token, record);
  } catch (const std::exception& e) {
    err << "vitrine token create: " << e.what() << '\n';
    return 1;
  }
  err << fmt::format("created API token {} ({}), scopes {}, expires {}\n", minted.token.id,
                     minted.token.name, domain::scopes_text(scopes),
                     util::rfc3339_ms(expires_at_us));
  out << minted.secret << '\n';
  return 0;
}

}  // namespace vitrine::app
