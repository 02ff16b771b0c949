#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>

#include "api/etag.hpp"
#include "api/json_body.hpp"
#include "api/project_query.hpp"
#include "api/query.hpp"
#include "api/response_cache.hpp"
#include "http/problem.hpp"

namespace vitrine::api {
namespace {

std::string problem_slug(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const http::ProblemError& e) {
    return std::string(e.type().slug);
  }
  return "none";
}

TEST(Etag, is_strong_stable_and_content_addressed) {
  const std::string a = strong_etag("body");
  EXPECT_EQ(a, strong_etag("body"));
  EXPECT_NE(a, strong_etag("body2"));
  EXPECT_EQ(a.size(), 34U);
  EXPECT_TRUE(none_match_hits("\"x\", " + a, a));
  EXPECT_TRUE(none_match_hits("W/" + a, a));  // If-None-Match compares weakly
  EXPECT_TRUE(none_match_hits("*", a));
  EXPECT_FALSE(none_match_hits("\"other\"", a));
  EXPECT_TRUE(match_satisfied(a, a));
  EXPECT_TRUE(match_satisfied("*", a));
  EXPECT_FALSE(match_satisfied("W/" + a, a));  // If-Match compares strongly
  EXPECT_FALSE(match_satisfied("", a));
}

TEST(QueryParams, decodes_and_refuses_unknown_repeated_and_malformed) {
  constexpr std::array<std::string_view, 2> kAccepted = {"q", "limit"};
  const QueryParams p("q=a+b%26c&limit=5", kAccepted);
  EXPECT_EQ(p.get("q"), "a b&c");
  EXPECT_EQ(p.integer("limit", 1, 10), 5);
  EXPECT_EQ(problem_slug([&] { (void)p.integer("limit", 6, 10); }), "invalid-parameter");
  EXPECT_EQ(problem_slug([&] { QueryParams("x=1", kAccepted); }), "invalid-parameter");
  EXPECT_EQ(problem_slug([&] { QueryParams("q=1&q=2", kAccepted); }), "invalid-parameter");
  EXPECT_EQ(problem_slug([&] { QueryParams("q=%G1", kAccepted); }), "invalid-parameter");
  EXPECT_EQ(problem_slug([&] { QueryParams("q=%4", kAccepted); }), "invalid-parameter");
  EXPECT_EQ(percent_encode("a b/é"), "a%20b%2F%C3%A9");
}

TEST(ProjectQuery, cursor_round_trips_and_is_bound_to_its_sort) {
  domain::Project p;
  p.id = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";
  p.title = "T";
  p.sort_order = 7;
  const std::string cursor = encode_cursor(p, store::ProjectSort::kSortOrder);
  const store::ProjectQuery q = parse_project_query("cursor=" + cursor + "&limit=3", false);
  ASSERT_TRUE(q.after);
  EXPECT_EQ(q.after->id, p.id);
  EXPECT_EQ(q.after->text, "T");
  EXPECT_EQ(q.after->number, 7);
  EXPECT_EQ(q.limit, 3U);
  EXPECT_EQ(problem_slug([&] { (void)parse_project_query("sort=title&cursor=" + cursor, false); }),
            "invalid-parameter");
  EXPECT_EQ(next_page_target("/p", q, "C"), "/p?limit=3&cursor=C");
}

TEST(JsonBody, checks_media_type_syntax_and_depth) {
  http::Request r;
  r.body = R"({"a":1})";
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  EXPECT_EQ(parse_json_body(r, "application/json")["a"], 1);
  EXPECT_EQ(problem_slug([&] { (void)parse_json_body(r, "application/merge-patch+json"); }),
            "unsupported-media-type");
  const std::string deep =
      std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  r.body = deep;
  EXPECT_EQ(problem_slug([&] { (void)parse_json_body(r, "application/json"); }), "invalid-json");
  const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  r.body = ok;
  EXPECT_NO_THROW((void)parse_json_body(r, "application/json"));
}

TEST(ResponseCache, drops_entries_loaded_before_an_invalidation) {
  ResponseCache cache(std::chrono::milliseconds(0), 2);
  const auto entry = std::make_shared<CachedResponse>(CachedResponse{"b", "\"e\"", "", ""});
  const std::uint64_t before = cache.generation();
  cache.invalidate();
  cache.put("k", entry, before);  // loaded before the write: would be stale
  EXPECT_EQ(cache.get("k"), nullptr);
  cache.put("k", entry, cache.generation());
  EXPECT_EQ(cache.get("k"), entry);
  cache.put("k2", entry, cache.generation());
  cache.put("k3", entry, cache.generation());  // over the bound: starts over
  EXPECT_EQ(cache.get("k"), nullptr);
  EXPECT_NE(cache.get("k3"), nullptr);
}

TEST(ResponseCache, entries_expire_after_the_ttl) {
  ResponseCache cache(std::chrono::milliseconds(1));
  const auto entry = std::make_shared<CachedResponse>(CachedResponse{"b", "\"e\"", "", ""});
  cache.put("k", entry, cache.generation());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (cache.get("k") != nullptr && std::chrono::steady_clock::now() < deadline) {
  }
  EXPECT_EQ(cache.get("k"), nullptr);
}

}  // namespace
}  // namespace vitrine::api
