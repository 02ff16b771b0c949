#include "util/key_text.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "util/base64.hpp"

namespace vitrine::util {

Key256 parse_key_text(std::string_view text) {
  while (text.ends_with('=')) {
    text.remove_suffix(1);
  }
  const auto bytes = base64url_decode(text);
  if (!bytes) {
    throw std::invalid_argument("not base64url");
  }
  Key256 key{};
  if (bytes->size() != key.size()) {
    throw std::invalid_argument("decodes to " + std::to_string(bytes->size()) +
                                " bytes; exactly 32 are needed");
  }
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

}  // namespace vitrine::util
