#pragma once
// JSON string escaping for hand-built JSON (log lines), valid output for any input bytes.

#include <string>
#include <string_view>

namespace vitrine::obs {

// Appends `text` to `out` as a quoted JSON string. Control characters are escaped and
// invalid UTF-8 sequences become U+FFFD, so the result is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace vitrine::obs
