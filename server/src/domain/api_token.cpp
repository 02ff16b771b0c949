#include "domain/api_token.hpp"

#include <array>

namespace vitrine::domain {
namespace {

struct ScopeName {
  Scope scope;
  std::string_view name;
};

constexpr std::array kScopes{ScopeName{Scope::kRead, "read"},
                             ScopeName{Scope::kContentWrite, "content:write"},
                             ScopeName{Scope::kDeploymentsWrite, "deployments:write"},
                             ScopeName{Scope::kMonitorsPush, "monitors:push"}};

}  // namespace

std::string_view to_string(Scope scope) {
  for (const ScopeName& s : kScopes) {
    if (s.scope == scope) {
      return s.name;
    }
  }
  return "read";
}

std::optional<Scope> parse_scope(std::string_view text) {
  for (const ScopeName& s : kScopes) {
    if (s.name == text) {
      return s.scope;
    }
  }
  return std::nullopt;
}

std::vector<std::string> scope_names(Scopes scopes) {
  std::vector<std::string> out;
  for (const ScopeName& s : kScopes) {
    if (has(scopes, s.scope)) {
      out.emplace_back(s.name);
    }
  }
  return out;
}

std::string scopes_text(Scopes scopes) {
  std::string out;
  for (const std::string& name : scope_names(scopes)) {
    out += out.empty() ? name : " " + name;
  }
  return out;
}

std::optional<Scopes> parse_scopes_text(std::string_view text) {
  Scopes out = 0;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view name = text.substr(0, space);
    const auto scope = parse_scope(name);
    if (!scope) {
      return std::nullopt;
    }
    out |= static_cast<Scopes>(*scope);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  return out;
}

std::vector<FieldError> validate(const ApiToken& token, std::int64_t now_us) {
  std::vector<FieldError> errors;
  check_text(errors, "name", token.name, 1, kMaxTokenName);
  if (token.scopes == 0) {
    errors.push_back({"scopes", "required",
                      "must name at least one of read, content:write, deployments:write, "
                      "monitors:push"});
  }
  if (token.expires_at_us <= now_us) {
    errors.push_back({"expires_at", "invalid_value", "must be in the future"});
  } else if (token.expires_at_us - now_us > kMaxTokenLifetimeUs) {
    errors.push_back({"expires_at", "invalid_value", "must be at most 366 days ahead"});
  }
  return errors;
}

bool usable(const ApiToken& token, std::int64_t now_us) {
  return !token.revoked_at_us && token.expires_at_us > now_us;
}

}  // namespace vitrine::domain
