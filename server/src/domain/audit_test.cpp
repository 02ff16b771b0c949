#include "domain/audit.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

using nlohmann::json;

TEST(AuditDiff, lists_only_the_members_that_differ) {
  const json before = {{"title", "Old"}, {"tags", {"a"}}, {"featured", false}};
  const json after = {{"title", "New"}, {"tags", {"a"}}, {"featured", true}, {"demo_url", "x"}};
  const json d = diff(before, after);
  EXPECT_EQ(d, (json{{"title", {{"from", "Old"}, {"to", "New"}}},
                     {"featured", {{"from", false}, {"to", true}}},
                     {"demo_url", {{"from", nullptr}, {"to", "x"}}}}));
}

TEST(AuditDiff, records_creation_and_deletion_against_null) {
  const json doc = {{"email", "a@example.com"}, {"role", "viewer"}};
  EXPECT_EQ(diff(nullptr, doc).size(), 2U);
  EXPECT_EQ(diff(doc, nullptr)["role"], (json{{"from", "viewer"}, {"to", nullptr}}));
  EXPECT_TRUE(diff(doc, doc).empty());
}

TEST(AuditDiff, redacts_secrets_at_any_depth) {
  const json before = {{"password", "old secret value"}, {"nested", {{"api_token", "t1"}}}};
  const json after = {{"password", "new secret value"}, {"nested", {{"api_token", "t2"}}}};
  const json d = diff(before, after);
  EXPECT_EQ(d["password"], (json{{"from", "[redacted]"}, {"to", "[redacted]"}}));
  EXPECT_EQ(d["nested"]["to"]["api_token"], "[redacted]");
  EXPECT_EQ(d.dump().find("secret value"), std::string::npos);
  EXPECT_EQ(d.dump().find("t2"), std::string::npos);
}

TEST(AuditDiff, shortens_long_strings_on_a_character_boundary) {
  std::string body(300, 'a');
  body += std::string(300, 'x');
  // A two-byte character straddling the cut at byte 200.
  body.replace(199, 2, "\xC3\xA9");
  const json d = diff(json{{"body_markdown", "short"}}, json{{"body_markdown", body}});
  const auto& to = d["body_markdown"]["to"].get_ref<const std::string&>();
  EXPECT_LT(to.size(), 250U);
  EXPECT_NE(to.find("(600 bytes)"), std::string::npos);
  EXPECT_NO_THROW((void)json(to).dump());  // still valid UTF-8
  EXPECT_EQ(d["body_markdown"]["from"], "short");
}

TEST(AuditSecrets, recognises_secret_member_names) {
  for (const char* name : {"password", "Password", "totp_secret", "token_hash", "api_key", "key",
                           "recovery_codes", "refresh_token"}) {
    EXPECT_TRUE(is_secret_field(name)) << name;
  }
  for (const char* name : {"title", "email", "role", "monkey", "keywords", "disabled"}) {
    EXPECT_FALSE(is_secret_field(name)) << name;
  }
}

TEST(AuditNames, round_trip) {
  for (const auto k :
       {ActorKind::kAnonymous, ActorKind::kUser, ActorKind::kToken, ActorKind::kSystem}) {
    EXPECT_EQ(parse_actor_kind(to_string(k)), k);
  }
  for (const auto o : {Outcome::kSuccess, Outcome::kFailure, Outcome::kDenied}) {
    EXPECT_EQ(parse_outcome(to_string(o)), o);
  }
  EXPECT_EQ(parse_outcome("ok"), std::nullopt);
  EXPECT_EQ(parse_actor_kind("User"), std::nullopt);
}

TEST(AuditFollowUp, is_a_new_record_of_the_same_request) {
  AuditEvent first;
  first.id = "0190a000-0000-7000-8000-000000000000";
  first.request_id = "req-1";
  first.actor_id = "u1";
  first.action = "session.login";
  const AuditEvent second = follow_up(first, "mfa.recovery_used");
  EXPECT_NE(second.id, first.id);  // two rows: two primary keys
  EXPECT_EQ(second.action, "mfa.recovery_used");
  EXPECT_EQ(second.request_id, "req-1");
  EXPECT_EQ(second.actor_id, "u1");
}

}  // namespace
}  // namespace vitrine::domain
