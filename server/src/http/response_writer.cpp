#include "http/response_writer.hpp"

#include <fmt/format.h>
#include <chrono>
#include <ctime>

namespace vitrine::http {
namespace {

// IMF-fixdate, recomputed at most once a second per thread.
std::string_view http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    const std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached.assign(buf, n);
    cached_second = now;
  }
  return cached;
}

bool has_no_body(int status) { return status == 204 || status == 304 || status < 200; }

}  // namespace

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

std::string_view write_head(const Response& response, const WriteOptions& options,
                            std::string& out) {
  const int status = response.status();
  fmt::format_to(std::back_inserter(out), "HTTP/1.1 {} {}\r\nDate: {}\r\n", status,
                 reason_phrase(status), http_date());
  const bool bodiless = has_no_body(status);
  if (!response.content_type().empty() && !bodiless) {
    out.append("Content-Type: ").append(response.content_type()).append("\r\n");
  }
  if (!bodiless) {
    fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", response.body().size());
  }
  out.append(response.header_block());
  if (!options.keep_alive) {
    out.append("Connection: close\r\n");
  } else if (options.http10) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
  return options.head_only || bodiless ? std::string_view() : response.body();
}

void write_response(const Response& response, const WriteOptions& options, std::string& out) {
  out.append(write_head(response, options, out));
}

}  // namespace vitrine::http
