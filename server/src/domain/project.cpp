#include "domain/project.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "util/text.hpp"

namespace vitrine::domain {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// C0 controls and DEL; `allow_newlines` lets multi-line text keep \n, \r and \t.
bool has_control(std::string_view text, bool allow_newlines) {
  return std::any_of(text.begin(), text.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) {
      return false;
    }
    return c < 0x20 || c == 0x7f;
  });
}

class Checker {
 public:
  void add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }

  // A single-line text field with a character limit; `min` 0 allows empty.
  void text(const std::string& field, std::string_view value, std::size_t min, std::size_t max) {
    check_text(errors_, field, value, min, max);
  }

  void url(const std::string& field, std::string_view value) {
    if (value.size() > kMaxUrl) {
      add(field, "too_long", fmt::format("must be at most {} characters", kMaxUrl));
    } else if (!is_http_url(value)) {
      add(field, "invalid_url", "must be an absolute http:// or https:// URL");
    }
  }

  void links(const std::vector<Link>& links) {
    if (links.size() > kMaxLinks) {
      add("links", "too_many", fmt::format("must have at most {} items", kMaxLinks));
    }
    for (std::size_t i = 0; i < links.size() && i < kMaxLinks; ++i) {
      text(fmt::format("links/{}/label", i), links[i].label, 1, kMaxLinkLabel);
      url(fmt::format("links/{}/url", i), links[i].url);
    }
  }

  void markdown(const std::string& field, std::string_view value, std::size_t max_bytes) {
    if (value.size() > max_bytes) {
      add(field, "too_long", fmt::format("must be at most {} bytes", max_bytes));
    } else if (has_control(value, true)) {
      add(field, "invalid_characters",
          "must not contain control characters other than newline and tab");
    }
  }

  std::vector<FieldError> take() { return std::move(errors_); }

  // Moves the errors found so far to the end of `out`.
  void append_to(std::vector<FieldError>& out) {
    out.insert(out.end(), std::make_move_iterator(errors_.begin()),
               std::make_move_iterator(errors_.end()));
    errors_.clear();
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace

void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                std::size_t min, std::size_t max) {
  if (has_control(value, false)) {
    errors.push_back({field, "invalid_characters", "must not contain control characters"});
    return;
  }
  const std::size_t n = util::utf8_length(value);
  if (n < min) {
    errors.push_back({field, "required", "must not be empty"});
  } else if (n > max) {
    errors.push_back({field, "too_long", fmt::format("must be at most {} characters", max)});
  }
}

void check_links(std::vector<FieldError>& errors, const std::vector<Link>& links) {
  Checker check;
  check.links(links);
  check.append_to(errors);
}

void check_markdown(std::vector<FieldError>& errors, const std::string& field,
                    std::string_view value, std::size_t max_bytes) {
  Checker check;
  check.markdown(field, value, max_bytes);
  check.append_to(errors);
}

std::vector<FieldError> validate(const Project& p) {
  Checker check;
  if (!is_valid_slug(p.slug)) {
    check.add("slug", "invalid_format",
              fmt::format("must be 1-{} characters of a-z, 0-9 and '-'", kMaxSlug));
  } else if (looks_like_uuid(p.slug)) {
    check.add("slug", "reserved", "must not have the form of a UUID (ids use that form)");
  }
  check.text("title", p.title, 1, kMaxTitle);
  check.text("summary", p.summary, 0, kMaxSummary);
  check.markdown("body_markdown", p.body_markdown, kMaxBodyBytes);

  if (p.tags.size() > kMaxTags) {
    check.add("tags", "too_many", fmt::format("must have at most {} items", kMaxTags));
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < p.tags.size() && i < kMaxTags; ++i) {
    const std::string field = fmt::format("tags/{}", i);
    if (!is_valid_tag(p.tags[i])) {
      check.add(
          field, "invalid_format",
          fmt::format("must start with a-z or 0-9, then up to {} of a-z 0-9 + . # -", kMaxTag - 1));
    } else if (!seen.insert(p.tags[i]).second) {
      check.add(field, "duplicate", "is listed twice");
    }
  }

  if (p.tech_stack.size() > kMaxTechStack) {
    check.add("tech_stack", "too_many", fmt::format("must have at most {} items", kMaxTechStack));
  }
  for (std::size_t i = 0; i < p.tech_stack.size() && i < kMaxTechStack; ++i) {
    check.text(fmt::format("tech_stack/{}", i), p.tech_stack[i], 1, kMaxTechItem);
  }

  check.links(p.links);
  if (!p.repo_url.empty()) {
    check.url("repo_url", p.repo_url);
  }
  if (!p.demo_url.empty()) {
    check.url("demo_url", p.demo_url);
  }
  if (p.sort_order < -kMaxSortOrder || p.sort_order > kMaxSortOrder) {
    check.add("sort_order", "out_of_range",
              fmt::format("must be between {} and {}", -kMaxSortOrder, kMaxSortOrder));
  }
  return check.take();
}

