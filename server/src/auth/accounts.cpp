#include "auth/accounts.hpp"

#include "util/text.hpp"
#include "util/uuid.hpp"

namespace vitrine::auth {

std::variant<domain::User, std::vector<domain::FieldError>> make_account(
    const NewAccount& input, const PasswordHasher& hasher, std::int64_t now_us) {
  domain::User u;
  u.email = std::string(util::trim(input.email, " \t\r\n"));
  u.email_key = domain::email_key(u.email);
  u.display_name =
      input.display_name.empty() ? u.email.substr(0, u.email.find('@')) : input.display_name;
  u.role = input.role;
  std::vector<domain::FieldError> errors = domain::validate(u);
  if (const auto why = password_policy_error(input.password)) {
    errors.push_back({"password", "weak_password", *why});
  }
  if (!errors.empty()) {
    return errors;
  }
  u.id = util::uuid_v7();
  u.password_hash = hasher.hash(input.password);
  u.created_at_us = now_us;
  u.updated_at_us = now_us;
  u.version = 1;
  return u;
}

std::string describe(const std::vector<domain::FieldError>& errors) {
  std::string out;
  for (const domain::FieldError& e : errors) {
    if (!out.empty()) {
      out += "; ";
    }
    out += e.field + ": " + e.message;
  }
  return out;
}

}  // namespace vitrine::auth
