#pragma once
// Maps method + path to a handler. Pure: no sockets, testable with plain Request values.

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace vitrine::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // One path template and its handlers per method.
  struct Route {
    std::string pattern;  // "/api/v1/projects/{id}": also the metrics `route` label
    std::array<Handler, kMethodCount> handlers;
    std::string allow;  // "GET, HEAD, OPTIONS": the Allow header for 405 and OPTIONS
  };

  struct Match {
    const Route* route = nullptr;      // nullptr: no route has this path (404)
    const Handler* handler = nullptr;  // nullptr: the path exists, not for this method
    std::vector<PathParam> params;
  };

  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  Router(Router&& other) noexcept;
  Router& operator=(Router&& other) noexcept;

  // Registers `handler`. Patterns are absolute paths of literal segments and `{name}`
  // parameters; throws std::invalid_argument on a malformed pattern or a duplicate.
  void add(Method method, std::string_view pattern, Handler handler);

  // Literal segments win over parameters; HEAD falls back to GET.
  [[nodiscard]] Match match(Method method, std::string_view path) const;

  // Every registered route, in registration order (for checks such as the permission table).
  [[nodiscard]] std::vector<const Route*> routes() const;

  // Routes the request: the handler's response, or 404, 405 (with Allow), or the answer to
  // OPTIONS (204 with Allow). Sets request.route and request.params.
  [[nodiscard]] Response dispatch(Request& request) const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

// Percent-decodes one path segment; false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace vitrine::http
