#include "config/dotenv.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace vitrine::config {
namespace {

// A .env line may come from a Windows editor: CR counts as blank.
constexpr std::string_view kBlank = " \t\r";

bool valid_key(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) {
    return false;
  }
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

DotenvFile parse_dotenv(std::string_view content, std::string_view file_name) {
  DotenvFile out;
  int line_no = 0;
  while (!content.empty()) {
    ++line_no;
    const std::size_t eol = content.find('\n');
    std::string_view line = util::trim(content.substr(0, eol), kBlank);
    content = eol == std::string_view::npos ? std::string_view() : content.substr(eol + 1);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.starts_with("export ")) {
      line = util::trim(line.substr(7), kBlank);
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      out.errors.push_back(fmt::format("{}:{}: expected KEY=VALUE", file_name, line_no));
      continue;
    }
    const std::string_view key = util::trim(line.substr(0, eq), kBlank);
    std::string_view raw = util::trim(line.substr(eq + 1), kBlank);
    if (!valid_key(key)) {
      out.errors.push_back(
          fmt::format("{}:{}: '{}' is not a variable name", file_name, line_no, key));
      continue;
    }
    std::string value;
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      const char quote = raw.front();
      std::size_t i = 1;
      bool closed = false;
      for (; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == quote) {
          closed = true;
          break;
        }
        if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
          const char e = raw[++i];
          value.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        } else {
          value.push_back(c);
        }
      }
      const std::string_view after = util::trim(raw.substr(std::min(i + 1, raw.size())), kBlank);
      if (!closed || (!after.empty() && after.front() != '#')) {
        out.errors.push_back(fmt::format("{}:{}: unterminated or trailing text after quoted value",
                                         file_name, line_no));
        continue;
      }
    } else {
      // Unquoted: an inline comment starts at " #".
      if (const std::size_t hash = raw.find(" #"); hash != std::string_view::npos) {
        raw = util::trim(raw.substr(0, hash), kBlank);
      }
      value = std::string(raw);
    }
    out.entries[std::string(key)] = {std::move(value), line_no};
  }
  return out;
}

}  // namespace vitrine::config
