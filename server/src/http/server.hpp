#pragma once
// The HTTP/1.1 server: listener, connections and graceful shutdown. Asio and Beast stay in
// server.cpp; this header is cheap to include.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/request_reader.hpp"

namespace vitrine::obs {
class HttpMetrics;
class Logger;
}  // namespace vitrine::obs

namespace vitrine::http {

class RequestHandler;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;      // 0 picks a free port
  unsigned threads = 1;           // one event loop per thread; connections spread round-robin
  unsigned blocking_threads = 4;  // run handlers that wait on I/O (http::OffloadRequired)
  Limits limits;
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive: waiting for a next request
  std::chrono::milliseconds read_timeout{15'000};  // whole request, first byte to last
  std::chrono::milliseconds write_timeout{15'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::size_t max_connections = 10'000;
  bool handle_signals = true;  // SIGTERM/SIGINT start a graceful shutdown
};

class Server {
 public:
  Server(ServerOptions options, RequestHandler& handler, const obs::Logger& logger,
         obs::HttpMetrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;

  // Opens the listening socket and installs the SIGTERM/SIGINT handlers; throws
  // std::runtime_error naming the address and the reason (address in use, permission
  // denied, not an address of this host).
  void listen();
  // The bound port (the chosen one when options.port was 0). After listen().
  [[nodiscard]] std::uint16_t port() const;

  // Serves until a signal or stop(), then stops accepting, lets in-flight requests finish
  // within the grace period, closes idle keep-alive connections and returns. Returns the
  // number of connections that had to be cut when the grace period ran out.
  std::size_t run();

  // Starts the graceful shutdown; safe from any thread.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vitrine::http
