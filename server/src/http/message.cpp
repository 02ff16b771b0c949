#include "http/message.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>

namespace vitrine::http {

namespace {
constexpr std::array<std::string_view, kMethodCount> kMethodNames = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
}  // namespace

std::string_view to_string(Method method) {
  return kMethodNames.at(static_cast<std::size_t>(method));
}

Method parse_method(std::string_view text) {
  for (std::size_t i = 0; i + 1 < kMethodNames.size(); ++i) {
    if (text == kMethodNames.at(i)) {
      return static_cast<Method>(i);
    }
  }
  return Method::kOther;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const Header& h : headers) {
    if (util::iequals(h.name, name)) {
      return h.value;
    }
  }
  return std::nullopt;
}

const std::string* Request::param(std::string_view name) const {
  for (const PathParam& p : params) {
    if (p.name == name) {
      return &p.value;
    }
  }
  return nullptr;
}

void Response::add_header(std::string_view name, std::string_view value) {
  assert(name.find_first_of("\r\n:") == std::string_view::npos);
  assert(value.find_first_of("\r\n") == std::string_view::npos);
  headers_.append(name).append(": ").append(value).append("\r\n");
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  std::string_view rest = headers_;
  while (!rest.empty()) {
    const std::size_t eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && util::iequals(line.substr(0, colon), name)) {
      return line.substr(std::min(colon + 2, line.size()));
    }
    rest.remove_prefix(std::min(eol + 2, rest.size()));
  }
  return std::nullopt;
}

}  // namespace vitrine::http
