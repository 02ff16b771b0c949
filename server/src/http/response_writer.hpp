#pragma once
// Serializes a Response into HTTP/1.1 wire bytes.

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace vitrine::http {

std::string_view reason_phrase(int status);

struct WriteOptions {
  bool head_only = false;  // HEAD: no body, the Content-Length of the GET response kept
  bool keep_alive = true;  // false: Connection: close
  bool http10 = false;     // a kept-alive HTTP/1.0 connection is confirmed explicitly
};

// Appends the status line, Date, Content-Type, Content-Length, the response's headers, the
// Connection header when needed, and the body to `out`.
void write_response(const Response& response, const WriteOptions& options, std::string& out);

}  // namespace vitrine::http
