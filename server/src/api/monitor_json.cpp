#include "api/monitor_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "obs/scrubber.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::FieldError;
using domain::Monitor;
using nlohmann::json;

constexpr std::array<std::string_view, 5> kReadOnly = {"id", "status", "created_at", "updated_at",
                                                       "version"};
constexpr std::array<std::string_view, 12> kWritable = {
    "project_id",      "name",    "kind",   "target", "interval", "timeout", "retries",
    "recovery_checks", "enabled", "public", "http",   "tls"};
constexpr std::array<std::string_view, 9> kHttpMembers = {
    "method",       "headers",     "body",          "accepted_status", "body_contains",
    "json_pointer", "json_equals", "max_redirects", "tls_verify"};

bool contains(auto& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

json null_if_empty(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

template <typename Json>
Json http_json(const domain::HttpSettings& h, bool tls_verify, Redact redact) {
  Json headers = Json::object();
  for (const domain::HttpHeader& header : h.headers) {
    headers[header.name] = redact == Redact::kYes && obs::is_sensitive_key(header.name)
                               ? std::string(domain::kRedacted)
                               : header.value;
  }
  Json accepted = Json::array();
  for (const domain::StatusRange& r : h.accepted_status) {
    accepted.push_back(domain::to_string(r));
  }
  Json j = Json::object();
  j["method"] = h.method;
  j["headers"] = std::move(headers);
  j["body"] = null_if_empty(h.body);
  j["accepted_status"] = std::move(accepted);
  j["body_contains"] = null_if_empty(h.body_contains);
  j["json_pointer"] = null_if_empty(h.json_pointer);
  j["json_equals"] = h.json_equals.empty() ? Json(nullptr) : Json::parse(h.json_equals);
  j["max_redirects"] = h.max_redirects;
  j["tls_verify"] = tls_verify;
  return j;
}

// The writable members, shared by the representation and the writable document.
template <typename Json>
void add_writable(Json& j, const Monitor& m, Redact redact) {
  j["project_id"] = m.project_id ? Json(*m.project_id) : Json(nullptr);
  j["name"] = m.name;
  j["kind"] = domain::to_string(m.kind);
  j["target"] = m.target;
  j["interval"] = m.interval_s;
  j["timeout"] = static_cast<double>(m.timeout_ms) / 1000.0;
  j["retries"] = m.retries;
  j["recovery_checks"] = m.recovery_checks;
  j["enabled"] = m.enabled;
  j["public"] = m.is_public;
  j["http"] = m.kind == domain::MonitorKind::kHttp ? http_json<Json>(m.http, m.tls_verify, redact)
                                                   : Json(nullptr);
  if (m.kind == domain::MonitorKind::kTls) {
    Json tls = Json::object();
    tls["verify"] = m.tls_verify;
    j["tls"] = std::move(tls);
  } else {
    j["tls"] = nullptr;
  }
}

class Mapper {
 public:
  Mapper(std::vector<FieldError>& errors, const Monitor* previous)
      : errors_(errors), previous_(previous) {}

  void type_error(const std::string& field, std::string_view expected) {
    errors_.push_back({field, "invalid_type", "must be " + std::string(expected)});
  }
  void unknown(const std::string& field, std::string_view resource) {
    errors_.push_back({field, "unknown_field", "is not a field of " + std::string(resource)});
  }

  void string(const json& v, const std::string& field, std::string& out) {
    if (v.is_string()) {
      out = v.get<std::string>();
    } else {
      type_error(field, "a string");
    }
  }
  // A string member where null means "none".
  void optional_string(const json& v, const std::string& field, std::string& out) {
    if (v.is_null()) {
      out.clear();
    } else {
      string(v, field, out);
    }
  }
  void boolean(const json& v, const std::string& field, bool& out) {
    if (v.is_boolean()) {
      out = v.get<bool>();
    } else {
      type_error(field, "true or false");
    }
  }
  template <typename Int>
  void integer(const json& v, const std::string& field, Int& out) {
    // Out-of-range values are caught by validation; huge ones saturate rather than wrap.
    if (v.is_number_integer()) {
      const auto wide = v.is_number_unsigned() && v.get<std::uint64_t>() > INT32_MAX
                            ? std::int64_t{INT32_MAX}
                            : v.get<std::int64_t>();
      out = static_cast<Int>(std::clamp<std::int64_t>(wide, INT32_MIN, INT32_MAX));
    } else {
      type_error(field, "an integer");
    }
  }

  void timeout(const json& v, std::int64_t& out_ms) {
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      type_error("timeout", "a number of seconds");
      return;
    }
    const double ms = std::clamp(v.get<double>() * 1000.0, -1.0, 1e9);
    out_ms = std::llround(ms);
  }

  void http(const json& v, domain::HttpSettings& h, bool& tls_verify) {
    if (v.is_null()) {
      h = {};
      tls_verify = true;
      return;
    }
    if (!v.is_object()) {
      type_error("http", "an object");
      return;
    }
    for (const auto& [key, value] : v.items()) {
      const std::string field = "http/" + key;
      if (key == "method") {
        string(value, field, h.method);
      } else if (key == "headers") {
        headers(value, h.headers);
      } else if (key == "body") {
        optional_string(value, field, h.body);
      } else if (key == "accepted_status") {
        accepted(value, h.accepted_status);
      } else if (key == "body_contains") {
        optional_string(value, field, h.body_contains);
      } else if (key == "json_pointer") {
        optional_string(value, field, h.json_pointer);
      } else if (key == "json_equals") {
        h.json_equals = value.is_null() ? std::string() : value.dump();
      } else if (key == "max_redirects") {
        integer(value, field, h.max_redirects);
      } else if (key == "tls_verify") {
        boolean(value, field, tls_verify);
      } else {
        unknown(field, "the http settings");
      }
    }
  }

  void tls(const json& v, bool& verify) {
    if (v.is_null()) {
      verify = true;
      return;
    }
    if (!v.is_object()) {
      type_error("tls", "an object");
      return;
    }
    for (const auto& [key, value] : v.items()) {
      if (key == "verify") {
        boolean(value, "tls/verify", verify);
      } else {
        unknown("tls/" + key, "the tls settings");
      }
    }
  }

 private:
  void headers(const json& v, std::vector<domain::HttpHeader>& out) {
    if (v.is_null()) {
      out.clear();
      return;
    }
    if (!v.is_object()) {
      type_error("http/headers", "an object of header names to string values");
      return;
    }
    out.clear();
    for (const auto& [name, value] : v.items()) {
      const std::string field = "http/headers/" + name;
      if (!value.is_string()) {
        type_error(field, "a string");
        continue;
      }
      std::string text = value.get<std::string>();
      if (text == domain::kRedacted) {
        const std::string* kept = previous_value(name);
        if (kept == nullptr) {
          errors_.push_back({field, "invalid_value",
                             "must be the header's value ('<redacted>' keeps a stored one)"});
          continue;
        }
        text = *kept;
      }
      out.push_back({name, std::move(text)});
    }
  }

  [[nodiscard]] const std::string* previous_value(const std::string& name) const {
    if (previous_ == nullptr) {
      return nullptr;
    }
    for (const domain::HttpHeader& h : previous_->http.headers) {
      if (h.name == name) {
        return &h.value;
      }
    }
    return nullptr;
  }

  void accepted(const json& v, std::vector<domain::StatusRange>& out) {
    if (v.is_null()) {
      out = {domain::StatusRange{}};
      return;
    }
    if (!v.is_array()) {
      type_error("http/accepted_status", "an array of status ranges such as \"200-299\"");
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = "http/accepted_status/" + std::to_string(i);
      std::optional<domain::StatusRange> range;
      if (v[i].is_string()) {
        range = domain::parse_status_range(v[i].get<std::string>());
      } else if (v[i].is_number_integer()) {
        range = domain::parse_status_range(std::to_string(v[i].get<std::int64_t>()));
      }
      if (range) {
        out.push_back(*range);
      } else {
        errors_.push_back({field, "invalid_value",
                           "must be a status code or range of 100-599 such as \"200-299\""});
      }
    }
  }

  std::vector<FieldError>& errors_;
  const Monitor* previous_;
};

}  // namespace

