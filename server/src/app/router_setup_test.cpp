// The permission table covers exactly the routes the server registers: a route without a
// rule would be refused at run time (deny by default) and fails here first; a rule without
// a route is stale.
#include "app/router_setup.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "api/response_cache.hpp"
#include "app/identity.hpp"
#include "auth/permissions.hpp"
#include "checks/monitoring.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "obs/metrics.hpp"
#include "obs/readiness.hpp"
#include "slo/evaluations.hpp"
#include "store/store.hpp"
#include "testing/memory_sink.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_store.hpp"

namespace vitrine::app {
namespace {

// Registration needs a MonitorControl; this test never calls it.
class NoChecks final : public checks::MonitorControl {
 public:
  void changed(const domain::Monitor& /*monitor*/) override {}
  void removed(const std::string& /*monitor_id*/) override {}
  void heartbeat(const domain::Monitor& /*monitor*/, domain::CheckResult /*result*/) override {}
  std::optional<domain::CheckResult> run_now(const domain::Monitor& /*monitor*/,
                                             std::chrono::milliseconds /*wait*/) override {
    return std::nullopt;
  }
  void slos_changed() override {}
  void maintenance_changed() override {}
};

TEST(PermissionTable, covers_every_registered_route_and_nothing_else) {
  const vitrine::testing::TempDir dir;
  const auto store = vitrine::testing::sqlite_store(dir, false);
  config::Config config;
  const obs::Logger log("test", std::make_shared<vitrine::testing::MemorySink>(),
                        obs::Level::kError, obs::Format::kJson);
  const auto identity = make_identity(config, *store, log);
  const api::VersionInfo version{"0", "c", "t"};
  obs::Readiness readiness;
  obs::MetricsRegistry metrics("0", "c");
  api::ResponseCache cache;
  api::LocalBus bus;
  http::Router router;
  NoChecks checks;
  const slo::Evaluations slos(*store, log);
  add_all_routes(router, {version, readiness, metrics, *store, cache, bus, *identity, log, checks,
                          10, std::chrono::seconds(10), slos, nullptr, std::chrono::seconds(1)});

  std::set<std::string> registered;
  for (const http::Router::Route* route : router.routes()) {
    for (std::size_t m = 0; m < http::kMethodCount; ++m) {
      const auto method = static_cast<http::Method>(m);
      if (!route->handlers.at(m) || method == http::Method::kHead) {
        continue;
      }
      const std::string key = std::string(http::to_string(method)) + " " + route->pattern;
      registered.insert(key);
      EXPECT_NE(auth::find_route_permission(method, route->pattern), nullptr)
          << key << " has no rule in auth/permissions.cpp";
    }
  }
  for (const auth::RoutePermission& rule : auth::route_permissions()) {
    const std::string key =
        std::string(http::to_string(rule.method)) + " " + std::string(rule.pattern);
    EXPECT_TRUE(registered.contains(key)) << key << " is in the table but not registered";
  }
  EXPECT_GE(registered.size(), 20U);
}

// Every registered route and method is documented in api/openapi.yaml, whose paths are
// two-space-indented keys with their methods four spaces in.
TEST(OpenApi, documents_every_registered_route) {
  std::ifstream in(std::string(VITRINE_SOURCE_DIR) + "/api/openapi.yaml");
  ASSERT_TRUE(in) << "api/openapi.yaml";
  const std::string spec((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auth::RoutePermission& rule : auth::route_permissions()) {
    const std::string key = "\n  " + std::string(rule.pattern) + ":\n";
    const std::size_t at = spec.find(key);
    ASSERT_NE(at, std::string::npos) << rule.pattern << " is not in api/openapi.yaml";
    const std::size_t end = spec.find("\n  /", at + key.size());
    std::string method(http::to_string(rule.method));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_NE(spec.substr(at, end - at).find("\n    " + method + ":"), std::string::npos)
        << method << " " << rule.pattern << " is not in api/openapi.yaml";
  }
}

TEST(PermissionTable, names_the_audited_action_of_every_write_and_only_of_writes) {
  for (const auth::RoutePermission& rule : auth::route_permissions()) {
    const bool write = http::changes_state(rule.method);
    const std::string key =
        std::string(http::to_string(rule.method)) + " " + std::string(rule.pattern);
    EXPECT_EQ(!rule.action.empty(), write) << key;
    // "family.verb": the audit API filters by family ("project.").
    EXPECT_TRUE(!write || rule.action.find('.') != std::string_view::npos) << key;
  }
}

TEST(PermissionTable, decides_by_role) {
  using auth::Decision;
  using auth::Permission;
  using domain::Role;
  const auth::Principal anonymous;
  // A user whose session passed TOTP and whose account has it.
  const auto user = [](Role r) {
    return auth::Principal{auth::PrincipalKind::kUser, "u", r, true, true};
  };
  EXPECT_EQ(decide(Permission::kPublic, anonymous), Decision::kAllow);
  EXPECT_EQ(decide(Permission::kSignedIn, anonymous), Decision::kSignInRequired);
  EXPECT_EQ(decide(Permission::kWriteContent, anonymous), Decision::kSignInRequired);
  EXPECT_EQ(decide(Permission::kRead, user(Role::kViewer)), Decision::kAllow);
  EXPECT_EQ(decide(Permission::kWriteContent, user(Role::kViewer)), Decision::kForbidden);
  EXPECT_EQ(decide(Permission::kWriteContent, user(Role::kEditor)), Decision::kAllow);
  EXPECT_EQ(decide(Permission::kAdmin, user(Role::kEditor)), Decision::kForbidden);
  EXPECT_EQ(decide(Permission::kAdmin, user(Role::kAdmin)), Decision::kAllow);
  // Admins must enrol before anything but signed-in routes, and admin routes need a session
  // that passed TOTP.
  const auth::Principal unenrolled{auth::PrincipalKind::kUser, "a", Role::kAdmin, false, false};
  EXPECT_EQ(decide(Permission::kSignedIn, unenrolled), Decision::kAllow);
  EXPECT_EQ(decide(Permission::kWriteContent, unenrolled), Decision::kEnrollMfa);
  EXPECT_EQ(decide(Permission::kAdmin, unenrolled), Decision::kEnrollMfa);
  const auth::Principal password_only{auth::PrincipalKind::kUser, "a", Role::kAdmin, false, true};
  EXPECT_EQ(decide(Permission::kWriteContent, password_only), Decision::kAllow);
  EXPECT_EQ(decide(Permission::kAdmin, password_only), Decision::kMfaSession);
  // Editors and viewers may enrol but need not.
  const auth::Principal editor{auth::PrincipalKind::kUser, "e", Role::kEditor, false, false};
  EXPECT_EQ(decide(Permission::kWriteContent, editor), Decision::kAllow);
  // HEAD is GET's; an unknown route has no rule.
  EXPECT_NE(auth::find_route_permission(http::Method::kHead, "/api/v1/projects"), nullptr);
  EXPECT_EQ(auth::find_route_permission(http::Method::kPut, "/api/v1/projects"), nullptr);
}

}  // namespace
}  // namespace vitrine::app
