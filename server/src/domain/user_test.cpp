#include "domain/user.hpp"

#include <gtest/gtest.h>

#include "auth/accounts.hpp"

namespace vitrine::domain {
namespace {

TEST(Role, round_trips_and_orders) {
  for (const Role r : {Role::kViewer, Role::kEditor, Role::kAdmin}) {
    EXPECT_EQ(parse_role(to_string(r)), r);
  }
  EXPECT_EQ(parse_role("Admin"), std::nullopt);
  EXPECT_EQ(parse_role("owner"), std::nullopt);
  EXPECT_TRUE(includes(Role::kAdmin, Role::kEditor));
  EXPECT_TRUE(includes(Role::kEditor, Role::kViewer));
  EXPECT_FALSE(includes(Role::kViewer, Role::kEditor));
}

TEST(Email, keys_are_trimmed_and_lower_cased) {
  EXPECT_EQ(email_key("  Ada@Example.COM \n"), "ada@example.com");
}

TEST(Email, plausible_addresses_pass) {
  for (const char* ok : {"a@b.co", "first.last+tag@sub.example.org", "ünï@example.com"}) {
    EXPECT_TRUE(is_valid_email(ok)) << ok;
  }
}

TEST(Email, implausible_addresses_fail) {
  for (const char* bad :
       {"", "plain", "@example.com", "a@", "a@b", "a@@b.co", "a b@c.de", "a@b..co", "a@.b.co",
        "a@b.co.", "<a@b.co>", "a@b.co,c@d.co", "a\"b@c.de"}) {
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  }
  EXPECT_FALSE(is_valid_email(std::string(65, 'a') + "@example.com"));
  EXPECT_FALSE(is_valid_email("a@" + std::string(250, 'b') + ".com"));
  EXPECT_FALSE(is_valid_email("a\x01@b.co"));
}

TEST(UserValidation, names_each_broken_field) {
  User u;
  u.email = "nope";
  u.display_name = "";
  const auto errors = validate(u);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].field, "email");
  EXPECT_EQ(errors[1].field, "display_name");
  u.email = "a@b.co";
  u.display_name = "Ada\tLovelace";
  ASSERT_EQ(validate(u).size(), 1U);
  u.display_name = std::string(101, 'x');
  ASSERT_EQ(validate(u).size(), 1U);
  u.display_name = "Ada Lovelace";
  EXPECT_TRUE(validate(u).empty());
}

TEST(Accounts, make_account_hashes_and_fills_the_server_fields) {
  const auth::PasswordHasher hasher;
  auto made = auth::make_account({" Ada@Example.com ", "", Role::kEditor, "correct horse battery"},
                                 hasher, 1234);
  ASSERT_TRUE(std::holds_alternative<User>(made));
  const User& u = std::get<User>(made);
  EXPECT_EQ(u.email, "Ada@Example.com");
  EXPECT_EQ(u.email_key, "ada@example.com");
  EXPECT_EQ(u.display_name, "Ada");
  EXPECT_EQ(u.version, 1);
  EXPECT_EQ(u.created_at_us, 1234);
  EXPECT_TRUE(looks_like_uuid(u.id));
  EXPECT_TRUE(hasher.verify(u.password_hash, "correct horse battery"));
}

TEST(Accounts, make_account_reports_every_error) {
  const auth::PasswordHasher hasher;
  auto made = auth::make_account({"x", " y", Role::kViewer, "123456"}, hasher, 1);
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(made));
  EXPECT_EQ(auth::describe(std::get<std::vector<FieldError>>(made)).substr(0, 7), "email: ");
  EXPECT_EQ(std::get<std::vector<FieldError>>(made).size(), 3U);
}

}  // namespace
}  // namespace vitrine::domain
