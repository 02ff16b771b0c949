// UserStore on a real SQLite file: the rules that live in SQL (unique email key, the last
// enabled admin, versions, first-user bootstrap). The black-box suite runs the same rules
// against PostgreSQL through the CLI and the API.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/errors.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"
#include "util/uuid.hpp"

namespace vitrine::store {
namespace {

using domain::Role;
using domain::User;

User make_user(const std::string& email, Role role) {
  User u;
  u.id = util::uuid_v7();
  u.email = email;
  u.email_key = domain::email_key(email);
  u.display_name = email.substr(0, email.find('@'));
  u.role = role;
  u.password_hash = "$argon2id$placeholder";
  u.created_at_us = 1;
  u.updated_at_us = 1;
  u.version = 1;
  return u;
}

class UserStoreTest : public ::testing::Test {
 protected:
  UserStore& users() { return store_->users(); }

  // The next version of `u` with `change` applied, written at u.version.
  template <typename Change>
  WriteOutcome update(User u, Change change) {
    const std::int64_t expected = u.version;
    change(u);
    u.version = expected + 1;
    return users().update(u, expected, vitrine::testing::audit_record());
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<Store> store_ = vitrine::testing::sqlite_store(dir_);
};

TEST_F(UserStoreTest, finds_by_id_and_by_lower_cased_email) {
  const User ada = make_user("Ada@Example.com", Role::kEditor);
  users().insert(ada, vitrine::testing::audit_record());
  ASSERT_TRUE(users().find(ada.id).has_value());
  const auto by_email = users().find_by_email("ada@example.com");
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->email, "Ada@Example.com");
  EXPECT_EQ(by_email->role, Role::kEditor);
  EXPECT_FALSE(by_email->last_login_at_us.has_value());
  EXPECT_FALSE(users().find_by_email("Ada@Example.com").has_value());  // keys are lower case
}

TEST_F(UserStoreTest, an_email_key_is_unique) {
  users().insert(make_user("ada@example.com", Role::kEditor), vitrine::testing::audit_record());
  try {
    users().insert(make_user("ADA@example.com", Role::kViewer), vitrine::testing::audit_record());
    FAIL() << "a second account with the same address was inserted";
  } catch (const Conflict& c) {
    EXPECT_EQ(c.field(), "email");
  }
  EXPECT_EQ(users().count(), 1U);
}

TEST_F(UserStoreTest, the_last_enabled_admin_cannot_be_demoted_disabled_or_deleted) {
  const User root = make_user("root@example.com", Role::kAdmin);
  users().insert(root, vitrine::testing::audit_record());
  EXPECT_EQ(update(root, [](User& u) { u.role = Role::kEditor; }), WriteOutcome::kLastAdmin);
  EXPECT_EQ(update(root, [](User& u) { u.disabled = true; }), WriteOutcome::kLastAdmin);
  EXPECT_EQ(users().remove(root.id, std::nullopt, vitrine::testing::audit_record()),
            WriteOutcome::kLastAdmin);
  // Other changes to the last admin are fine.
  EXPECT_EQ(update(root, [](User& u) { u.display_name = "Root"; }), WriteOutcome::kDone);

  // With a second enabled admin, the first may step down; then the second is the last.
  const User second = make_user("second@example.com", Role::kAdmin);
  users().insert(second, vitrine::testing::audit_record());
  const User root_now = *users().find(root.id);
  EXPECT_EQ(update(root_now, [](User& u) { u.role = Role::kViewer; }), WriteOutcome::kDone);
  EXPECT_EQ(users().remove(second.id, std::nullopt, vitrine::testing::audit_record()),
            WriteOutcome::kLastAdmin);
  EXPECT_EQ(users().find(second.id)->role, Role::kAdmin);
}

TEST_F(UserStoreTest, a_disabled_admin_does_not_count_as_the_remaining_one) {
  const User a = make_user("a@example.com", Role::kAdmin);
  User b = make_user("b@example.com", Role::kAdmin);
  b.disabled = true;
  users().insert(a, vitrine::testing::audit_record());
  users().insert(b, vitrine::testing::audit_record());
  EXPECT_EQ(users().remove(a.id, std::nullopt, vitrine::testing::audit_record()),
            WriteOutcome::kLastAdmin);
  EXPECT_EQ(users().remove(b.id, std::nullopt, vitrine::testing::audit_record()),
            WriteOutcome::kDone);
}

TEST_F(UserStoreTest, updates_and_deletes_check_the_version) {
  const User ada = make_user("ada@example.com", Role::kEditor);
  users().insert(ada, vitrine::testing::audit_record());
  EXPECT_EQ(update(ada, [](User& u) { u.display_name = "Ada"; }), WriteOutcome::kDone);
  EXPECT_EQ(update(ada, [](User& u) { u.display_name = "Lovelace"; }), WriteOutcome::kStale);
  EXPECT_EQ(users().remove(ada.id, 1, vitrine::testing::audit_record()), WriteOutcome::kStale);
  EXPECT_EQ(users().remove(ada.id, 2, vitrine::testing::audit_record()), WriteOutcome::kDone);
  EXPECT_EQ(users().remove(ada.id, std::nullopt, vitrine::testing::audit_record()),
            WriteOutcome::kNotFound);
  EXPECT_EQ(update(ada, [](User& u) { u.display_name = "x"; }), WriteOutcome::kNotFound);
}

TEST_F(UserStoreTest, changing_to_a_taken_email_is_a_conflict) {
  users().insert(make_user("ada@example.com", Role::kEditor), vitrine::testing::audit_record());
  const User bob = make_user("bob@example.com", Role::kEditor);
  users().insert(bob, vitrine::testing::audit_record());
  EXPECT_THROW(update(bob,
                      [](User& u) {
                        u.email = "Ada@example.com";
                        u.email_key = "ada@example.com";
                      }),
               Conflict);
}

TEST_F(UserStoreTest, the_first_user_is_inserted_only_into_an_empty_table) {
  EXPECT_TRUE(users().insert_first(make_user("root@example.com", Role::kAdmin),
                                   vitrine::testing::audit_record()));
  EXPECT_FALSE(users().insert_first(make_user("other@example.com", Role::kAdmin),
                                    vitrine::testing::audit_record()));
  EXPECT_EQ(users().count(), 1U);
}

TEST_F(UserStoreTest, lists_in_id_order_with_keyset_pages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const User u = make_user("u" + std::to_string(i) + "@example.com", Role::kViewer);
    ids.push_back(u.id);
    users().insert(u, vitrine::testing::audit_record());
  }
  std::sort(ids.begin(), ids.end());  // UUIDv7: creation order to the millisecond
  const UserPage first = users().list(std::nullopt, 2);
  ASSERT_EQ(first.items.size(), 2U);
  EXPECT_TRUE(first.has_more);
  EXPECT_EQ(first.items[0].id, ids[0]);
  const UserPage rest = users().list(first.items.back().id, 10);
  ASSERT_EQ(rest.items.size(), 3U);
  EXPECT_FALSE(rest.has_more);
  EXPECT_EQ(rest.items.back().id, ids[4]);
}

TEST_F(UserStoreTest, sign_in_bookkeeping_keeps_the_version) {
  const User ada = make_user("ada@example.com", Role::kEditor);
  users().insert(ada, vitrine::testing::audit_record());
  users().record_login(ada.id, 42, std::string("$argon2id$rehashed"),
                       vitrine::testing::audit_record());
  const User after = *users().find(ada.id);
  EXPECT_EQ(after.last_login_at_us, 42);
  EXPECT_EQ(after.password_hash, "$argon2id$rehashed");
  EXPECT_EQ(after.version, 1);
}

TEST_F(UserStoreTest, turning_mfa_off_forgets_the_second_factor) {
  User ada = make_user("ada@example.com", Role::kEditor);
  users().insert(ada, vitrine::testing::audit_record());
  users().set_pending_mfa(ada.id, "sealed-seed", vitrine::testing::audit_record());
  ASSERT_TRUE(users().enable_mfa(ada.id, 7, {"h1", "h2"}, vitrine::testing::audit_record()));
  ada = *users().find(ada.id);
  ASSERT_TRUE(ada.mfa_enabled);
  EXPECT_EQ(users().recovery_codes_left(ada.id), 2U);
  // Another edit keeps it.
  EXPECT_EQ(update(ada, [](User& u) { u.display_name = "Ada"; }), WriteOutcome::kDone);
  ada = *users().find(ada.id);
  EXPECT_EQ(ada.mfa_secret_sealed, "sealed-seed");
  // Turning it off forgets seed, last step and codes: the user enrols again.
  EXPECT_EQ(update(ada, [](User& u) { u.mfa_enabled = false; }), WriteOutcome::kDone);
  const User after = *users().find(ada.id);
  EXPECT_FALSE(after.mfa_enabled);
  EXPECT_EQ(after.mfa_secret_sealed, "");
  EXPECT_EQ(after.mfa_last_step, 0);
  EXPECT_EQ(users().recovery_codes_left(ada.id), 0U);
}

}  // namespace
}  // namespace vitrine::store
