// SignIn against a real SQLite store: the password is re-hashed when the configured limits
// changed, and a disabled account gets the same answer as a wrong password.
#include "auth/sign_in.hpp"

#include <gtest/gtest.h>

#include "auth/accounts.hpp"
#include "store/store.hpp"
#include "testing/memory_sink.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"

namespace vitrine::auth {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

class SignInTest : public ::testing::Test {
 protected:
  domain::User add_user(const PasswordHasher& hasher) {
    auto made = make_account({"ada@example.com", "", domain::Role::kEditor, std::string(kPassword)},
                             hasher, 1);
    domain::User u = std::get<domain::User>(made);
    store_->users().insert(u, vitrine::testing::audit_record());
    return u;
  }

  vitrine::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_ = vitrine::testing::sqlite_store(dir_);
  std::shared_ptr<const JwtKeyRing> keys_ = std::make_shared<JwtKeyRing>(
      JwtKeyRing::parse_hs256("k1:a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s"));
  LoginThrottle throttle_;
  obs::Logger log_{"test", std::make_shared<vitrine::testing::MemorySink>(), obs::Level::kDebug,
                   obs::Format::kJson};
  Mfa mfa_{store_->users(), std::nullopt, "Vitrine", log_};

  // What the login handler passes: an anonymous request from `ip`.
  static domain::AuditEvent context(std::string ip = "127.0.0.1") {
    domain::AuditEvent e = vitrine::testing::audit_record("session.login");
    e.actor_kind = domain::ActorKind::kAnonymous;
    e.actor_id.clear();
    e.ip = std::move(ip);
    return e;
  }

  std::vector<domain::AuditEvent> logins() {
    store::AuditQuery q;
    q.action = "session.login";
    return store_->audit().list(q).items;  // newest first
  }
};

TEST_F(SignInTest, rehashes_when_the_limits_changed_and_records_the_login) {
  const PasswordHasher stronger_before({.passes = 3});
  const domain::User u = add_user(stronger_before);
  const PasswordHasher hasher;  // today's limits: 2 passes
  const JwtSigner signer(keys_, "vitrine", "vitrine-api");
  const SignIn sign_in(store_->users(), store_->audit(), hasher, signer, throttle_, mfa_,
                       std::chrono::seconds(900), log_);

  const auto token =
      sign_in.with_password({"ADA@example.com", std::string(kPassword), "", ""}, context()).token;
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->expires_in.count(), 900);
  const domain::User after = *store_->users().find(u.id);
  EXPECT_NE(after.password_hash, u.password_hash);
  EXPECT_FALSE(hasher.needs_rehash(after.password_hash));
  EXPECT_TRUE(hasher.verify(after.password_hash, kPassword));
  EXPECT_TRUE(after.last_login_at_us.has_value());
  EXPECT_EQ(after.version, u.version);  // bookkeeping is not an edit

  const JwtVerifier verifier(keys_, {"vitrine", "vitrine-api"});
  const auto claims = verifier.verify(token->token, *after.last_login_at_us / 1'000'000);
  ASSERT_TRUE(std::holds_alternative<JwtClaims>(claims));
  EXPECT_EQ(std::get<JwtClaims>(claims).subject, u.id);

  // Recorded with the sign-in, in its transaction: the actor is who they proved to be.
  const auto records = logins();
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].outcome, domain::Outcome::kSuccess);
  EXPECT_EQ(records[0].actor_kind, domain::ActorKind::kUser);
  EXPECT_EQ(records[0].actor_id, u.id);
  EXPECT_EQ(records[0].target_id, u.id);
  EXPECT_EQ(records[0].ip, "127.0.0.1");
}

TEST_F(SignInTest, refuses_wrong_passwords_unknown_emails_and_disabled_accounts_alike) {
  const PasswordHasher hasher;
  domain::User u = add_user(hasher);
  const JwtSigner signer(keys_, "vitrine", "vitrine-api");
  const SignIn sign_in(store_->users(), store_->audit(), hasher, signer, throttle_, mfa_,
                       std::chrono::seconds(900), log_);
  EXPECT_FALSE(
      sign_in.with_password({"ada@example.com", "wrong password!", "", ""}, context()).token);
  EXPECT_FALSE(
      sign_in
          .with_password({"bob@example.com", std::string(kPassword), "", ""}, context("10.0.0.2"))
          .token);
  const std::int64_t v = u.version;
  u.disabled = true;
  u.version = v + 1;
  ASSERT_EQ(store_->users().update(u, v, vitrine::testing::audit_record()),
            store::WriteOutcome::kDone);
  EXPECT_FALSE(
      sign_in.with_password({"ada@example.com", std::string(kPassword), "", ""}, context()).token);
  EXPECT_FALSE(store_->users().find(u.id)->last_login_at_us.has_value());

  // Three failures on record, anonymous; the account is named when the email matched one.
  const auto records = logins();
  ASSERT_EQ(records.size(), 3U);
  const std::vector<std::string> reasons{"disabled", "unknown-email", "wrong-password"};
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].outcome, domain::Outcome::kFailure);
    EXPECT_EQ(records[i].actor_kind, domain::ActorKind::kAnonymous);
    EXPECT_EQ(records[i].details.value("reason", ""), reasons[i]);
  }
  EXPECT_EQ(records[0].target_id, u.id);
  EXPECT_EQ(records[1].target_id, "");
  EXPECT_EQ(records[1].ip, "10.0.0.2");
  EXPECT_EQ(records[2].target_id, u.id);
}

TEST_F(SignInTest, a_slow_password_check_does_not_use_up_the_wait_it_earns) {
  // The first failure is throttled for 1 s. The stored hash costs 40 Argon2id passes (about
  // 1.3 s here), so a wait counted from when the attempt began would be over before the
  // failure is even known, and the next attempt would be checked at once.
  LoginThrottle throttle({.free_failures_per_account = 0, .first_delay = std::chrono::seconds(1)});
  add_user(PasswordHasher({.passes = 40}));
  const PasswordHasher hasher;
  const JwtSigner signer(keys_, "vitrine", "vitrine-api");
  const SignIn sign_in(store_->users(), store_->audit(), hasher, signer, throttle, mfa_,
                       std::chrono::seconds(900), log_);
  const Credentials wrong{"ada@example.com", "wrong password!", "", ""};
  const SignInResult first = sign_in.with_password(wrong, context());
  ASSERT_FALSE(first.token);
  ASSERT_FALSE(first.retry_after);
  const SignInResult next = sign_in.with_password(wrong, context());
  ASSERT_TRUE(next.retry_after);
  EXPECT_EQ(*next.retry_after, std::chrono::seconds(1));
  EXPECT_EQ(logins().size(), 1U);  // the throttled attempt was not checked
}

}  // namespace
}  // namespace vitrine::auth
