#pragma once
// The HTTP request and response as handlers see them: no socket or Beast types, so the
// router, middleware and handlers are testable in plain unit tests.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/trace_context.hpp"

namespace vitrine::auth {
struct Principal;
}

namespace vitrine::http {

enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
inline constexpr std::size_t kMethodCount = 8;

std::string_view to_string(Method method);
Method parse_method(std::string_view text);
// POST, PUT, PATCH, DELETE: the methods that change state (they run on the blocking pool,
// and are audited).
inline bool changes_state(Method method) {
  return method == Method::kPost || method == Method::kPut || method == Method::kPatch ||
         method == Method::kDelete;
}

// Route label for requests that matched no route (bounded metric cardinality).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

struct Header {
  std::string_view name;
  std::string_view value;
};

struct PathParam {
  std::string_view name;
  std::string value;  // percent-decoded
};

// A parsed request. Views point into the connection's buffers and stay valid while the
// request is dispatched; handlers copy what they keep.
struct Request {
  Method method = Method::kGet;
  std::string_view method_text;
  std::string_view target;  // as sent: path and query
  std::string_view path;
  std::string_view query;
  std::vector<Header> headers;
  std::string_view body;
  std::string_view remote_address;
  bool keep_alive = true;
  bool http10 = false;  // HTTP/1.0: keep-alive only when asked for, and then confirmed
  // False on an event loop; true on the blocking pool, where handlers may wait on I/O.
  bool may_block = false;

  // Filled in by the pipeline, the middleware and the router.
  std::chrono::steady_clock::time_point received_at;  // when dispatch began; durations start here
  std::string request_id;
  TraceContext trace;
  std::string_view route = kUnmatchedRoute;
  std::vector<PathParam> params;
  // Who is asking: set by the authentication middleware before any handler runs.
  std::shared_ptr<const auth::Principal> principal;

  // First header with this name (case-insensitive), if any.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
  [[nodiscard]] const std::string* param(std::string_view name) const;
};

// A response under construction. Extra headers are kept pre-serialized ("Name: value\r\n")
// because they are only ever written, and this keeps the hot path free of allocations.
class Response {
 public:
  Response() = default;
  Response(int status, std::string content_type, std::string body)
      : status_(status), content_type_(std::move(content_type)), body_(std::move(body)) {}

  static Response json(int status, std::string body) {
    return {status, "application/json", std::move(body)};
  }
  static Response empty(int status) { return {status, "", ""}; }

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const std::string& content_type() const { return content_type_; }
  // The body: owned by the response, or shared with whoever keeps it alive (a cache entry).
  [[nodiscard]] std::string_view body() const { return owner_ ? std::string_view(shared_) : body_; }
  [[nodiscard]] const std::string& header_block() const { return headers_; }
  [[nodiscard]] bool close() const { return close_; }

  void set_status(int status) { status_ = status; }
  void set_body(std::string content_type, std::string body) {
    content_type_ = std::move(content_type);
    body_ = std::move(body);
    owner_.reset();
  }
  // A body that `owner` keeps alive and that is never copied: the server writes it from
  // there (a cached representation serves every client from one buffer).
  void share_body(std::string content_type, std::shared_ptr<const void> owner,
                  std::string_view body) {
    content_type_ = std::move(content_type);
    body_.clear();
    owner_ = std::move(owner);
    shared_ = body;
  }
  [[nodiscard]] const std::shared_ptr<const void>& body_owner() const { return owner_; }
  // Adds a header line. Names and values must not contain CR or LF (callers pass constants
  // or validated values; the check is enforced in debug builds).
  void add_header(std::string_view name, std::string_view value);
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
  // Ask the server to close the connection after this response.
  void set_close() { close_ = true; }

 private:
  int status_ = 200;
  std::string content_type_;
  std::string body_;
  std::shared_ptr<const void> owner_;  // set when the body is shared, not owned
  std::string_view shared_;
  std::string headers_;
  bool close_ = false;
};

// Thrown by a handler that must wait on I/O (database, network) while running on an event
// loop. The server runs the whole request again on its blocking pool, where
// `Request::may_block` is true. Nothing the request did before is visible: middlewares do
// their work after the handler returns.
class OffloadRequired {};

// Throws OffloadRequired unless the request may block. Handlers call it before any I/O.
inline void require_blocking(const Request& request) {
  if (!request.may_block) {
    throw OffloadRequired{};
  }
}

// The contract between the network layer and everything above it.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual Response handle(Request& request) = 0;
};

}  // namespace vitrine::http
