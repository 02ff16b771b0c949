#include "domain/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include "util/text.hpp"

namespace vitrine::domain {
namespace {

constexpr std::array kExtensions = {"table", "strikethrough", "autolink", "tasklist"};

bool allowed_target(cmark_node_type type, const char* url) {
  const std::string_view u = url != nullptr ? url : "";
  const bool web = util::istarts_with(u, 0, "https://") || util::istarts_with(u, 0, "http://");
  return type == CMARK_NODE_IMAGE ? web : web || util::istarts_with(u, 0, "mailto:");
}

// Replaces a link or image by its children (the link text, the image's alt text).
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  cmark_node_unlink(node);
  cmark_node_free(node);
}

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct CharFree {
  void operator()(char* c) const { std::free(c); }  // NOLINT(cppcoreguidelines-no-malloc)
};

}  // namespace

std::string render_markdown(std::string_view markdown) {
  // The extension registry is global and must be filled once before parsers use it.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // CMARK_OPT_DEFAULT is the safe mode: raw HTML and dangerous URLs are not rendered.
  const std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  const std::unique_ptr<cmark_node, NodeFree> root(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> unsafe;
  {
    const std::unique_ptr<cmark_iter, IterFree> it(cmark_iter_new(root.get()));
    for (cmark_event_type ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE;
         ev = cmark_iter_next(it.get())) {
      cmark_node* node = cmark_iter_get_node(it.get());
      const cmark_node_type type = cmark_node_get_type(node);
      if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) &&
          !allowed_target(type, cmark_node_get_url(node))) {
        unsafe.push_back(node);
      }
    }
  }
  // Innermost first, so an unwrapped parent never frees a node still in the list.
  std::for_each(unsafe.rbegin(), unsafe.rend(), unwrap);
  const std::unique_ptr<char, CharFree> html(cmark_render_html(
      root.get(), CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser.get())));
  return html ? std::string(html.get()) : std::string();
}

}  // namespace vitrine::domain
