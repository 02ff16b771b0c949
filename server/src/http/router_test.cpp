#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/problem.hpp"

namespace vitrine::http {
namespace {

Handler returns(std::string body) {
  return [body = std::move(body)](const Request&) { return Response::json(200, body); };
}

Request request(Method method, std::string_view path) {
  Request r;
  r.method = method;
  r.method_text = to_string(method);
  r.path = path;
  r.target = path;
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(Method::kGet, "/healthz", returns("health"));
    router_.add(Method::kGet, "/api/v1/projects", returns("list"));
    router_.add(Method::kPost, "/api/v1/projects", returns("create"));
    router_.add(Method::kGet, "/api/v1/projects/{id}", returns("one"));
    router_.add(Method::kDelete, "/api/v1/projects/{id}", returns("delete"));
    router_.add(Method::kGet, "/api/v1/projects/featured", returns("featured"));
    router_.add(Method::kGet, "/api/v1/projects/{id}/monitors/{monitor}", returns("monitor"));
  }
  Router router_;
};

TEST_F(RouterTest, matches_literal_route) {
  auto req = request(Method::kGet, "/healthz");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.status(), 200);
  EXPECT_EQ(res.body(), "health");
  EXPECT_EQ(req.route, "/healthz");
}

TEST_F(RouterTest, extracts_and_decodes_path_parameters) {
  auto req = request(Method::kGet, "/api/v1/projects/my%20app/monitors/42");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.body(), "monitor");
  EXPECT_EQ(req.route, "/api/v1/projects/{id}/monitors/{monitor}");
  ASSERT_NE(req.param("id"), nullptr);
  EXPECT_EQ(*req.param("id"), "my app");
  EXPECT_EQ(*req.param("monitor"), "42");
}

TEST_F(RouterTest, literal_segment_wins_over_parameter) {
  auto req = request(Method::kGet, "/api/v1/projects/featured");
  EXPECT_EQ(router_.dispatch(req).body(), "featured");
  auto other = request(Method::kGet, "/api/v1/projects/other");
  EXPECT_EQ(router_.dispatch(other).body(), "one");
}

TEST_F(RouterTest, backtracks_from_literal_dead_end_to_parameter) {
  // "featured" is a literal leaf without children: /featured/monitors/1 must use {id}.
  auto req = request(Method::kGet, "/api/v1/projects/featured/monitors/1");
  EXPECT_EQ(router_.dispatch(req).body(), "monitor");
  EXPECT_EQ(*req.param("id"), "featured");
}

TEST_F(RouterTest, unknown_path_is_404_problem_with_unmatched_route_label) {
  auto req = request(Method::kGet, "/nope");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.status(), 404);
  EXPECT_EQ(res.content_type(), kProblemContentType);
  EXPECT_NE(res.body().find("urn:vitrine:problem:not-found"), std::string::npos);
  EXPECT_EQ(req.route, kUnmatchedRoute);
}

TEST_F(RouterTest, trailing_slash_and_empty_segments_do_not_match) {
  for (const char* path :
       {"/healthz/", "/api/v1/projects//monitors/1", "//healthz", "healthz", ""}) {
    auto req = request(Method::kGet, path);
    EXPECT_EQ(router_.dispatch(req).status(), 404) << path;
  }
}

TEST_F(RouterTest, malformed_percent_encoding_is_404) {
  for (const char* path : {"/api/v1/projects/%zz", "/api/v1/projects/%4", "/api/v1/projects/%"}) {
    auto req = request(Method::kGet, path);
    EXPECT_EQ(router_.dispatch(req).status(), 404) << path;
  }
}

TEST_F(RouterTest, wrong_method_is_405_with_allow_header) {
  auto req = request(Method::kPut, "/api/v1/projects/7");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.status(), 405);
  EXPECT_EQ(res.header("Allow").value_or(""), "GET, HEAD, DELETE, OPTIONS");
  EXPECT_EQ(req.route, "/api/v1/projects/{id}");
  EXPECT_NE(res.body().find("method-not-allowed"), std::string::npos);
}

TEST_F(RouterTest, head_falls_back_to_get) {
  auto req = request(Method::kHead, "/healthz");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.status(), 200);
  EXPECT_EQ(res.body(), "health");  // the writer drops the body and keeps its length
}

TEST_F(RouterTest, options_answers_204_with_allow) {
  auto req = request(Method::kOptions, "/api/v1/projects");
  const Response res = router_.dispatch(req);
  EXPECT_EQ(res.status(), 204);
  EXPECT_EQ(res.header("Allow").value_or(""), "GET, HEAD, POST, OPTIONS");
}

TEST_F(RouterTest, rejects_duplicate_and_malformed_patterns) {
  EXPECT_THROW(router_.add(Method::kGet, "/healthz", returns("x")), std::invalid_argument);
  EXPECT_THROW(router_.add(Method::kGet, "no-slash", returns("x")), std::invalid_argument);
  EXPECT_THROW(router_.add(Method::kGet, "/a/{", returns("x")), std::invalid_argument);
  EXPECT_THROW(router_.add(Method::kGet, "/api/v1/projects/{other}/x", returns("x")),
               std::invalid_argument);
  EXPECT_THROW(router_.add(Method::kOther, "/x", returns("x")), std::invalid_argument);
}

TEST(PercentDecode, decodes_and_rejects) {
  std::string out;
  EXPECT_TRUE(percent_decode("a%2Fb%20c", out));
  EXPECT_EQ(out, "a/b c");
  EXPECT_FALSE(percent_decode("%G1", out));
  EXPECT_FALSE(percent_decode("abc%2", out));
}

}  // namespace
}  // namespace vitrine::http
