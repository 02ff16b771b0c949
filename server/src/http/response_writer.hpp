#pragma once
// Serializes a Response into HTTP/1.1 wire bytes.

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace vitrine::http {

std::string_view reason_phrase(int status);

// Appends the status line, Date, Content-Type, Content-Length, the response's headers, a
// Connection: close when !keep_alive, and the body (omitted when `head_only`, with the
// Content-Length of the GET response kept) to `out`.
void write_response(const Response& response, bool head_only, bool keep_alive, std::string& out);

}  // namespace vitrine::http
