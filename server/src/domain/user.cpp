#include "domain/user.hpp"

#include "util/text.hpp"

namespace vitrine::domain {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") {
    return Role::kViewer;
  }
  if (text == "editor") {
    return Role::kEditor;
  }
  if (text == "admin") {
    return Role::kAdmin;
  }
  return std::nullopt;
}

std::string email_key(std::string_view email) {
  const std::string_view trimmed = util::trim(email, " \t\r\n");
  std::string key(trimmed);
  for (char& c : key) {
    c = util::ascii_lower(c);
  }
  return key;
}

bool is_valid_email(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmail || !util::valid_utf8(email)) {
    return false;
  }
  for (const char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
        c == '\\') {
      return false;
    }
  }
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  return domain.find('.') != std::string_view::npos && !domain.starts_with('.') &&
         !domain.ends_with('.') && domain.find("..") == std::string_view::npos;
}

std::vector<FieldError> validate(const User& user) {
  std::vector<FieldError> errors;
  if (!is_valid_email(user.email)) {
    errors.push_back({"email", "invalid_format",
                      "must be an email address (local@domain.tld, at most 254 bytes)"});
  }
  const std::size_t name_length = util::utf8_length(user.display_name);
  if (!util::valid_utf8(user.display_name) || name_length == 0 || name_length > kMaxDisplayName ||
      util::trim(user.display_name, " \t") != user.display_name) {
    errors.push_back({"display_name", "invalid_value",
                      "must be 1 to 100 characters without leading or trailing spaces"});
  } else {
    for (const char c : user.display_name) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        errors.push_back(
            {"display_name", "invalid_characters", "must not contain control characters"});
        break;
      }
    }
  }
  return errors;
}

nlohmann::json audit_view(const User& user) {
  return {{"email", user.email},
          {"display_name", user.display_name},
          {"role", to_string(user.role)},
          {"disabled", user.disabled},
          {"mfa_enabled", user.mfa_enabled},
          {"password_hash", user.password_hash}};
}

}  // namespace vitrine::domain