nlohmann::ordered_json monitor_json(const Monitor& m,
                                    const std::optional<domain::MonitorStatus>& status) {
  nlohmann::ordered_json j;
  j["id"] = m.id;
  add_writable(j, m, Redact::kYes);
  if (!m.enabled) {
    j["status"] = {{"state", "paused"}, {"since", nullptr}, {"last_check_at", nullptr}};
  } else if (status) {
    j["status"] = {{"state", domain::to_string(status->state)},
                   {"since", util::rfc3339_ms(status->since_us)},
                   {"last_check_at", util::rfc3339_ms(status->last_check_us)}};
  } else {
    j["status"] = {{"state", "pending"}, {"since", nullptr}, {"last_check_at", nullptr}};
  }
  j["created_at"] = util::rfc3339_ms(m.created_at_us);
  j["updated_at"] = util::rfc3339_ms(m.updated_at_us);
  j["version"] = m.version;
  return j;
}

json monitor_document(const Monitor& m, Redact redact) {
  json doc = json::object();
  add_writable(doc, m, redact);
  return doc;
}

void strip_unwritable_monitor(json& patch, std::vector<FieldError>& errors) {
  for (auto it = patch.begin(); it != patch.end();) {
    if (contains(kReadOnly, it.key())) {
      errors.push_back({it.key(), "read_only", "is set by the server and cannot be written"});
      it = patch.erase(it);
    } else if (!contains(kWritable, it.key())) {
      errors.push_back({it.key(), "unknown_field", "is not a field of a monitor"});
      it = patch.erase(it);
    } else {
      ++it;
    }
  }
  // Unknown members of the nested objects are reported when the merged document is applied.
  if (const auto http = patch.find("http"); http != patch.end() && http->is_object()) {
    for (auto it = http->begin(); it != http->end();) {
      if (!contains(kHttpMembers, it.key())) {
        errors.push_back(
            {"http/" + it.key(), "unknown_field", "is not a field of the http settings"});
        it = http->erase(it);
      } else {
        ++it;
      }
    }
  }
}