bool is_valid_slug(std::string_view slug) {
  return !slug.empty() && slug.size() <= kMaxSlug &&
         std::all_of(slug.begin(), slug.end(),
                     [](char c) { return is_lower_alnum(c) || c == '-'; });
}

bool is_valid_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxTag || !is_lower_alnum(tag.front())) {
    return false;
  }
  return std::all_of(tag.begin(), tag.end(), [](char c) {
    return is_lower_alnum(c) || c == '+' || c == '.' || c == '#' || c == '-';
  });
}

bool is_http_url(std::string_view url) {
  std::size_t rest = 0;
  if (util::istarts_with(url, 0, "https://")) {
    rest = 8;
  } else if (util::istarts_with(url, 0, "http://")) {
    rest = 7;
  } else {
    return false;
  }
  const std::string_view after = url.substr(rest);
  const std::size_t host_end = after.find_first_of("/?#");
  const std::string_view authority = after.substr(0, host_end);
  if (authority.empty() || authority.front() == ':' || authority.front() == '@') {
    return false;
  }
  return std::none_of(url.begin(), url.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

bool looks_like_uuid(std::string_view text) {
  if (text.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-'
             : !((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string slug_from_title(std::string_view title) {
  std::string slug;
  bool dash = false;
  for (char ch : title) {
    const char c = util::ascii_lower(ch);
    if (is_lower_alnum(c)) {
      if (dash && !slug.empty()) {
        slug.push_back('-');
      }
      dash = false;
      slug.push_back(c);
      if (slug.size() >= kMaxSlug) {
        break;
      }
    } else {
      dash = true;
    }
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  if (slug.empty() || looks_like_uuid(slug)) {
    slug.insert(0, slug.empty() ? "project" : "p-");
  }
  return slug.substr(0, kMaxSlug);
}

std::string_view to_string(ProjectStatus status) {
  switch (status) {
    case ProjectStatus::kActive:
      return "active";
    case ProjectStatus::kMaintained:
      return "maintained";
    case ProjectStatus::kArchived:
      return "archived";
  }
  return "active";
}

std::string_view to_string(Visibility visibility) {
  return visibility == Visibility::kPublished ? "published" : "draft";
}

std::optional<ProjectStatus> parse_status(std::string_view text) {
  for (auto s : {ProjectStatus::kActive, ProjectStatus::kMaintained, ProjectStatus::kArchived}) {
    if (text == to_string(s)) {
      return s;
    }
  }
  return std::nullopt;
}

std::optional<Visibility> parse_visibility(std::string_view text) {
  for (auto v : {Visibility::kDraft, Visibility::kPublished}) {
    if (text == to_string(v)) {
      return v;
    }
  }
  return std::nullopt;
}

std::string fold_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), util::ascii_lower);
  return out;
}

std::string search_text(const Project& project) {
  std::string text = fold_case(project.title);
  text += '\n';
  text += fold_case(project.summary);
  for (const std::string& tag : project.tags) {
    text += '\n';
    text += tag;
  }
  return text;
}

std::string tags_index(const std::vector<std::string>& tags) {
  std::string index = " ";
  for (const std::string& tag : tags) {
    index += tag;
    index += ' ';
  }
  return index;
}

}  // namespace vitrine::domain
