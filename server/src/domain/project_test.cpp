#include "domain/project.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/markdown.hpp"

namespace vitrine::domain {
namespace {

Project valid() {
  Project p;
  p.slug = "homelab";
  p.title = "Homelab";
  return p;
}

bool has(const std::vector<FieldError>& errors, std::string_view field, std::string_view code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

TEST(ProjectValidation, accepts_a_minimal_project) { EXPECT_TRUE(validate(valid()).empty()); }

TEST(ProjectValidation, reports_every_broken_rule_at_once) {
  Project p = valid();
  p.slug = "Bad Slug";
  p.title = "";
  p.tags = {"ok", "-starts-with-dash", "ok"};
  p.links = {{"", "ftp://x"}};
  p.repo_url = "javascript:alert(1)";
  p.sort_order = kMaxSortOrder + 1;
  const auto errors = validate(p);
  EXPECT_TRUE(has(errors, "slug", "invalid_format"));
  EXPECT_TRUE(has(errors, "title", "required"));
  EXPECT_TRUE(has(errors, "tags/1", "invalid_format"));
  EXPECT_TRUE(has(errors, "tags/2", "duplicate"));
  EXPECT_TRUE(has(errors, "links/0/label", "required"));
  EXPECT_TRUE(has(errors, "links/0/url", "invalid_url"));
  EXPECT_TRUE(has(errors, "repo_url", "invalid_url"));
  EXPECT_TRUE(has(errors, "sort_order", "out_of_range"));
  EXPECT_EQ(errors.size(), 8U);
}

TEST(ProjectValidation, limits_count_characters_not_bytes) {
  Project p = valid();
  p.title.clear();
  for (int i = 0; i < 200; ++i) {
    p.title += "\xc3\xa9";  // é: two bytes, one character
  }
  EXPECT_TRUE(validate(p).empty());
  p.title += "x";
  EXPECT_TRUE(has(validate(p), "title", "too_long"));
}

TEST(ProjectValidation, refuses_control_characters_but_keeps_newlines_in_bodies) {
  Project p = valid();
  p.body_markdown = "line\nline\ttab\r\n";
  EXPECT_TRUE(validate(p).empty());
  p.summary = std::string("a\0b", 3);
  EXPECT_TRUE(has(validate(p), "summary", "invalid_characters"));
  p.summary.clear();
  p.body_markdown = "bell\a";
  EXPECT_TRUE(has(validate(p), "body_markdown", "invalid_characters"));
}

TEST(ProjectValidation, too_many_items_is_one_error_not_one_per_item) {
  Project p = valid();
  p.tags.assign(500, "x");
  const auto errors = validate(p);
  EXPECT_TRUE(has(errors, "tags", "too_many"));
  EXPECT_LE(errors.size(), kMaxTags + 1);
}

TEST(ProjectValidation, refuses_uuid_shaped_slugs) {
  Project p = valid();
  p.slug = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";
  EXPECT_TRUE(has(validate(p), "slug", "reserved"));
}

TEST(Tags, follow_the_documented_pattern) {
  EXPECT_TRUE(is_valid_tag("c++"));
  EXPECT_TRUE(is_valid_tag("c#"));
  EXPECT_TRUE(is_valid_tag("node.js"));
  EXPECT_TRUE(is_valid_tag(std::string(32, 'a')));
  EXPECT_FALSE(is_valid_tag(std::string(33, 'a')));
  EXPECT_FALSE(is_valid_tag("+plus"));
  EXPECT_FALSE(is_valid_tag("Upper"));
  EXPECT_FALSE(is_valid_tag("with space"));
  EXPECT_FALSE(is_valid_tag("under_score"));
  EXPECT_FALSE(is_valid_tag("%"));
}

TEST(Urls, only_absolute_http_and_https_with_a_host) {
  EXPECT_TRUE(is_http_url("https://example.org"));
  EXPECT_TRUE(is_http_url("HTTP://example.org/a?b#c"));
  EXPECT_FALSE(is_http_url("https://"));
  EXPECT_FALSE(is_http_url("https:///path"));
  EXPECT_FALSE(is_http_url("javascript:alert(1)"));
  EXPECT_FALSE(is_http_url("//example.org"));
  EXPECT_FALSE(is_http_url("https://exa mple.org"));
  EXPECT_FALSE(is_http_url("https://example.org/\"><script>"));
}

TEST(Slugs, derive_from_titles) {
  EXPECT_EQ(slug_from_title("Homelab platform on Proxmox"), "homelab-platform-on-proxmox");
  EXPECT_EQ(slug_from_title("  C++ / Rust: 2024!  "), "c-rust-2024");
  EXPECT_EQ(slug_from_title("Überwachung"), "berwachung");
  EXPECT_EQ(slug_from_title("!!!"), "project");
  EXPECT_EQ(slug_from_title(std::string(100, 'a')).size(), kMaxSlug);
  EXPECT_EQ(slug_from_title("0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee").substr(0, 2), "p-");
  EXPECT_TRUE(is_valid_slug(slug_from_title("Any -- title --")));
}

TEST(Search, folds_ascii_case_and_indexes_whole_tags) {
  Project p = valid();
  p.title = "Kubernetes Platform";
  p.summary = "GitOps";
  p.tags = {"k8s", "argo-cd"};
  const std::string text = search_text(p);
  EXPECT_NE(text.find("kubernetes platform"), std::string::npos);
  EXPECT_NE(text.find("gitops"), std::string::npos);
  EXPECT_EQ(tags_index(p.tags), " k8s argo-cd ");
}

TEST(Markdown, renders_gfm_and_drops_raw_html_and_unsafe_links) {
  const std::string html = render_markdown(
      "# T\n\n<b>raw</b> [x](javascript:alert(1)) [y](https://ok.example) ~~del~~\n\n"
      "| a |\n|---|\n| 1 |\n\n- [x] done\n\n![i](data:image/png;base64,AAAA)");
  EXPECT_NE(html.find("<h1>T</h1>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("data:image"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://ok.example\">y</a>"), std::string::npos);
  EXPECT_NE(html.find("<del>del</del>"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("checkbox"), std::string::npos);
  // The text of a dropped link stays.
  EXPECT_NE(html.find(" x "), std::string::npos);
}

TEST(Markdown, nested_unsafe_image_inside_unsafe_link_is_unwrapped_safely) {
  const std::string html = render_markdown("[![alt](javascript:a)](javascript:b) end");
  EXPECT_EQ(html, "<p>alt end</p>\n");
}

}  // namespace
}  // namespace vitrine::domain
