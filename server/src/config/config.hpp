#pragma once
// The effective configuration: flags over the environment over a .env file over defaults,
// with VAR_FILE variants for secrets. Everything is validated at once; every error names
// the variable, the bad value, where it came from and what is accepted.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/parse.hpp"
#include "obs/log.hpp"
#include "store/database_url.hpp"

namespace vitrine::config {

struct Config {
  ListenAddress listen;
  unsigned threads = 0;  // resolved: never 0
  std::chrono::milliseconds shutdown_grace{};
  std::chrono::milliseconds read_timeout{};
  std::chrono::milliseconds write_timeout{};
  std::chrono::milliseconds idle_timeout{};
  std::uint64_t max_body_bytes = 0;
  std::uint64_t max_header_bytes = 0;
  std::uint64_t max_connections = 0;
  std::vector<std::string> cors_origins;
  std::vector<net::AddressRange> trusted_proxies;
  std::string public_url;
  store::DatabaseUrl database;
  unsigned db_pool_size = 0;
  std::chrono::milliseconds db_acquire_timeout{};
  std::chrono::milliseconds db_statement_timeout{};
  bool sqlite_full_sync = false;
  bool auto_migrate = true;
  std::chrono::milliseconds cache_ttl{};
  std::chrono::milliseconds api_token_cache_ttl{};
  std::string jwt_keys;  // VITRINE_JWT_KEYS as given (validated); empty: an ephemeral key
  std::chrono::seconds access_token_ttl{900};
  std::chrono::seconds refresh_token_ttl{14 * 24 * 3600};
  std::string data_key;  // VITRINE_DATA_KEY as given (validated); empty: no MFA, no channels
  unsigned audit_retention_days = 90;
  unsigned check_concurrency = 500;
  std::string check_ca_file;  // empty: the system's bundle
  unsigned tls_warn_days = 14;
  std::chrono::seconds monitor_min_interval{10};
  std::chrono::milliseconds monitor_reload{30'000};
  std::chrono::milliseconds lease_ttl{15'000};
  std::chrono::milliseconds status_refresh{10'000};
  std::chrono::milliseconds slo_evaluation{60'000};  // VITRINE_SLO_EVALUATION
  std::string web_dir;                               // empty: the dashboard built into the binary
  unsigned results_retention_days = 30;
  unsigned rollup_retention_days = 400;
  std::chrono::milliseconds notify_timeout{10'000};
  unsigned notify_max_attempts = 10;
  std::chrono::milliseconds notify_retry_base{30'000};
  std::chrono::milliseconds notify_retry_max{3'600'000};
  // OpenID Connect: off while oidc_issuer is empty; then audience and JWKS are set too.
  std::string oidc_issuer;
  std::string oidc_audience;
  std::string oidc_jwks;  // an absolute path, or an http(s) URL
  std::chrono::seconds oidc_jwks_refresh{3600};
  std::string oidc_role_claim = "roles";
  std::string oidc_role_map;             // validated: auth::parse_role_map accepts it
  std::string bootstrap_admin_email;     // empty: no first-start admin
  std::string bootstrap_admin_password;  // set exactly when the email is
  obs::Level log_level = obs::Level::kInfo;
  obs::Format log_format = obs::Format::kJson;
  std::string otlp_endpoint;        // empty: spans are not exported
  double trace_sample_ratio = 1.0;  // of the traces that start here
  std::uint64_t trace_queue_size = 2048;
};

// What the loader reads, gathered by the caller (main) so tests can pass their own.
struct Inputs {
  std::map<std::string, std::string> environment;  // the process environment
  std::map<std::string, std::string> flags;        // setting env name → flag value
  std::optional<std::string> env_file;             // --env-file: must exist
  std::string default_env_file = ".env";           // read when present
};

// Where a value came from, for `config check` and error messages.
struct Value {
  std::string text;
  std::string
      source;  // "default", "environment", "VITRINE_X_FILE (/run/secrets/x)", ".env:3", "--flag"
};

struct Loaded {
  std::optional<Config> config;         // set when there are no errors
  std::map<std::string, Value> values;  // by variable name, every setting
  std::vector<std::string> errors;      // each names the variable and what is accepted
  std::vector<std::string> warnings;    // unknown VITRINE_* variables, ...
};

Loaded load(const Inputs& inputs);

// The process environment as a map.
std::map<std::string, std::string> process_environment();

// A value fit to print: secrets masked, passwords in URLs masked.
std::string display_value(std::string_view env, std::string_view value);

}  // namespace vitrine::config
