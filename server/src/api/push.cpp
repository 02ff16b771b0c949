#include "api/push.hpp"

#include <cmath>

#include "api/json_body.hpp"
#include "api/monitors.hpp"
#include "auth/api_tokens.hpp"
#include "checks/monitoring.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "util/digest.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::Monitor;
using http::Request;
using http::Response;

constexpr std::size_t kMaxMessage = 1000;              // characters
constexpr double kMaxDurationMs = 24.0 * 3600 * 1000;  // a day

// What the job reported: an optional JSON body {state, message, duration_ms}; none is "up".
domain::CheckResult beat_from(const Request& request, const Monitor& m) {
  domain::CheckResult r;
  r.monitor_id = m.id;
  r.at_us = util::now_us();
  if (request.body.empty()) {
    return r;
  }
  const nlohmann::json doc = parse_json_body(request, "application/json");
  if (!doc.is_object()) {
    validation_failed({{"", "invalid_type", "the body must be a JSON object"}});
  }
  std::vector<domain::FieldError> errors;
  for (const auto& [key, value] : doc.items()) {
    if (key == "state") {
      if (value == "up") {
        r.state = domain::CheckState::kUp;
      } else if (value == "down") {
        r.state = domain::CheckState::kDown;
        r.error = domain::CheckError::kHeartbeat;
      } else {
        errors.push_back({key, "invalid_value", "must be up or down"});
      }
    } else if (key == "message") {
      if (value.is_string()) {
        r.message = value.get<std::string>();
        domain::check_text(errors, key, r.message, 0, kMaxMessage);
      } else {
        errors.push_back({key, "invalid_type", "must be a string"});
      }
    } else if (key == "duration_ms") {
      if (value.is_number() && value.get<double>() >= 0 && value.get<double>() <= kMaxDurationMs) {
        r.timings.total_us = std::llround(value.get<double>() * 1000.0);
      } else {
        errors.push_back({key, "out_of_range", "must be a number of milliseconds up to a day"});
      }
    } else {
      errors.push_back({key, "unknown_field", "is not a field of a heartbeat"});
    }
  }
  if (!errors.empty()) {
    validation_failed(errors);
  }
  if (r.state == domain::CheckState::kDown && r.message.empty()) {
    r.message = "the job reported a failure";
  }
  return r;
}

Response accept(const Request& request, const Monitor& m, checks::MonitorControl& control) {
  if (m.kind != domain::MonitorKind::kPush) {
    throw http::ProblemError(http::problems::kConflict,
                             "This monitor is not a push monitor: Vitrine checks it itself.");
  }
  if (!m.enabled) {
    throw http::ProblemError(http::problems::kConflict,
                             "This monitor is paused (enabled: false): the beat is not recorded.");
  }
  control.heartbeat(m, beat_from(request, m));
  return Response::empty(204);
}

[[noreturn]] void unknown_secret() {
  throw http::ProblemError(http::problems::kNotFound, "No push monitor has this URL.");
}

}  // namespace

void add_push_routes(http::Router& router, const PushDeps& deps) {
  router.add(http::Method::kPost, "/api/v1/push/{token}", [deps](const Request& request) {
    const std::string& secret = *request.param("token");
    if (!secret.starts_with(auth::kPushSecretPrefix) || secret.size() > 64) {
      unknown_secret();
    }
    http::require_blocking(request);
    const auto m = deps.store.monitors().find_by_push_hash(util::sha256_hex(secret));
    if (!m) {
      unknown_secret();
    }
    return accept(request, *m, deps.control);
  });
  router.add(http::Method::kPost, "/api/v1/monitors/{id}/push", [deps](const Request& request) {
    return accept(request, load_monitor(request, deps.store.monitors()), deps.control);
  });
}

}  // namespace vitrine::api
