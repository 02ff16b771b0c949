#pragma once
// The portfolio project: its fields and the rules a valid one follows. Pure: no storage,
// no HTTP, no JSON; the API maps JSON onto it and the store persists it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::domain {

enum class ProjectStatus : std::uint8_t { kActive, kMaintained, kArchived };
enum class Visibility : std::uint8_t { kDraft, kPublished };

struct Link {
  std::string label;
  std::string url;
  bool operator==(const Link&) const = default;
};

struct Project {
  std::string id;  // UUIDv7, server-generated
  std::string slug;
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string body_html;  // derived from body_markdown, never written by clients
  std::vector<std::string> tags;
  std::vector<std::string> tech_stack;
  std::vector<Link> links;
  std::string repo_url;  // empty: none
  std::string demo_url;  // empty: none
  ProjectStatus status = ProjectStatus::kActive;
  Visibility visibility = Visibility::kDraft;
  bool featured = false;
  std::int64_t sort_order = 0;
  std::int64_t created_at_us = 0;  // microseconds since the Unix epoch, UTC
  std::int64_t updated_at_us = 0;
  std::int64_t version = 0;  // 1 on create, +1 on every update
};

// Limits, quoted in validation messages and in api/openapi.yaml.
inline constexpr std::size_t kMaxSlug = 64;
inline constexpr std::size_t kMaxTitle = 200;    // characters
inline constexpr std::size_t kMaxSummary = 500;  // characters
inline constexpr std::size_t kMaxBodyBytes = std::size_t{100} * 1024;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxTag = 32;
inline constexpr std::size_t kMaxTechStack = 30;
inline constexpr std::size_t kMaxTechItem = 64;  // characters
inline constexpr std::size_t kMaxLinks = 20;
inline constexpr std::size_t kMaxLinkLabel = 100;  // characters
inline constexpr std::size_t kMaxUrl = 2048;
inline constexpr std::int64_t kMaxSortOrder = 1'000'000'000;

// One broken rule: `field` is a JSON-pointer-like path ("links/2/url"), `code` is stable.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// Every rule the client-writable fields break (all of them, not the first).
std::vector<FieldError> validate(const Project& project);

// The rule of a single-line text field, for every resource: no control characters, `min` to
// `max` characters (`min` 0 allows empty). Appends to `errors` what `value` breaks.
void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                std::size_t min, std::size_t max);

// The rules of a list of links (at most kMaxLinks, each with a label and an http(s) URL),
// for every resource that has one.
void check_links(std::vector<FieldError>& errors, const std::vector<Link>& links);

// The rule of a multi-line markdown field: at most `max_bytes`, no control characters
// other than newline and tab.
void check_markdown(std::vector<FieldError>& errors, const std::string& field,
                    std::string_view value, std::size_t max_bytes);

bool is_valid_slug(std::string_view slug);
bool is_valid_tag(std::string_view tag);
// Absolute http(s) URL with a host and no whitespace or control characters.
bool is_http_url(std::string_view url);
// The canonical text form of a UUID (any version): 8-4-4-4-12 lowercase hex.
bool looks_like_uuid(std::string_view text);

// A slug from a title: ASCII letters and digits lowercased, other runs become '-'.
std::string slug_from_title(std::string_view title);

std::string_view to_string(ProjectStatus status);
std::string_view to_string(Visibility visibility);
std::optional<ProjectStatus> parse_status(std::string_view text);
std::optional<Visibility> parse_visibility(std::string_view text);

// Lowercased title, summary and tags, for the case-insensitive `q` filter; the same
// folding is applied to the query, so both stores behave alike (ASCII letters fold).
std::string search_text(const Project& project);
std::string fold_case(std::string_view text);
// " tag1 tag2 ": tags cannot contain spaces, so " tag " matches whole tags only.
std::string tags_index(const std::vector<std::string>& tags);

}  // namespace vitrine::domain
