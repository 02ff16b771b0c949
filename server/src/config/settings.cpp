#include "config/settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace vitrine::config {
namespace {

constexpr std::array kSettings = {
    Setting{"VITRINE_LISTEN", "127.0.0.1:8080",
            "host:port with an IP address or localhost, port 0-65535 ([::1]:8080 for IPv6)",
            "Address the HTTP server listens on; port 0 picks a free port and logs it."},
    Setting{"VITRINE_THREADS", "0", "an integer from 0 to 256",
            "Event-loop threads; 0 means one per CPU core."},
    Setting{"VITRINE_SHUTDOWN_GRACE", "10s", "a duration from 0s to 10m",
            "On SIGTERM/SIGINT, how long in-flight requests may take to finish."},
    Setting{"VITRINE_MAX_BODY_BYTES", "1048576",
            "a byte count from 0 to 1073741824 (KiB/MiB suffixes allowed)",
            "Largest request body; larger ones get 413 before the body is read."},
    Setting{"VITRINE_MAX_HEADER_BYTES", "8192",
            "a byte count from 1024 to 65536 (KiB suffix allowed)",
            "Largest request line plus headers; larger ones get 431."},
    Setting{"VITRINE_MAX_CONNECTIONS", "10000", "an integer from 1 to 1000000",
            "Open client connections at most; more get a 503 and are closed."},
    Setting{"VITRINE_READ_TIMEOUT", "15s", "a duration from 100ms to 1h",
            "Time to receive a whole request, first byte to last (defeats slowloris)."},
    Setting{"VITRINE_WRITE_TIMEOUT", "15s", "a duration from 100ms to 1h",
            "Time to send a response to the client."},
    Setting{"VITRINE_IDLE_TIMEOUT", "60s", "a duration from 100ms to 1h",
            "How long a keep-alive connection may wait for its next request."},
    Setting{"VITRINE_CORS_ORIGINS", "",
            "a comma-separated list of exact origins (scheme://host[:port]) or *",
            "Browser origins allowed to call the API cross-origin; empty allows none."},
    Setting{"VITRINE_TRUSTED_PROXIES", "",
            "empty or a comma-separated list of IP addresses and CIDR ranges",
            "Reverse proxies whose X-Forwarded-For names the client (for the login throttle, "
            "the audit and the access log); empty trusts none."},
    Setting{"VITRINE_PUBLIC_URL", "", "empty or an absolute http(s) URL without query or fragment",
            "The URL users reach Vitrine at; https turns on HSTS."},
    Setting{"VITRINE_WEB_DIR", "",
            "empty or a directory holding a built dashboard (its index.html)",
            "Serve the dashboard from this directory (read once at start) instead of the copy "
            "built into the binary."},
    Setting{"VITRINE_DATABASE_URL", "sqlite://data/vitrine.db",
            "sqlite:///absolute/path.db, sqlite://relative/path.db or "
            "postgres://user:password@host:port/database[?sslmode=...]",
            "The store: embedded SQLite (default) or PostgreSQL (password masked in output)."},
    Setting{"VITRINE_DB_POOL_SIZE", "8", "an integer from 1 to 256",
            "Database connections kept open. As many threads run database work (SQLite: four "
            "per connection, as writers wait for the group commit without one)."},
    Setting{"VITRINE_DB_ACQUIRE_TIMEOUT", "2s", "a duration from 10ms to 1m",
            "How long a request waits for a free connection before a 503."},
    Setting{"VITRINE_DB_STATEMENT_TIMEOUT", "5s", "a duration from 100ms to 10m",
            "PostgreSQL statement_timeout; SQLite busy timeout (waiting for another writer)."},
    Setting{"VITRINE_SQLITE_SYNCHRONOUS", "normal", "normal or full",
            "SQLite durability: normal survives a crash of vitrine; full also a power loss "
            "(an fsync per write, several times slower)."},
    Setting{"VITRINE_AUTO_MIGRATE", "true", "true or false",
            "Apply pending schema migrations at start; false refuses to start until "
            "`vitrine migrate` has run."},
    Setting{"VITRINE_CACHE_TTL", "10s", "a duration from 0s (until the next write) to 1h",
            "Longest time a cached API response is served; bounds how late other replicas "
            "see a change."},
    Setting{"VITRINE_API_TOKEN_CACHE_TTL", "5s", "a duration from 0s (no cache) to 1m",
            "How long an API token looked up by hash is remembered; bounds how late other "
            "replicas refuse a revoked token (this one refuses it at once)."},
    Setting{"VITRINE_JWT_KEYS", "",
            "empty (a random key per process) or kid:secret[,kid:secret...], each secret "
            "base64url of at least 32 bytes",
            "Keys for access tokens (HS256): the first signs, all verify. Rotate by adding a "
            "new key first and dropping the old one after VITRINE_ACCESS_TOKEN_TTL.",
            true},
    Setting{"VITRINE_ACCESS_TOKEN_TTL", "15m", "a duration from 1m to 15m",
            "Lifetime of an access token (JWT) issued at sign-in."},
    Setting{"VITRINE_REFRESH_TOKEN_TTL", "14d", "a duration from 1h to 90d",
            "Lifetime of a browser session's refresh token (cookie); each use renews it."},
    Setting{"VITRINE_DATA_KEY", "",
            "empty (MFA and notification channels unavailable) or base64url of 32 random bytes",
            "Seals secrets the server reads back (TOTP seeds, notification channels' URLs and "
            "signing secrets). Keep it with the backups: without it, second factors cannot be "
            "checked and notifications cannot be sent.",
            true},
    Setting{"VITRINE_AUDIT_RETENTION_DAYS", "90", "a whole number of days from 1 to 3650",
            "Audit records older than this are deleted, at start and once a day."},
    Setting{"VITRINE_CHECK_CONCURRENCY", "500", "a whole number from 1 to 20000",
            "Checks running at once at most; the others wait for a slot. Each holds a socket: "
            "keep the open-file limit above this plus VITRINE_MAX_CONNECTIONS."},
    Setting{"VITRINE_CHECK_CA_FILE", "", "empty (the system's CA bundle) or a PEM file path",
            "Certificate authorities that http and tls checks trust instead of the system's "
            "(an internal CA in a homelab; concatenate to trust both)."},
    Setting{"VITRINE_TLS_WARN_DAYS", "14", "a whole number of days from 0 to 365",
            "A certificate expiring sooner makes tls and https checks degraded."},
    Setting{"VITRINE_MONITOR_MIN_INTERVAL", "10s", "a duration from 1s to 10s",
            "The shortest interval a monitor may have (lower it for labs and tests only)."},
    Setting{"VITRINE_MONITOR_RELOAD", "30s", "a duration from 1s to 10m",
            "How often the scheduler reads the monitor set again (changes made through "
            "another replica); changes made through this one apply at once."},
    Setting{"VITRINE_LEASE_TTL", "15s", "a duration from 3s to 10m",
            "How long a replica's lease on a monitor lasts; it is renewed every third of it. "
            "A dead replica's monitors are checked by the others within this plus a third."},
    Setting{"VITRINE_STATUS_REFRESH", "10s", "a duration from 1s to 5m",
            "How long GET /api/v1/status serves the same document before building it again "
            "(monitor states and uptime reach the status page this much later at most)."},
    Setting{"VITRINE_SLO_EVALUATION", "1m", "a duration from 1s to 1h",
            "How often every SLO's report is evaluated for the error-budget gauge and the "
            "status page's SLO badges (a single SLO's GET always evaluates it now)."},
    Setting{"VITRINE_RESULTS_RETENTION_DAYS", "30", "a whole number of days from 1 to 3650",
            "Raw check results older than this are deleted, at start and once a day."},
    Setting{"VITRINE_ROLLUP_RETENTION_DAYS", "400", "a whole number of days from 1 to 3650",
            "Per-hour rollups of check results (uptime, latency and SLO figures over long "
            "windows) older than this are deleted."},
    Setting{"VITRINE_NOTIFY_TIMEOUT", "10s", "a duration from 1s to 2m",
            "How long one try at sending a notification may take before it counts as failed."},
    Setting{"VITRINE_NOTIFY_MAX_ATTEMPTS", "10", "a whole number from 1 to 50",
            "Tries at sending a notification before it is given up (failed in the delivery "
            "log)."},
    Setting{"VITRINE_NOTIFY_RETRY_BASE", "30s", "a duration from 100ms to 1h",
            "The wait after a notification's first failed try; it doubles after each next one."},
    Setting{"VITRINE_NOTIFY_RETRY_MAX", "1h", "a duration from 1s to 24h",
            "The longest wait between two tries at sending a notification."},
    Setting{"VITRINE_OIDC_ISSUER", "",
            "empty (SSO off) or the issuer's identifier, exactly as in its tokens' iss",
            "Accept access tokens from this OpenID Connect issuer (single sign-on)."},
    Setting{"VITRINE_OIDC_AUDIENCE", "", "the audience the issuer puts in tokens for Vitrine",
            "Tokens must name it in aud. Required with VITRINE_OIDC_ISSUER."},
    Setting{"VITRINE_OIDC_JWKS", "", "an absolute file path or an http:// or https:// URL",
            "The issuer's signing keys (JWKS: RSA 2048+ for RS256, EC P-256 for ES256). Required "
            "with VITRINE_OIDC_ISSUER."},
    Setting{"VITRINE_OIDC_JWKS_REFRESH", "1h", "a duration from 1m to 24h",
            "How often the JWKS is read again (also when a token names a key not seen yet, at "
            "most every 10 s)."},
    Setting{"VITRINE_OIDC_ROLE_CLAIM", "roles", "a claim name",
            "The token claim (a string or an array of strings) that carries the user's groups "
            "or roles."},
    Setting{"VITRINE_OIDC_ROLE_MAP", "admin=admin,editor=editor,viewer=viewer",
            "claim-value=role[,claim-value=role...], role admin, editor or viewer",
            "Which claim values grant which Vitrine role (the highest match wins; none: the "
            "token is refused)."},
    Setting{"VITRINE_BOOTSTRAP_ADMIN_EMAIL", "", "empty or an email address",
            "On a start with no users, create this admin (with the password below)."},
    Setting{"VITRINE_BOOTSTRAP_ADMIN_PASSWORD", "",
            "empty, or 12 characters or more and not one of the 10,000 most common passwords",
            "The first admin's password; set it with VITRINE_BOOTSTRAP_ADMIN_EMAIL, change it "
            "after the first sign-in.",
            true},
    Setting{"VITRINE_LOG_LEVEL", "info", "debug, info, warn or error",
            "Least severe level logged."},
    Setting{"VITRINE_LOG_FORMAT", "json", "json or text",
            "json: one JSON object per line; text: for humans at a terminal."},
    Setting{"VITRINE_OTLP_ENDPOINT", "",
            "empty or an absolute http(s) URL without query or fragment",
            "The OpenTelemetry collector's OTLP/HTTP base URL (http://collector:4318): spans "
            "are POSTed to <URL>/v1/traces as JSON; empty exports none."},
    Setting{"VITRINE_TRACE_QUEUE_SIZE", "2048", "a whole number from 16 to 1000000",
            "Finished spans held for export; when full, new spans are dropped and counted."},
    Setting{"VITRINE_TRACE_SAMPLE_RATIO", "1", "a decimal number from 0 to 1",
            "Share of the traces that start here to record; a caller's traceparent decision "
            "is always followed."},
};

}  // namespace

std::span<const Setting> settings() { return kSettings; }

const Setting* find_setting(std::string_view env) {
  const auto* it = std::find_if(kSettings.begin(), kSettings.end(),
                                [&](const Setting& s) { return s.env == env; });
  return it == kSettings.end() ? nullptr : &*it;
}

std::string flag_name(const Setting& setting) {
  std::string name = "--";
  for (char c : setting.env.substr(std::string_view("VITRINE_").size())) {
    name.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return name;
}

}  // namespace vitrine::config
