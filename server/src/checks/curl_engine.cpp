#include "checks/curl_engine.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace vitrine::checks {

namespace asio = boost::asio;

class CurlEngine::Impl {
 public:
  Impl() : work_(asio::make_work_guard(loop_)), timer_(loop_), multi_(curl_multi_init()) {
    if (multi_ == nullptr) {
      throw std::runtime_error("curl_multi_init failed");
    }
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  }

  ~Impl() {
    stop();
    // Transfers still running are abandoned: out of the multi handle before their owners
    // (inside the Done callbacks) clean them up.
    for (auto& [easy, done] : transfers_) {
      curl_multi_remove_handle(multi_, easy);
    }
    transfers_.clear();
    for (auto& [fd, socket] : sockets_) {
      socket->removed = true;
      socket->desc.release();  // the descriptor is curl's to close
    }
    sockets_.clear();
    curl_multi_cleanup(multi_);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;

  void start() {
    thread_ = std::thread([this] { loop_.run(); });
  }

  void stop() {
    work_.reset();
    loop_.stop();
    if (thread_.joinable()) {
      thread_.join();
    }
  }

  void add(CURL* easy, Done done) {
    transfers_.emplace(easy, std::move(done));
    const CURLMcode rc = curl_multi_add_handle(multi_, easy);
    if (rc != CURLM_OK) {
      auto it = transfers_.find(easy);
      Done failed = std::move(it->second);
      transfers_.erase(it);
      failed(easy, CURLE_FAILED_INIT);
    }
  }

  void post(std::function<void()> fn) { asio::post(loop_, std::move(fn)); }
  asio::io_context& loop() { return loop_; }

 private:
  // One socket curl asked us to watch. The descriptor does not own the file descriptor:
  // curl opens and closes it.
  struct Socket {
    explicit Socket(asio::io_context& loop, curl_socket_t fd) : desc(loop, fd) {}
    asio::posix::stream_descriptor desc;
    int what = 0;  // CURL_POLL_IN, _OUT, _INOUT
    bool reading = false;
    bool writing = false;
    bool removed = false;
  };

  static int on_socket(CURL* /*easy*/, curl_socket_t fd, int what, void* userp, void* /*socketp*/) {
    static_cast<Impl*>(userp)->watch(fd, what);
    return 0;
  }

  static int on_timer(CURLM* /*multi*/, long timeout_ms, void* userp) {
    static_cast<Impl*>(userp)->set_timer(timeout_ms);
    return 0;
  }

  void watch(curl_socket_t fd, int what) {
    auto it = sockets_.find(fd);
    if (what == CURL_POLL_REMOVE) {
      if (it != sockets_.end()) {
        it->second->removed = true;
        it->second->desc.release();  // cancels the waits; curl closes the descriptor
        sockets_.erase(it);
      }
      return;
    }
    if (it == sockets_.end()) {
      it = sockets_.emplace(fd, std::make_shared<Socket>(loop_, fd)).first;
    }
    it->second->what = what;
    arm(fd, it->second);
  }

  void arm(curl_socket_t fd, const std::shared_ptr<Socket>& socket) {
    if ((socket->what & CURL_POLL_IN) != 0 && !socket->reading) {
      socket->reading = true;
      socket->desc.async_wait(asio::posix::stream_descriptor::wait_read,
                              [this, fd, socket](const boost::system::error_code& ec) {
                                socket->reading = false;
                                if (!ec && !socket->removed) {
                                  ready(fd, socket, CURL_CSELECT_IN);
                                }
                              });
    }
    if ((socket->what & CURL_POLL_OUT) != 0 && !socket->writing) {
      socket->writing = true;
      socket->desc.async_wait(asio::posix::stream_descriptor::wait_write,
                              [this, fd, socket](const boost::system::error_code& ec) {
                                socket->writing = false;
                                if (!ec && !socket->removed) {
                                  ready(fd, socket, CURL_CSELECT_OUT);
                                }
                              });
    }
  }

  void ready(curl_socket_t fd, const std::shared_ptr<Socket>& socket, int event) {
    action(fd, event);
    // curl may have removed the socket or changed what it waits for meanwhile.
    if (!socket->removed) {
      arm(fd, socket);
    }
  }

  void set_timer(long timeout_ms) {
    timer_.cancel();
    if (timeout_ms < 0) {
      return;
    }
    // Even a zero timeout goes through the loop: curl must not be re-entered from its own
    // callback.
    timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) {
        action(CURL_SOCKET_TIMEOUT, 0);
      }
    });
  }

  void action(curl_socket_t fd, int event) {
    int still_running = 0;
    curl_multi_socket_action(multi_, fd, event, &still_running);
    finish_done();
  }

  void finish_done() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;  // NOLINT(*-union-access): curl's CURLMsg
      curl_multi_remove_handle(multi_, easy);
      auto it = transfers_.find(easy);
      if (it == transfers_.end()) {
        continue;
      }
      Done done = std::move(it->second);
      transfers_.erase(it);
      done(easy, code);
    }
  }

  asio::io_context loop_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  asio::steady_timer timer_;
  CURLM* multi_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets_;
  std::unordered_map<CURL*, Done> transfers_;
  std::thread thread_;
};

CurlEngine::CurlEngine() : impl_(std::make_unique<Impl>()) {}
CurlEngine::~CurlEngine() = default;
void CurlEngine::start() { impl_->start(); }
void CurlEngine::stop() { impl_->stop(); }
void CurlEngine::add(CURL* easy, Done done) { impl_->add(easy, std::move(done)); }
void CurlEngine::post(std::function<void()> fn) { impl_->post(std::move(fn)); }
boost::asio::io_context& CurlEngine::loop() { return impl_->loop(); }

}  // namespace vitrine::checks
