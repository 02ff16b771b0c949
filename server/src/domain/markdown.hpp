#pragma once
// Project bodies: GitHub-flavoured markdown rendered to HTML that is safe to embed.

#include <string>
#include <string_view>

namespace vitrine::domain {

// Renders markdown (tables, strikethrough, autolinks, task lists) to HTML. Raw HTML in the
// input is never passed through, and links keep their target only when it is http, https
// or mailto (images: http or https); any other link becomes its plain text.
std::string render_markdown(std::string_view markdown);

}  // namespace vitrine::domain
