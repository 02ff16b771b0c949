#include "config/config.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "auth/jwt.hpp"
#include "auth/oidc.hpp"
#include "auth/password.hpp"
#include "auth/sealed_box.hpp"
#include "config/dotenv.hpp"
#include "config/settings.hpp"
#include "domain/user.hpp"

extern char**
    environ;  // NOLINT(readability-redundant-declaration,cppcoreguidelines-avoid-non-const-global-variables)

namespace vitrine::config {
namespace {

using std::chrono::milliseconds;
constexpr std::string_view kFileSuffix = "_FILE";

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A VAR_FILE secret: the file's content without the one final newline editors add.
std::optional<std::string> read_secret_file(const std::string& path, std::string& error) {
  auto read = read_text_file(path);
  if (!read) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  std::string content = std::move(*read);
  if (content.ends_with("\r\n")) {
    content.resize(content.size() - 2);
  } else if (content.ends_with('\n')) {
    content.pop_back();
  }
  return content;
}

// Resolves one setting from flags, environment, .env and default.
class Resolver {
 public:
  Resolver(const Inputs& inputs, const DotenvFile& dotenv, std::string dotenv_name, Loaded& out)
      : in_(inputs), dotenv_(dotenv), dotenv_name_(std::move(dotenv_name)), out_(out) {
    for (const auto& [k, e] : dotenv_.entries) {
      dotenv_values_[k] = e.value;
    }
  }

  void resolve(const Setting& s) {
    const std::string env(s.env);
    const std::string file_env = env + std::string(kFileSuffix);
    Value v{std::string(s.default_value), "default"};
    if (auto f = in_.flags.find(env); f != in_.flags.end()) {
      v = {f->second, flag_name(s)};
    } else if (!from_pair(env, file_env, in_.environment, "environment", v)) {
      std::string where = dotenv_name_;
      if (auto e = dotenv_.entries.find(env); e != dotenv_.entries.end()) {
        where += ":" + std::to_string(e->second.line);
      } else if (auto e2 = dotenv_.entries.find(file_env); e2 != dotenv_.entries.end()) {
        where += ":" + std::to_string(e2->second.line);
      }
      from_pair(env, file_env, dotenv_values_, where, v);
    }
    out_.values[env] = v;
  }

 private:
  // VAR or VAR_FILE from one source; both at once is an error.
  bool from_pair(const std::string& env, const std::string& file_env,
                 const std::map<std::string, std::string>& source, const std::string& where,
                 Value& v) {
    const auto direct = source.find(env);
    const auto file = source.find(file_env);
    if (direct != source.end() && file != source.end()) {
      out_.errors.push_back(
          fmt::format("{} and {} are both set in the {}; set only one", env, file_env, where));
      return true;
    }
    if (direct != source.end()) {
      v = {direct->second, where};
      return true;
    }
    if (file != source.end()) {
      std::string error;
      if (auto content = read_secret_file(file->second, error)) {
        v = {*content, file_env + " (" + file->second + ")"};
      } else {
        out_.errors.push_back(fmt::format("{}: {} (from the {})", file_env, error, where));
      }
      return true;
    }
    return false;
  }

  const Inputs& in_;
  const DotenvFile& dotenv_;
  std::string dotenv_name_;
  std::map<std::string, std::string> dotenv_values_;
  Loaded& out_;
};

// Typed parsing of the resolved values into a Config.
class Builder {
 public:
  explicit Builder(Loaded& out) : out_(out) {}

  template <typename T>
  std::optional<T> take(std::string_view env, const Parsed<T>& parsed) {
    if (parsed.ok()) {
      return parsed.value();
    }
    fail(env, parsed.error());
    return std::nullopt;
  }

  void fail(std::string_view env, std::string_view why) {
    const Setting* s = find_setting(env);
    const Value& v = out_.values.at(std::string(env));
    out_.errors.push_back(fmt::format("{}='{}' (from {}) is invalid: {}; expected {}", env,
                                      display_value(env, v.text), v.source, why,
                                      s != nullptr ? s->accepted : "a valid value"));
  }

