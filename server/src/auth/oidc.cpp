#include "auth/oidc.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "auth/jwks.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

constexpr std::size_t kMaxJwksBytes = 1U << 20U;
constexpr long kFetchTimeoutMs = 10'000;  // NOLINT(google-runtime-int): libcurl's type
constexpr std::chrono::seconds kMinRefetch{10};

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

struct Download {
  std::string body;
  bool too_large = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  const std::size_t n = size * count;
  if (d->body.size() + n > kMaxJwksBytes) {
    d->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  d->body.append(data, n);
  return n;
}

std::string fetch_url(const std::string& url) {
  const std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    throw std::runtime_error("cannot start an HTTP client");
  }
  Download d;
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, kFetchTimeoutMs);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &d);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl.get());
  if (d.too_large) {
    throw std::runtime_error("the JWKS at " + url + " is larger than 1 MiB");
  }
  if (rc != CURLE_OK) {
    throw std::runtime_error("cannot fetch the JWKS at " + url + ": " +
                             (error[0] != '\0' ? error : curl_easy_strerror(rc)));
  }
  long status = 0;  // NOLINT(google-runtime-int): libcurl's type
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    throw std::runtime_error("the JWKS at " + url + " answered HTTP " + std::to_string(status));
  }
  return std::move(d.body);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read the JWKS file " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  if (body.size() > kMaxJwksBytes) {
    throw std::runtime_error("the JWKS file " + path + " is larger than 1 MiB");
  }
  return body;
}

}  // namespace

RoleMap parse_role_map(std::string_view spec) {
  RoleMap map;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view entry = util::trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const std::size_t eq = entry.rfind('=');
    const auto role = eq == std::string_view::npos
                          ? std::nullopt
                          : domain::parse_role(util::trim(entry.substr(eq + 1)));
    if (!role || util::trim(entry.substr(0, eq)).empty()) {
      throw std::invalid_argument("'" + std::string(entry) +
                                  "' is not claim-value=role (role admin, editor or viewer)");
    }
    map.emplace_back(std::string(util::trim(entry.substr(0, eq))), *role);
  }
  if (map.empty()) {
    throw std::invalid_argument("the role map is empty");
  }
  return map;
}

std::optional<domain::Role> mapped_role(const nlohmann::json& payload, const std::string& claim,
                                        const RoleMap& map) {
  const auto it = payload.find(claim);
  if (it == payload.end()) {
    return std::nullopt;
  }
  std::optional<domain::Role> best;
  const auto consider = [&](const nlohmann::json& value) {
    if (!value.is_string()) {
      return;
    }
    for (const auto& [claim_value, role] : map) {
      if (value.get_ref<const std::string&>() == claim_value && (!best || role > *best)) {
        best = role;
      }
    }
  };
  if (it->is_array()) {
    for (const nlohmann::json& v : *it) {
      consider(v);
    }
  } else {
    consider(*it);
  }
  return best;
}

bool passed_second_factor(const nlohmann::json& payload) {
  static constexpr std::array<std::string_view, 5> kSecondFactors{"mfa", "otp", "hwk", "swk", "sc"};
  const auto amr = payload.find("amr");
  if (amr == payload.end() || !amr->is_array()) {
    return false;
  }
  return std::any_of(amr->begin(), amr->end(), [](const nlohmann::json& m) {
    return m.is_string() && std::find(kSecondFactors.begin(), kSecondFactors.end(),
                                      m.get_ref<const std::string&>()) != kSecondFactors.end();
  });
}

std::string fetch_jwks(const std::string& source) {
  if (source.starts_with("http://") || source.starts_with("https://")) {
    return fetch_url(source);
  }
  return read_file(source);
}

OidcVerifier::OidcVerifier(OidcSettings settings, const obs::Logger& logger)
    : settings_(std::move(settings)), log_(logger.child("oidc")) {}

bool OidcVerifier::refresh() {
  {
    const std::lock_guard lock(mutex_);
    last_attempt_ = std::chrono::steady_clock::now();
  }
  try {
    auto keys = std::make_shared<const JwtKeyRing>(parse_jwks(fetch_jwks(settings_.jwks)));
    const std::size_t count = keys->size();
    auto verifier = std::make_shared<const JwtVerifier>(
        std::move(keys),
        JwtVerifier::Expectations{settings_.issuer, settings_.audience, std::chrono::seconds(60)});
    {
      const std::lock_guard lock(mutex_);
      verifier_ = std::move(verifier);
    }
    log_.info("OIDC keys loaded", {{"event", "oidc.keys_loaded"}, {"keys", count}});
    return true;
  } catch (const std::exception& e) {
    log_.warn("OIDC keys not loaded; the previous ones stay in use",
              {{"event", "oidc.keys_failed"}, {"error", e.what()}});
    return false;
  }
}

std::shared_ptr<const JwtVerifier> OidcVerifier::current() const {
  const std::lock_guard lock(mutex_);
  return verifier_;
}

std::variant<JwtClaims, TokenError> OidcVerifier::verify(std::string_view token, std::int64_t now) {
  auto verifier = current();
  auto result = verifier ? verifier->verify(token, now)
                         : std::variant<JwtClaims, TokenError>(TokenError::kUnknownKey);
  const auto* error = std::get_if<TokenError>(&result);
  if (error == nullptr || *error != TokenError::kUnknownKey) {
    return result;
  }
  bool due = false;
  {
    // Claimed under the lock: of many requests naming unknown kids at once, one fetches.
    const std::lock_guard lock(mutex_);
    const auto now_steady = std::chrono::steady_clock::now();
    due = now_steady - last_attempt_ >= kMinRefetch;
    if (due) {
      last_attempt_ = now_steady;
    }
  }
  if (due && refresh()) {
    return current()->verify(token, now);
  }
  return result;
}

}  // namespace vitrine::auth