void apply_monitor_document(const json& doc, Monitor& m, const Monitor* previous,
                            std::vector<FieldError>& errors) {
  Mapper map(errors, previous);
  // kind first: it decides which settings apply.
  if (const auto kind = doc.find("kind"); kind != doc.end()) {
    const auto parsed =
        kind->is_string() ? domain::parse_monitor_kind(kind->get<std::string>()) : std::nullopt;
    if (parsed) {
      m.kind = *parsed;
    } else {
      errors.push_back({"kind", "invalid_value", "must be one of http, tcp, tls, push"});
    }
  }
  for (const auto& [key, v] : doc.items()) {
    if (key == "kind") {
      continue;
    }
    if (key == "project_id") {
      if (v.is_null()) {
        m.project_id.reset();
      } else {
        std::string id;
        map.string(v, key, id);
        m.project_id = std::move(id);
      }
    } else if (key == "name") {
      map.string(v, key, m.name);
    } else if (key == "target") {
      map.optional_string(v, key, m.target);
    } else if (key == "interval") {
      map.integer(v, key, m.interval_s);
    } else if (key == "timeout") {
      map.timeout(v, m.timeout_ms);
    } else if (key == "retries") {
      map.integer(v, key, m.retries);
    } else if (key == "recovery_checks") {
      map.integer(v, key, m.recovery_checks);
    } else if (key == "enabled") {
      map.boolean(v, key, m.enabled);
    } else if (key == "public") {
      map.boolean(v, key, m.is_public);
    } else if (key == "http") {
      // Each kind reads its own settings; the other kind's may only be null.
      if (m.kind == domain::MonitorKind::kHttp) {
        map.http(v, m.http, m.tls_verify);
      } else if (!v.is_null()) {
        errors.push_back({key, "invalid_value", "applies to http monitors only"});
      }
    } else if (key == "tls") {
      if (m.kind == domain::MonitorKind::kTls) {
        map.tls(v, m.tls_verify);
      } else if (!v.is_null()) {
        errors.push_back({key, "invalid_value", "applies to tls monitors only"});
      }
    } else if (contains(kReadOnly, key)) {
      errors.push_back({key, "read_only", "is set by the server and cannot be written"});
    } else {
      map.unknown(key, "a monitor");
    }
  }
}

nlohmann::ordered_json result_json(const domain::CheckResult& r) {
  const auto ms = [](std::int64_t us) {
    return us < 0 ? nlohmann::ordered_json(nullptr)
                  : nlohmann::ordered_json(static_cast<double>(us) / 1000.0);
  };
  nlohmann::ordered_json timings;
  timings["dns_ms"] = ms(r.timings.dns_us);
  timings["connect_ms"] = ms(r.timings.connect_us);
  timings["tls_ms"] = ms(r.timings.tls_us);
  timings["first_byte_ms"] = ms(r.timings.first_byte_us);
  timings["total_ms"] = ms(r.timings.total_us);
  nlohmann::ordered_json j;
  j["at"] = util::rfc3339_ms(r.at_us);
  j["state"] = domain::to_string(r.state);
  j["timings"] = std::move(timings);
  j["status_code"] =
      r.status_code == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.status_code);
  j["error"] = r.error == domain::CheckError::kNone
                   ? nlohmann::ordered_json(nullptr)
                   : nlohmann::ordered_json(domain::to_string(r.error));
  j["message"] =
      r.message.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.message);
  j["tls_days_left"] =
      r.tls_days_left ? nlohmann::ordered_json(*r.tls_days_left) : nlohmann::ordered_json(nullptr);
  j["maintenance"] = r.maintenance;
  return j;
}

}  // namespace vitrine::api
