#include "http/encoding.hpp"

namespace vitrine::http {

bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t start = 0;
  while (start < accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) {
      end = accept_encoding.size();
    }
    std::string_view item = accept_encoding.substr(start, end - start);
    start = end + 1;
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    const std::size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') {
      coding.remove_suffix(1);
    }
    if (coding != "gzip" && coding != "x-gzip") {
      continue;
    }
    const std::string_view params = semi == std::string_view::npos ? "" : item.substr(semi);
    const std::size_t q = params.find("q=");
    if (q == std::string_view::npos) {
      return true;
    }
    for (const char c : params.substr(q + 2)) {  // "q=0", "q=0.000": refused
      if (c >= '1' && c <= '9') {
        return true;
      }
      if (c != '0' && c != '.') {
        break;
      }
    }
    return false;
  }
  return false;
}

}  // namespace vitrine::http
