// The profile's rules: every broken one reported with its field, limits inclusive.
#include "domain/site_settings.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  out.reserve(errors.size());
  for (const FieldError& e : errors) {
    out.push_back(e.field + ":" + e.code);
  }
  return out;
}

TEST(SiteSettings, defaults_and_limits_are_valid) {
  SiteSettings s;
  EXPECT_TRUE(validate(s).empty());
  s.name = std::string(kMaxProfileName, 'n');
  s.headline = std::string(kMaxHeadline, 'h');
  s.location = std::string(kMaxLocation, 'l');
  s.about_markdown = std::string(kMaxAboutBytes, 'a');
  s.links = {{"GitHub", "https://github.com/someone"}};
  EXPECT_TRUE(validate(s).empty());
}

TEST(SiteSettings, reports_every_broken_rule) {
  SiteSettings s;
  s.name = std::string(kMaxProfileName + 1, 'n');
  s.headline = "line\nbreak";
  s.location = std::string(kMaxLocation + 1, 'l');
  s.about_markdown = std::string(kMaxAboutBytes + 1, 'a');
  s.links = {{"", "https://example.org"}, {"Mail", "javascript:alert(1)"}};
  EXPECT_EQ(fields(validate(s)),
            (std::vector<std::string>{"name:too_long", "headline:invalid_characters",
                                      "location:too_long", "about_markdown:too_long",
                                      "links/0/label:required", "links/1/url:invalid_url"}));
}

TEST(SiteSettings, about_text_keeps_newlines_but_no_other_controls) {
  SiteSettings s;
  s.about_markdown = "# Me\n\n\tindented";
  EXPECT_TRUE(validate(s).empty());
  s.about_markdown = "bell\a";
  EXPECT_EQ(fields(validate(s)), (std::vector<std::string>{"about_markdown:invalid_characters"}));
}

}  // namespace
}  // namespace vitrine::domain
