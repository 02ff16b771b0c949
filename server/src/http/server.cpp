#include "http/server.hpp"

#include <pthread.h>
#include <array>
#include <atomic>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <csignal>
#include <list>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/message.hpp"
#include "http/problem.hpp"
#include "http/response_writer.hpp"
#include "obs/ids.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "util/signal_block.hpp"

namespace vitrine::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kReadChunk = std::size_t{16} * 1024;
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr std::chrono::seconds kLingerTime{2};
constexpr auto kUseAwaitable = asio::use_awaitable;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// What to do after a request was handled.
enum class Outcome : std::uint8_t { kKeepAlive, kClose, kOffload };

// One client connection. Lives on the heap, owned by its coroutine: the coroutine frames
// keep only trivially destructible locals across suspension points (GCC 12 mishandles some
// non-trivial ones under AddressSanitizer), and the worker can reach it to close it when
// idle at shutdown.
struct Connection {
  Connection(tcp::socket socket, const Limits& limits, std::size_t read_ahead, std::string remote)
      : stream(std::move(socket)),
        buffer(read_ahead),
        reader(limits),
        remote_address(std::move(remote)) {}
  beast::tcp_stream stream;
  // Read-ahead is bounded: at most one header block plus one chunk of a pipelined next
  // request sits in memory; the rest waits in the kernel (TCP back-pressure).
  beast::flat_buffer buffer;
  RequestReader reader;
  std::string out;        // the serialized status line and headers being written
  Response response;      // the response being written: owns (or shares) its body
  std::string_view body;  // the part of response's body to write after `out`
  std::string remote_address;
  bool idle = true;                               // waiting for the first byte of a request
  Outcome outcome = Outcome::kClose;              // set by the blocking pool for the loop
  std::list<Connection*>::iterator registration;  // in Worker::connections, for O(1) erase
};