  const std::string& text(std::string_view env) { return out_.values.at(std::string(env)).text; }

 private:
  Loaded& out_;
};

}  // namespace

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::size_t eq = entry.find('=');
    if (eq != std::string_view::npos) {
      env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

std::string display_value(std::string_view env, std::string_view value) {
  const Setting* s = find_setting(env);
  if (value.empty()) {
    return std::string(value);
  }
  if (s != nullptr && s->secret) {
    return "********";
  }
  // user:password@ in a URL
  const std::size_t scheme = value.find("://");
  const std::size_t at = value.find('@');
  if (scheme != std::string_view::npos && at != std::string_view::npos && at > scheme) {
    const std::size_t colon = value.find(':', scheme + 3);
    if (colon != std::string_view::npos && colon < at) {
      return std::string(value.substr(0, colon + 1)) + "********" + std::string(value.substr(at));
    }
  }
  return std::string(value);
}

Loaded load(const Inputs& inputs) {
  Loaded out;
  // .env: an explicit --env-file must exist; the default one is optional.
  DotenvFile dotenv;
  std::string dotenv_name = inputs.env_file.value_or(inputs.default_env_file);
  if (auto content = read_text_file(dotenv_name)) {
    dotenv = parse_dotenv(*content, dotenv_name);
    out.errors.insert(out.errors.end(), dotenv.errors.begin(), dotenv.errors.end());
  } else if (inputs.env_file) {
    out.errors.push_back("--env-file: cannot read '" + dotenv_name + "'");
  }

  Resolver resolver(inputs, dotenv, dotenv_name, out);
  for (const Setting& s : settings()) {
    resolver.resolve(s);
  }

  // Unknown VITRINE_* names are most likely typos: say so, but keep going. A removed
  // setting that granted access is an error: scripts relying on it would fail later, and
  // less clearly.
  auto check_unknown = [&](const std::string& name, std::string_view where) {
    if (!name.starts_with("VITRINE_")) {
      return;
    }
    if (name == "VITRINE_ADMIN_TOKEN" || name == "VITRINE_ADMIN_TOKEN_FILE") {
      out.errors.push_back(fmt::format(
          "{} (from the {}) was removed: create an API token with `vitrine token create "
          "--name NAME --scope content:write` and send it as the bearer token",
          name, where));
      return;
    }
    std::string_view base = name;
    if (base.ends_with(kFileSuffix)) {
      base.remove_suffix(kFileSuffix.size());
    }
    if (find_setting(base) == nullptr) {
      out.warnings.push_back(
          fmt::format("unknown setting {} in the {} (ignored; see .env.example)", name, where));
    }
  };
  for (const auto& [k, v] : inputs.environment) {
    check_unknown(k, "environment");
  }
  for (const auto& [k, v] : dotenv.entries) {
    check_unknown(k, dotenv_name);
  }

  Builder b(out);
  Config c;
  if (auto v = b.take("VITRINE_LISTEN", parse_listen(b.text("VITRINE_LISTEN")))) {
    c.listen = *v;
  }
  if (auto v = b.take("VITRINE_THREADS", parse_uint(b.text("VITRINE_THREADS"), 0, 256))) {
    c.threads =
        *v == 0 ? std::max(1U, std::thread::hardware_concurrency()) : static_cast<unsigned>(*v);
  }
  const auto duration = [&](std::string_view env, milliseconds min, milliseconds max,
                            milliseconds& field) {
    if (auto v = b.take(env, parse_duration(b.text(env), min, max))) {
      field = *v;
    }
  };
  duration("VITRINE_SHUTDOWN_GRACE", milliseconds(0), std::chrono::minutes(10), c.shutdown_grace);
  duration("VITRINE_READ_TIMEOUT", milliseconds(100), std::chrono::hours(1), c.read_timeout);
  duration("VITRINE_WRITE_TIMEOUT", milliseconds(100), std::chrono::hours(1), c.write_timeout);
  duration("VITRINE_IDLE_TIMEOUT", milliseconds(100), std::chrono::hours(1), c.idle_timeout);
  if (auto v = b.take("VITRINE_MAX_BODY_BYTES",
                      parse_size(b.text("VITRINE_MAX_BODY_BYTES"), 0, 1ULL << 30U))) {
    c.max_body_bytes = *v;
  }
  if (auto v = b.take("VITRINE_MAX_HEADER_BYTES",
                      parse_size(b.text("VITRINE_MAX_HEADER_BYTES"), 1024, 65536))) {
    c.max_header_bytes = *v;
  }
  if (auto v = b.take("VITRINE_MAX_CONNECTIONS",
                      parse_uint(b.text("VITRINE_MAX_CONNECTIONS"), 1, 1'000'000))) {
    c.max_connections = *v;
  }
  if (auto v = b.take("VITRINE_CORS_ORIGINS", parse_origins(b.text("VITRINE_CORS_ORIGINS")))) {
    c.cors_origins = *v;
  }
  if (auto v = b.take("VITRINE_TRUSTED_PROXIES",
                      parse_address_ranges(b.text("VITRINE_TRUSTED_PROXIES")))) {
    c.trusted_proxies = *v;
  }
  if (auto v = b.take("VITRINE_PUBLIC_URL", parse_public_url(b.text("VITRINE_PUBLIC_URL")))) {
    c.public_url = *v;
  }
  c.web_dir = b.text("VITRINE_WEB_DIR");
  if (auto v = b.take("VITRINE_DATABASE_URL",
                      store::parse_database_url(b.text("VITRINE_DATABASE_URL")))) {
    c.database = *v;
  }
  if (auto v = b.take("VITRINE_DB_POOL_SIZE", parse_uint(b.text("VITRINE_DB_POOL_SIZE"), 1, 256))) {
    c.db_pool_size = static_cast<unsigned>(*v);
  }
  duration("VITRINE_DB_ACQUIRE_TIMEOUT", milliseconds(10), std::chrono::minutes(1),
           c.db_acquire_timeout);
  duration("VITRINE_DB_STATEMENT_TIMEOUT", milliseconds(100), std::chrono::minutes(10),
           c.db_statement_timeout);
  if (const std::string& sync = b.text("VITRINE_SQLITE_SYNCHRONOUS"); sync == "full") {
    c.sqlite_full_sync = true;
  } else if (sync != "normal") {
    b.fail("VITRINE_SQLITE_SYNCHRONOUS", "unknown mode");
  }
  if (auto v = b.take("VITRINE_AUTO_MIGRATE", parse_bool(b.text("VITRINE_AUTO_MIGRATE")))) {
    c.auto_migrate = *v;
  }
  duration("VITRINE_CACHE_TTL", milliseconds(0), std::chrono::hours(1), c.cache_ttl);
  duration("VITRINE_API_TOKEN_CACHE_TTL", milliseconds(0), std::chrono::minutes(1),
           c.api_token_cache_ttl);
  c.jwt_keys = b.text("VITRINE_JWT_KEYS");
  if (!c.jwt_keys.empty()) {
    try {
      static_cast<void>(auth::JwtKeyRing::parse_hs256(c.jwt_keys));
    } catch (const std::invalid_argument& e) {
      b.fail("VITRINE_JWT_KEYS", e.what());
    }
  }
  {
    std::chrono::milliseconds ttl{};
    duration("VITRINE_ACCESS_TOKEN_TTL", std::chrono::minutes(1), std::chrono::minutes(15), ttl);
    c.access_token_ttl = std::chrono::duration_cast<std::chrono::seconds>(ttl);
  }
  {
    std::chrono::milliseconds ttl{};
    duration("VITRINE_REFRESH_TOKEN_TTL", std::chrono::hours(1), std::chrono::hours(24 * 90), ttl);
    c.refresh_token_ttl = std::chrono::duration_cast<std::chrono::seconds>(ttl);
  }
  if (auto v = b.take("VITRINE_AUDIT_RETENTION_DAYS",
                      parse_uint(b.text("VITRINE_AUDIT_RETENTION_DAYS"), 1, 3650))) {
    c.audit_retention_days = static_cast<unsigned>(*v);
  }
  if (auto v = b.take("VITRINE_CHECK_CONCURRENCY",
                      parse_uint(b.text("VITRINE_CHECK_CONCURRENCY"), 1, 20'000))) {
    c.check_concurrency = static_cast<unsigned>(*v);
  }
  c.check_ca_file = b.text("VITRINE_CHECK_CA_FILE");
  if (!c.check_ca_file.empty() && c.check_ca_file.front() != '/') {
    b.fail("VITRINE_CHECK_CA_FILE", "must be an absolute path to a PEM file");
  }
  if (auto v =
          b.take("VITRINE_TLS_WARN_DAYS", parse_uint(b.text("VITRINE_TLS_WARN_DAYS"), 0, 365))) {
    c.tls_warn_days = static_cast<unsigned>(*v);
  }
  {
    std::chrono::milliseconds floor{};
    duration("VITRINE_MONITOR_MIN_INTERVAL", std::chrono::seconds(1), std::chrono::seconds(10),
             floor);
    c.monitor_min_interval = std::chrono::duration_cast<std::chrono::seconds>(floor);
  }
  duration("VITRINE_MONITOR_RELOAD", std::chrono::seconds(1), std::chrono::minutes(10),
           c.monitor_reload);
  duration("VITRINE_LEASE_TTL", std::chrono::seconds(3), std::chrono::minutes(10), c.lease_ttl);
  duration("VITRINE_STATUS_REFRESH", std::chrono::seconds(1), std::chrono::minutes(5),
           c.status_refresh);
  duration("VITRINE_SLO_EVALUATION", std::chrono::seconds(1), std::chrono::hours(1),
           c.slo_evaluation);
  if (auto v = b.take("VITRINE_RESULTS_RETENTION_DAYS",
                      parse_uint(b.text("VITRINE_RESULTS_RETENTION_DAYS"), 1, 3650))) {
    c.results_retention_days = static_cast<unsigned>(*v);
  }
  if (auto v = b.take("VITRINE_ROLLUP_RETENTION_DAYS",
                      parse_uint(b.text("VITRINE_ROLLUP_RETENTION_DAYS"), 1, 3650))) {
    c.rollup_retention_days = static_cast<unsigned>(*v);
  }
  duration("VITRINE_NOTIFY_TIMEOUT", std::chrono::seconds(1), std::chrono::minutes(2),
           c.notify_timeout);
  if (auto v = b.take("VITRINE_NOTIFY_MAX_ATTEMPTS",
                      parse_uint(b.text("VITRINE_NOTIFY_MAX_ATTEMPTS"), 1, 50))) {
    c.notify_max_attempts = static_cast<unsigned>(*v);
  }
  duration("VITRINE_NOTIFY_RETRY_BASE", milliseconds(100), std::chrono::hours(1),
           c.notify_retry_base);
  duration("VITRINE_NOTIFY_RETRY_MAX", std::chrono::seconds(1), std::chrono::hours(24),
           c.notify_retry_max);
  c.oidc_issuer = b.text("VITRINE_OIDC_ISSUER");
  c.oidc_audience = b.text("VITRINE_OIDC_AUDIENCE");
  c.oidc_jwks = b.text("VITRINE_OIDC_JWKS");
  c.oidc_role_claim = b.text("VITRINE_OIDC_ROLE_CLAIM");
  c.oidc_role_map = b.text("VITRINE_OIDC_ROLE_MAP");
  {
    std::chrono::milliseconds refresh{};
    duration("VITRINE_OIDC_JWKS_REFRESH", std::chrono::minutes(1), std::chrono::hours(24), refresh);
    c.oidc_jwks_refresh = std::chrono::duration_cast<std::chrono::seconds>(refresh);
  }
  if (!c.oidc_issuer.empty()) {
    if (c.oidc_audience.empty()) {
      b.fail("VITRINE_OIDC_AUDIENCE", "required with VITRINE_OIDC_ISSUER");
    }
    if (!c.oidc_jwks.starts_with("/") && !c.oidc_jwks.starts_with("http://") &&
        !c.oidc_jwks.starts_with("https://")) {
      b.fail("VITRINE_OIDC_JWKS", "required with VITRINE_OIDC_ISSUER: a path or URL");
    }
    if (c.oidc_role_claim.empty()) {
      b.fail("VITRINE_OIDC_ROLE_CLAIM", "must name a claim");
    }
  }
  try {
    static_cast<void>(auth::parse_role_map(c.oidc_role_map));
  } catch (const std::invalid_argument& e) {
    b.fail("VITRINE_OIDC_ROLE_MAP", e.what());
  }
  c.data_key = b.text("VITRINE_DATA_KEY");
  if (!c.data_key.empty()) {
    try {
      static_cast<void>(auth::DataKey::parse(c.data_key));
    } catch (const std::invalid_argument& e) {
      b.fail("VITRINE_DATA_KEY", e.what());
    }
  }
  c.bootstrap_admin_email = b.text("VITRINE_BOOTSTRAP_ADMIN_EMAIL");
  c.bootstrap_admin_password = b.text("VITRINE_BOOTSTRAP_ADMIN_PASSWORD");
  if (!c.bootstrap_admin_email.empty() && !domain::is_valid_email(c.bootstrap_admin_email)) {
    b.fail("VITRINE_BOOTSTRAP_ADMIN_EMAIL", "not an email address");
  }
  if (c.bootstrap_admin_email.empty() != c.bootstrap_admin_password.empty()) {
    b.fail(c.bootstrap_admin_email.empty() ? "VITRINE_BOOTSTRAP_ADMIN_EMAIL"
                                           : "VITRINE_BOOTSTRAP_ADMIN_PASSWORD",
           "set VITRINE_BOOTSTRAP_ADMIN_EMAIL and VITRINE_BOOTSTRAP_ADMIN_PASSWORD together");
  } else if (const auto why = c.bootstrap_admin_password.empty()
                                  ? std::nullopt
                                  : auth::password_policy_error(c.bootstrap_admin_password)) {
    b.fail("VITRINE_BOOTSTRAP_ADMIN_PASSWORD", *why);
  }
  if (auto level = obs::parse_level(b.text("VITRINE_LOG_LEVEL"))) {
    c.log_level = *level;
  } else {
    b.fail("VITRINE_LOG_LEVEL", "unknown level");
  }
  if (auto format = obs::parse_format(b.text("VITRINE_LOG_FORMAT"))) {
    c.log_format = *format;
  } else {
    b.fail("VITRINE_LOG_FORMAT", "unknown format");
  }
  if (auto v = b.take("VITRINE_TRACE_QUEUE_SIZE",
                      parse_uint(b.text("VITRINE_TRACE_QUEUE_SIZE"), 16, 1'000'000))) {
    c.trace_queue_size = *v;
  }
  if (auto v = b.take("VITRINE_OTLP_ENDPOINT", parse_public_url(b.text("VITRINE_OTLP_ENDPOINT")))) {
    c.otlp_endpoint = *v;
  }
  if (auto v =
          b.take("VITRINE_TRACE_SAMPLE_RATIO", parse_ratio(b.text("VITRINE_TRACE_SAMPLE_RATIO")))) {
    c.trace_sample_ratio = *v;
  }
  if (out.errors.empty()) {
    out.config = std::move(c);
  }
  return out;
}

}  // namespace vitrine::config
