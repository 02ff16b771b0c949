#pragma once
// libcurl's multi interface driven by an Asio event loop on one thread: every transfer's
// sockets and timeouts are events on that loop, so thousands of checks run at once without a
// thread each. The scheduler's timers run on the same loop (`post`, `loop`).

#include <curl/curl.h>

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace vitrine::checks {

class CurlEngine {
 public:
  // Called on the loop thread when a transfer ends, with curl's result; the easy handle is
  // removed from the multi handle first and is the caller's to clean up or reuse.
  using Done = std::function<void(CURL* easy, CURLcode code)>;

  CurlEngine();
  ~CurlEngine();  // stops the loop and aborts transfers still running (their Done never runs)
  CurlEngine(const CurlEngine&) = delete;
  CurlEngine& operator=(const CurlEngine&) = delete;
  CurlEngine(CurlEngine&&) = delete;
  CurlEngine& operator=(CurlEngine&&) = delete;

  // Starts the loop thread. Call once.
  void start();
  // Stops the loop thread and waits for it; transfers in flight are abandoned.
  void stop();

  // Adds a configured easy handle. Loop thread only (use `post` from elsewhere).
  void add(CURL* easy, Done done);
  // Runs `fn` on the loop thread.
  void post(std::function<void()> fn);
  // The loop, for timers that must run on the same thread.
  boost::asio::io_context& loop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vitrine::checks
