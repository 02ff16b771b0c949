#include "domain/site_settings.hpp"

namespace vitrine::domain {

std::vector<FieldError> validate(const SiteSettings& s) {
  std::vector<FieldError> errors;
  check_text(errors, "name", s.name, 0, kMaxProfileName);
  check_text(errors, "headline", s.headline, 0, kMaxHeadline);
  check_text(errors, "location", s.location, 0, kMaxLocation);
  check_markdown(errors, "about_markdown", s.about_markdown, kMaxAboutBytes);
  check_links(errors, s.links);
  return errors;
}

}  // namespace vitrine::domain
