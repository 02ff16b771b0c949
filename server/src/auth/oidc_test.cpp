// The OIDC mapping rules: role maps, the highest role a claim grants, second factors from
// amr; and the key source (a JWKS file) with its refresh. The black-box suite signs real
// tokens against a running server (server/tests/test_oidc.py).
#include "auth/oidc.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/memory_sink.hpp"
#include "testing/temp_dir.hpp"

namespace vitrine::auth {
namespace {

using domain::Role;

TEST(OidcRoleMap, parses_pairs_and_names_the_bad_entry) {
  const RoleMap map = parse_role_map(" vitrine-admins=admin, staff = editor ,a=b=viewer");
  ASSERT_EQ(map.size(), 3U);
  EXPECT_EQ(map[0], (std::pair<std::string, Role>{"vitrine-admins", Role::kAdmin}));
  EXPECT_EQ(map[1], (std::pair<std::string, Role>{"staff", Role::kEditor}));
  EXPECT_EQ(map[2], (std::pair<std::string, Role>{"a=b", Role::kViewer}));  // last '=' splits
  for (const char* bad : {"", "admins", "admins=owner", "=admin", "a=admin,,"}) {
    EXPECT_THROW(static_cast<void>(parse_role_map(bad)), std::invalid_argument) << bad;
  }
}

TEST(OidcRoleMap, the_highest_matching_role_wins) {
  const RoleMap map = parse_role_map("devs=editor,ops=admin,all=viewer");
  const auto role = [&](const nlohmann::json& payload) {
    return mapped_role(payload, "groups", map);
  };
  EXPECT_EQ(role({{"groups", {"all", "devs"}}}), Role::kEditor);
  EXPECT_EQ(role({{"groups", {"ops", "all"}}}), Role::kAdmin);
  EXPECT_EQ(role({{"groups", "all"}}), Role::kViewer);
  EXPECT_EQ(role({{"groups", {"guests"}}}), std::nullopt);
  EXPECT_EQ(role({{"groups", {1, nullptr}}}), std::nullopt);
  EXPECT_EQ(role({{"roles", {"ops"}}}), std::nullopt);  // another claim
}

TEST(OidcSecondFactor, comes_from_amr) {
  EXPECT_TRUE(passed_second_factor({{"amr", {"pwd", "mfa"}}}));
  EXPECT_TRUE(passed_second_factor({{"amr", {"hwk"}}}));
  EXPECT_FALSE(passed_second_factor({{"amr", {"pwd"}}}));
  EXPECT_FALSE(passed_second_factor({{"amr", "mfa"}}));  // must be an array
  EXPECT_FALSE(passed_second_factor(nlohmann::json::object()));
}

TEST(OidcKeys, load_from_a_file_and_keep_the_old_keys_when_it_breaks) {
  const vitrine::testing::TempDir dir;
  const std::string path = dir.file("jwks.json");
  const obs::Logger log("test", std::make_shared<vitrine::testing::MemorySink>(),
                        obs::Level::kDebug, obs::Format::kJson);
  OidcSettings s;
  s.issuer = "https://idp.example";
  s.audience = "vitrine";
  s.jwks = path;
  s.role_map = parse_role_map("admin=admin");
  OidcVerifier v(s, log);
  EXPECT_FALSE(v.refresh());  // no file yet
  EXPECT_EQ(std::get<TokenError>(v.verify("a.b.c", 0)), TokenError::kUnknownKey);
  std::ofstream(path) << "not json";
  EXPECT_FALSE(v.refresh());
  EXPECT_THROW(static_cast<void>(fetch_jwks(dir.file("missing.json"))), std::runtime_error);
}

}  // namespace
}  // namespace vitrine::auth
