#pragma once
// Incremental HTTP/1.1 request parsing with size limits, fed raw bytes. Keeps Beast out of
// every other header; the session feeds it from the socket, unit tests from strings.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace vitrine::http {

struct Limits {
  std::size_t max_header_bytes = std::size_t{8} * 1024;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
};

class RequestReader {
 public:
  enum class State {
    kNeedMore,  // feed more bytes
    kComplete,  // request() is ready
    kHeaderTooLarge,
    kBodyTooLarge,  // from Content-Length before the body is read, or while reading chunks
    kMalformed,
  };

  explicit RequestReader(Limits limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;
  RequestReader(RequestReader&&) = delete;
  RequestReader& operator=(RequestReader&&) = delete;

  // Starts a new request on the same connection.
  void reset();

  // Consumes a prefix of `data` (bytes of a following pipelined request are left over) and
  // returns how many bytes were used; state() tells what happened.
  std::size_t feed(std::string_view data);

  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] bool header_done() const;
  // The client sent "Expect: 100-continue" and waits before sending the body.
  [[nodiscard]] bool expects_continue() const;
  // Parser error text, for logs.
  [[nodiscard]] const std::string& error_text() const { return error_; }

  // The parsed request; valid until the next reset() or feed(). Only when kComplete.
  [[nodiscard]] Request request() const;
  // Its method alone, without building the request. Only when kComplete.
  [[nodiscard]] Method method() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Limits limits_;
  State state_ = State::kNeedMore;
  std::string error_;
};

}  // namespace vitrine::http