// One event loop on one thread; owns the connections it serves.
struct Worker {
  std::list<Connection*> connections;  // declared before ctx: outlives the coroutine frames
  asio::io_context ctx{1};
  asio::executor_work_guard<asio::io_context::executor_type> guard{ctx.get_executor()};
  bool draining = false;
  std::thread thread;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler& handler, const obs::Logger& logger,
       obs::HttpMetrics& metrics)
      : options_(std::move(options)),
        handler_(handler),
        log_(logger.child("http")),
        metrics_(metrics),
        blocking_(std::max(1U, options_.blocking_threads)) {
    const unsigned n = std::max(1U, options_.threads);
    for (unsigned i = 0; i < n; ++i) {
      workers_.push_back(std::make_unique<Worker>());
    }
    acceptor_.emplace(main().ctx);
    signals_.emplace(main().ctx);
    grace_timer_.emplace(main().ctx);
  }

  ~Impl() {
    // Blocking work still running refers to its connection: let it finish first. Then
    // destroy the event loops (and with them suspended sessions) before anything they use.
    blocking_.join();
    acceptor_.reset();
    signals_.reset();
    grace_timer_.reset();
    workers_.clear();
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;

  void listen() {
    error_code ec;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (ec) {
      throw std::runtime_error("cannot listen on " + options_.host + ": not an IP address");
    }
    const tcp::endpoint endpoint(address, options_.port);
    auto& acc = *acceptor_;
    auto fail = [&](std::string_view what) {
      throw std::runtime_error("cannot listen on " + describe(endpoint) + ": " + std::string(what) +
                               ": " + ec.message());
    };
    if (acc.open(endpoint.protocol(), ec); ec) {
      fail("open");
    }
    if (acc.set_option(tcp::acceptor::reuse_address(true), ec); ec) {
      fail("SO_REUSEADDR");
    }
    if (acc.bind(endpoint, ec); ec) {
      fail("bind");
    }
    if (acc.listen(asio::socket_base::max_listen_connections, ec); ec) {
      fail("listen");
    }
    port_ = acc.local_endpoint().port();
    if (options_.handle_signals) {
      // Installed before anything announces readiness: a signal that arrives between now and
      // run() is queued by Asio instead of killing the process (SIGTERM's default) or being
      // lost (SIGINT is ignored in background jobs).
      signals_->add(SIGTERM);
      signals_->add(SIGINT);
    }
  }

  [[nodiscard]] std::uint16_t port() const { return port_; }

  std::size_t run() {
    if (options_.handle_signals) {
      signals_->async_wait([this](const error_code& ec, int signo) {
        if (!ec) {
          log_.info("signal received, shutting down", {{"signal", signo}});
          begin_shutdown();
        }
      });
    }
    asio::co_spawn(main().ctx, accept_loop(), asio::detached);
    start_worker_threads();
    main().ctx.run();
    for (auto& w : workers_) {
      if (w->thread.joinable()) {
        w->thread.join();
      }
    }
    return cut_connections_;
  }

  void stop() {
    asio::post(main().ctx, [this] { begin_shutdown(); });
  }

 private:
  Worker& main() { return *workers_.front(); }

  // The event loops other than this thread's, on threads named http-1, http-2, ... (top -H,
  // gdb). They start with SIGTERM and SIGINT blocked, so a shutdown signal goes to a thread
  // that was already running when the handlers were installed, never to one still starting.
  // (Under ThreadSanitizer, whose runtime defers a signal that lands on a thread outside a
  // blocking call, a signal sent right after `listening` was once in ~3,000 runs never
  // delivered: tests/test_shutdown.py.)
  void start_worker_threads() {
    const util::ScopedSignalBlock block({SIGTERM, SIGINT});
    for (std::size_t i = 1; i < workers_.size(); ++i) {
      Worker& w = *workers_[i];
      w.thread = std::thread([&w] { w.ctx.run(); });
      const std::string name = "http-" + std::to_string(i);
      pthread_setname_np(w.thread.native_handle(), name.c_str());  // best effort
    }
  }

  static std::string describe(const tcp::endpoint& ep) {
    const auto addr = ep.address().to_string();
    return (ep.address().is_v6() ? "[" + addr + "]" : addr) + ":" + std::to_string(ep.port());
  }

  asio::awaitable<void> accept_loop() {
    std::size_t next = 0;
    for (;;) {
      Worker& w = *workers_[next++ % workers_.size()];
      error_code ec;
      tcp::socket socket =
          co_await acceptor_->async_accept(w.ctx, asio::redirect_error(kUseAwaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) {
        co_return;
      }
      if (ec) {
        // Out of descriptors or memory: back off instead of spinning.
        log_.warn("accept failed", {{"error", ec.message()}});
        asio::steady_timer pause(main().ctx, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::redirect_error(kUseAwaitable, ec));
        continue;
      }
      if (open_connections_.load(std::memory_order_relaxed) >= options_.max_connections) {
        reject(socket);
        continue;
      }
      open_connections_.fetch_add(1, std::memory_order_relaxed);
      metrics_.connection_opened();
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(w.ctx, session(w, std::move(socket)), asio::detached);
    }
  }

  // Over the connection cap: a short 503 and close, without reading the request.
  void reject(tcp::socket& socket) {
    metrics_.connection_rejected();
    std::string out;
    write_refusal(problems::kTooManyConnections,
                  "The server is at its connection limit; retry shortly.", obs::random_hex(16),
                  out);
    error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(out), ec);  // best effort: a fresh socket's buffer is empty
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  asio::awaitable<void> session(Worker& w, tcp::socket socket) {
    error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    auto* conn = new Connection(std::move(socket), options_.limits,
                                options_.limits.max_header_bytes + kReadChunk,
                                ec ? std::string() : remote.address().to_string());
    w.connections.push_front(conn);
    conn->registration = w.connections.begin();
    // Runs when the coroutine ends, and when a stopped event loop destroys its frame.
    const ConnectionGuard guard(*this, w, conn);
    try {
      co_await serve_connection(w, *conn);
    } catch (const std::exception& e) {
      log_.error("connection failed", {{"error", e.what()}});
    }
  }

  // Unregisters and frees a connection; tells the shutdown when the last one is gone.
  class ConnectionGuard {
   public:
    ConnectionGuard(Impl& impl, Worker& w, Connection* c) : impl_(impl), w_(w), c_(c) {}
    ~ConnectionGuard() {
      w_.connections.erase(c_->registration);
      delete c_;  // closes the socket
      impl_.connection_closed();
    }
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;
    ConnectionGuard(ConnectionGuard&&) = delete;
    ConnectionGuard& operator=(ConnectionGuard&&) = delete;

   private:
    Impl& impl_;
    Worker& w_;
    Connection* c_;
  };

  void connection_closed() {
    metrics_.connection_closed();
    if (open_connections_.fetch_sub(1, std::memory_order_acq_rel) == 1 && shutting_down_ &&
        !finished_.load()) {
      asio::post(main().ctx, [this] { finish_if_drained(); });
    }
  }

  // Routes a complete request and serializes the response into conn.out. A handler that
  // must wait on I/O asks for the blocking pool (kOffload): nothing was written then, and
  // the pool runs the request again from the start. A plain function: nothing here lives
  // across a co_await.
  Outcome respond(Connection& conn, bool may_block) {
    // Unsafe methods write, and writes wait on the database: straight to the pool, without
    // a first attempt on the loop (nor building the request twice).
    if (!may_block) {
      if (changes_state(conn.reader.method())) {
        return Outcome::kOffload;
      }
    }
    Request request = conn.reader.request();
    request.remote_address = conn.remote_address;
    request.may_block = may_block;
    Response response;
    try {
      response = handler_.handle(request);
    } catch (const OffloadRequired&) {
      if (!may_block) {
        return Outcome::kOffload;
      }
      response = problem_response(problems::kInternal, "The handler cannot run.", request);
    }
    const bool keep_alive = request.keep_alive && !response.close() && !shutting_down_.load();
    conn.out.clear();
    conn.response = std::move(response);  // before write_head: a short body moves with it
    conn.body = write_head(conn.response,
                           {request.method == Method::kHead, keep_alive, request.http10}, conn.out);
    return keep_alive ? Outcome::kKeepAlive : Outcome::kClose;
  }

  // Runs respond() on the blocking pool and resumes the connection's coroutine on its own
  // event loop afterwards (the worker's work guard keeps that loop alive meanwhile).
  auto respond_on_blocking_pool(Connection& conn) {
    return asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
        [this, c = &conn](auto handler) {
          asio::post(blocking_, [this, c, h = std::move(handler)]() mutable {
            c->outcome = respond(*c, true);
            const auto ex = asio::get_associated_executor(h);
            asio::post(ex, std::move(h));
          });
        },
        kUseAwaitable);
  }

  asio::awaitable<void> serve_connection(Worker& w, Connection& conn) {
    auto& stream = conn.stream;
    auto& buffer = conn.buffer;
    auto& reader = conn.reader;
    error_code ec;
    bool first = true;
    for (;;) {
      reader.reset();
      // 1. Wait for a request to begin: the idle (keep-alive) timeout applies.
      if (buffer.size() == 0) {
        conn.idle = true;
        if (w.draining) {
          co_return;
        }
        stream.expires_after(first ? options_.read_timeout : options_.idle_timeout);
        // clang-tidy 14 reads a co_await initializer as none.
        // NOLINTNEXTLINE(cppcoreguidelines-init-variables)
        const std::size_t n = co_await stream.async_read_some(
            buffer.prepare(kReadChunk), asio::redirect_error(kUseAwaitable, ec));
        conn.idle = false;
        if (ec) {
          co_return;  // closed, idle timeout, or shutdown
        }
        buffer.commit(n);
      }
      conn.idle = false;
      first = false;
      // 2. Read the whole request under one deadline, so trickling bytes cannot keep the
      //    connection (slowloris).
      stream.expires_after(options_.read_timeout);
      bool continue_sent = false;
      for (;;) {
        const auto data = buffer.data();
        const std::size_t used = reader.feed({static_cast<const char*>(data.data()), data.size()});
        buffer.consume(used);
        if (reader.state() != RequestReader::State::kNeedMore) {
          break;
        }
        if (reader.expects_continue() && !continue_sent) {
          continue_sent = true;
          co_await asio::async_write(stream, asio::buffer(kContinue.data(), kContinue.size()),
                                     asio::redirect_error(kUseAwaitable, ec));
          if (ec) {
            co_return;
          }
        }
        const std::size_t room = buffer.max_size() - buffer.size();
        // clang-tidy 14 reads a co_await initializer as none.
        // NOLINTNEXTLINE(cppcoreguidelines-init-variables)
        const std::size_t n = co_await stream.async_read_some(
            buffer.prepare(std::min(kReadChunk, room)), asio::redirect_error(kUseAwaitable, ec));
        if (ec) {
          if (ec == beast::error::timeout) {
            log_.info("request read timed out; connection closed",
                      {{"remote", conn.remote_address},
                       {"timeout_ms", static_cast<long long>(options_.read_timeout.count())}});
          }
          co_return;
        }
        buffer.commit(n);
      }
      // 3. A request that cannot be read: answer and close. 4. Otherwise dispatch.
      const bool complete = reader.state() == RequestReader::State::kComplete;
      conn.outcome = complete ? respond(conn, false) : prepare_refusal(conn);
      if (conn.outcome == Outcome::kOffload) {
        co_await respond_on_blocking_pool(conn);
      }
      const bool keep_alive = conn.outcome == Outcome::kKeepAlive;
      stream.expires_after(options_.write_timeout);
      // Head and body in one gather write: a cached body goes out without being copied.
      const std::array<asio::const_buffer, 2> wire{asio::buffer(conn.out), asio::buffer(conn.body)};
      co_await asio::async_write(stream, wire, asio::redirect_error(kUseAwaitable, ec));
      conn.response = Response();  // drop the body (and the cache entry it may share)
      conn.body = {};
      if (ec) {
        co_return;
      }
      if (!keep_alive) {
        co_await linger(stream, buffer);
        co_return;
      }
    }
  }

  // The problem response for a request that could not be read, into conn.out; the
  // connection closes after it.
  Outcome prepare_refusal(Connection& conn) {
    const RequestReader& reader = conn.reader;
    const ProblemType* type = &problems::kBadRequest;
    std::string detail = "The request is not valid HTTP/1.1.";
    switch (reader.state()) {
      case RequestReader::State::kHeaderTooLarge:
        type = &problems::kHeaderFieldsTooLarge;
        detail = "The request line and headers exceed " +
                 std::to_string(options_.limits.max_header_bytes) + " bytes.";
        break;
      case RequestReader::State::kBodyTooLarge:
        type = &problems::kPayloadTooLarge;
        detail = "The request body exceeds " + std::to_string(options_.limits.max_body_bytes) +
                 " bytes.";
        break;
      default:
        break;
    }
    const std::string request_id = obs::random_hex(16);
    log_.info("request refused", {{"status", type->status},
                                  {"reason", reader.error_text()},
                                  {"remote", conn.remote_address},
                                  {"request_id", request_id}});
    metrics_.request_refused(type->status);
    conn.out.clear();
    conn.body = {};
    write_refusal(*type, detail, request_id, conn.out);
    return Outcome::kClose;
  }

  // A problem response sent before any handler runs; the connection closes after it.
  // A 503 tells the client when to retry.
  static void write_refusal(const ProblemType& type, std::string_view detail,
                            std::string_view request_id, std::string& out) {
    Response res(type.status, std::string(kProblemContentType),
                 problem_body(type, detail, "", request_id));
    if (type.status == 503) {
      res.add_header("Retry-After", "1");
    }
    res.add_header("X-Request-Id", request_id);
    res.add_header("X-Content-Type-Options", "nosniff");
    write_response(res, {.keep_alive = false}, out);
  }

  // Half-close, then read and discard what the client still sends for a moment, so the
  // kernel does not answer unread data with a RST that would destroy our response.
  static asio::awaitable<void> linger(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
    error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      co_return;
    }
    stream.expires_after(kLingerTime);
    std::size_t discarded = 0;
    while (discarded < kLingerBytes) {
      buffer.clear();
      // clang-tidy 14 reads a co_await initializer as none.
      // NOLINTNEXTLINE(cppcoreguidelines-init-variables)
      const std::size_t n = co_await stream.async_read_some(
          buffer.prepare(kReadChunk), asio::redirect_error(kUseAwaitable, ec));
      if (ec) {
        co_return;
      }
      discarded += n;
    }
  }

  void begin_shutdown() {
    if (shutting_down_.exchange(true)) {
      return;
    }
    error_code ec;
    acceptor_->close(ec);
    signals_->cancel(ec);
    log_.info("stopped accepting; draining connections",
              {{"open_connections", open_connections_.load()},
               {"grace_ms", static_cast<long long>(options_.shutdown_grace.count())}});
    for (auto& w : workers_) {
      asio::post(w->ctx, [worker = w.get()] {
        worker->draining = true;
        for (Connection* c : worker->connections) {
          if (c->idle) {
            c->stream.cancel();  // busy connections close after their response
          }
        }
      });
    }
    grace_timer_->expires_after(options_.shutdown_grace);
    grace_timer_->async_wait([this](const error_code& e) {
      if (!e) {
        cut_connections_ = open_connections_.load();
        log_.warn("shutdown grace period over; cutting connections",
                  {{"open_connections", cut_connections_}});
        finish();
      }
    });
    finish_if_drained();
  }

  void finish_if_drained() {
    if (shutting_down_ && open_connections_.load() == 0) {
      finish();
    }
  }

  void finish() {
    if (finished_.exchange(true)) {
      return;
    }
    grace_timer_->cancel();
    for (auto& w : workers_) {
      w->guard.reset();
      w->ctx.stop();
    }
  }

  ServerOptions options_;
  RequestHandler& handler_;
  obs::Logger log_;
  obs::HttpMetrics& metrics_;
  std::atomic<std::size_t> open_connections_{0};
  std::atomic<bool> shutting_down_{false};
  std::atomic<bool> finished_{false};  // set on the main loop, read as connections end
  std::size_t cut_connections_ = 0;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  asio::thread_pool blocking_;  // database and other blocking work, off the event loops
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::signal_set> signals_;
  std::optional<asio::steady_timer> grace_timer_;
};

Server::Server(ServerOptions options, RequestHandler& handler, const obs::Logger& logger,
               obs::HttpMetrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), handler, logger, metrics)) {}
Server::~Server() = default;
void Server::listen() { impl_->listen(); }
std::uint16_t Server::port() const { return impl_->port(); }
std::size_t Server::run() { return impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace vitrine::http
