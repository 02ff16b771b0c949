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

// Appends the status line, Date, Content-Type, Content-Length, the response's headers and
// the Connection header when needed to `out`, and returns the body to send after them
// (empty for HEAD and for statuses without a body). The body stays where it is: the server
// writes both with one gather write.
std::string_view write_head(const Response& response, const WriteOptions& options,
                            std::string& out);

// write_head, then the body appended to `out`.
void write_response(const Response& response, const WriteOptions& options, std::string& out);

}  // namespace vitrine::http
