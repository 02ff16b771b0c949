#pragma once
// gzip (RFC 1952) compression with zlib, for bodies compressed once and sent many times
// (the dashboard's files, the status document).

#include <string>
#include <string_view>

namespace vitrine::util {

// `level`: zlib's 1 (fastest) to 9 (smallest).
std::string gzip(std::string_view data, int level = 9);

}  // namespace vitrine::util
