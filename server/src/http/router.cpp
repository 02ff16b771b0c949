#include "http/router.hpp"

#include <map>
#include <stdexcept>

#include "http/problem.hpp"
#include "util/text.hpp"

namespace vitrine::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  Route* route = nullptr;
};

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') {
    return segments;
  }
  path.remove_prefix(1);
  if (path.empty()) {
    return segments;  // "/"
  }
  for (;;) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool valid_literal(std::string_view segment) {
  return !segment.empty() && segment.find_first_of("{}%?#") == std::string_view::npos;
}

std::string build_allow(const std::array<Handler, kMethodCount>& handlers) {
  std::string allow;
  auto append = [&](Method m) {
    if (!allow.empty()) {
      allow.append(", ");
    }
    allow.append(to_string(m));
  };
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete}) {
    const bool has = handlers.at(static_cast<std::size_t>(m)) != nullptr ||
                     (m == Method::kHead && handlers.at(static_cast<std::size_t>(Method::kGet)));
    if (has) {
      append(m);
    }
  }
  append(Method::kOptions);
  return allow;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) {
      return false;
    }
    const int hi = util::hex_digit(in[i + 1]);
    const int lo = util::hex_digit(in[i + 2]);
    if (hi < 0 || lo < 0) {
      return false;
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::add(Method method, std::string_view pattern, Handler handler) {
  if (method == Method::kOther || !handler) {
    throw std::invalid_argument("route " + std::string(pattern) + ": no method or handler");
  }
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  }
  Node* node = root_.get();
  for (std::string_view seg : split_path(pattern)) {
    if (is_param(seg)) {
      const std::string_view name = seg.substr(1, seg.size() - 2);
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param->param_name = std::string(name);
      } else if (node->param->param_name != name) {
        throw std::invalid_argument("route " + std::string(pattern) + ": parameter {" +
                                    std::string(name) + "} conflicts with {" +
                                    node->param->param_name + "}");
      }
      node = node->param.get();
    } else if (valid_literal(seg)) {
      auto& child = node->literals[std::string(seg)];
      if (!child) {
        child = std::make_unique<Node>();
      }
      node = child.get();
    } else {
      throw std::invalid_argument("route pattern has an invalid segment: " + std::string(pattern));
    }
  }
  if (node->route == nullptr) {
    routes_.push_back(std::make_unique<Route>());
    node->route = routes_.back().get();
    node->route->pattern = std::string(pattern);
  }
  Handler& slot = node->route->handlers.at(static_cast<std::size_t>(method));
  if (slot) {
    throw std::invalid_argument("duplicate route " + std::string(to_string(method)) + " " +
                                std::string(pattern));
  }
  slot = std::move(handler);
  node->route->allow = build_allow(node->route->handlers);
}

Router::Match Router::match(Method method, std::string_view path) const {
  Match result;
  const std::vector<std::string_view> segments = split_path(path);
  if (path.empty() || path.front() != '/') {
    return result;
  }
  std::vector<std::string> decoded(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!percent_decode(segments[i], decoded[i])) {
      return result;
    }
  }
  // Depth-first: literal child before the parameter child, backtracking on a dead end.
  std::vector<PathParam> params;
  auto walk = [&](auto& self, const Node& node, std::size_t depth) -> const Route* {
    if (depth == decoded.size()) {
      return node.route;
    }
    if (auto it = node.literals.find(decoded[depth]); it != node.literals.end()) {
      if (const Route* r = self(self, *it->second, depth + 1)) {
        return r;
      }
    }
    if (node.param && !decoded[depth].empty()) {
      params.push_back({node.param->param_name, decoded[depth]});
      if (const Route* r = self(self, *node.param, depth + 1)) {
        return r;
      }
      params.pop_back();
    }
    return nullptr;
  };
  result.route = walk(walk, *root_, 0);
  if (result.route == nullptr) {
    return result;
  }
  result.params = std::move(params);
  const auto& handlers = result.route->handlers;
  const Handler* h = &handlers.at(static_cast<std::size_t>(method));
  if (!*h && method == Method::kHead) {
    h = &handlers.at(static_cast<std::size_t>(Method::kGet));
  }
  result.handler = *h ? h : nullptr;
  return result;
}

Response Router::dispatch(Request& request) const {
  Match m = match(request.method, request.path);
  if (m.route == nullptr) {
    request.route = kUnmatchedRoute;
    return problem_response(problems::kNotFound,
                            "No resource at this path. The API lives under /api/v1.", request);
  }
  request.route = m.route->pattern;
  request.params = std::move(m.params);
  if (m.handler != nullptr) {
    return (*m.handler)(request);
  }
  if (request.method == Method::kOptions) {
    Response res = Response::empty(204);
    res.add_header("Allow", m.route->allow);
    return res;
  }
  Response res = problem_response(problems::kMethodNotAllowed,
                                  "Method " + std::string(request.method_text) +
                                      " is not allowed here; allowed: " + m.route->allow + ".",
                                  request);
  res.add_header("Allow", m.route->allow);
  return res;
}

std::vector<const Router::Route*> Router::routes() const {
  std::vector<const Route*> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) {
    out.push_back(r.get());
  }
  return out;
}

}  // namespace vitrine::http
