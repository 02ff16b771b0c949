#pragma once
// The site's settings: today the owner's profile that heads the portfolio (name, headline,
// location, about text and links). One per installation; admins edit it. Pure.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/project.hpp"

namespace vitrine::domain {

struct SiteSettings {
  std::string name;  // empty: the dashboard shows a neutral title
  std::string headline;
  std::string location;
  std::string about_markdown;
  std::string about_html;  // derived from about_markdown, never written by clients
  std::vector<Link> links;
  std::int64_t updated_at_us = 0;  // 0: never edited
  std::int64_t version = 1;
};

// Limits, quoted in validation messages and in api/openapi.yaml.
inline constexpr std::size_t kMaxProfileName = 100;  // characters
inline constexpr std::size_t kMaxHeadline = 200;     // characters
inline constexpr std::size_t kMaxLocation = 100;     // characters
inline constexpr std::size_t kMaxAboutBytes = std::size_t{20} * 1024;

// Every rule the client-writable fields break.
std::vector<FieldError> validate(const SiteSettings& settings);

}  // namespace vitrine::domain
