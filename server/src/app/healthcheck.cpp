#include "app/healthcheck.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vitrine::app {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&&) = delete;
  Fd& operator=(Fd&&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

int remaining_ms(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, remaining_ms(deadline)) == 1;
}

}  // namespace

HealthcheckResult healthcheck(const std::string& host_in, std::uint16_t port,
                              std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string host = host_in == "0.0.0.0" ? "127.0.0.1" : host_in == "::" ? "::1" : host_in;
  sockaddr_storage addr{};
  socklen_t len = 0;
  // The sockets API is defined in terms of these casts.
  // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast)
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  auto* any = reinterpret_cast<sockaddr*>(&addr);
  // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    len = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    len = sizeof(sockaddr_in6);
  } else {
    return {false, "'" + host + "' is not an IP address"};
  }
  const Fd fd(::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    return {false, std::string("socket: ") + std::strerror(errno)};
  }
  if (::connect(fd.get(), any, len) != 0 && errno != EINPROGRESS) {
    return {false, std::string("connect: ") + std::strerror(errno)};
  }
  if (!wait_for(fd.get(), POLLOUT, deadline)) {
    return {false, "connect: timed out"};
  }
  int so_error = 0;
  socklen_t so_len = sizeof so_error;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &so_error, &so_len);
  if (so_error != 0) {
    return {false, std::string("connect: ") + std::strerror(so_error)};
  }
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: " + host +
                              "\r\nUser-Agent: vitrine-healthcheck\r\nConnection: close\r\n\r\n";
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return {false, std::string("send: ") + std::strerror(errno)};
  }
  std::string response;
  char buf[1024];
  while (response.find("\r\n") == std::string::npos && response.size() < 4096) {
    if (!wait_for(fd.get(), POLLIN, deadline)) {
      return {false, "no response within the timeout"};
    }
    const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n <= 0) {
      break;
    }
    response.append(buf, static_cast<std::size_t>(n));
  }
  const std::string status_line = response.substr(0, response.find("\r\n"));
  if (status_line.empty()) {
    return {false, "connection closed without a response"};
  }
  return {status_line.starts_with("HTTP/1.1 200 ") || status_line.starts_with("HTTP/1.0 200 "),
          status_line};
}

}  // namespace vitrine::app
