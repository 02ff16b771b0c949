#pragma once
// Creating a user account from what a person typed: the one path shared by
// `vitrine user create`, the first-start admin (VITRINE_BOOTSTRAP_ADMIN_EMAIL) and, later,
// POST /api/v1/users. Validation names every broken field; the password is hashed here and
// never kept.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "auth/password.hpp"
#include "domain/user.hpp"

namespace vitrine::auth {

struct NewAccount {
  std::string email;
  std::string display_name;  // empty: the email's local part
  domain::Role role = domain::Role::kViewer;
  std::string password;
};

// A user ready to insert (id, hash, timestamps, version 1), or every field error: `email`,
// `display_name`, `password` (the policy of auth/password.hpp).
std::variant<domain::User, std::vector<domain::FieldError>> make_account(
    const NewAccount& input, const PasswordHasher& hasher, std::int64_t now_us);

// "field: message; field: message" for command-line output.
std::string describe(const std::vector<domain::FieldError>& errors);

}  // namespace vitrine::auth
