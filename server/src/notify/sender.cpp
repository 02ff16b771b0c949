#include "notify/sender.hpp"

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <memory>
#include <new>

#include "net/url_parts.hpp"
#include "obs/tracing.hpp"
#include "util/text.hpp"

namespace vitrine::notify {
namespace {

constexpr std::string_view kUserAgent = "vitrine-notify/" VITRINE_VERSION;
// The most of a failed answer's body kept for the delivery log (Slack says why in it).
constexpr std::size_t kMaxErrorBody = 200;

struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};

// One message in flight.
class Post {
 public:
  Post(const Message& message, std::chrono::milliseconds timeout, const std::string& traceparent)
      : easy_(curl_easy_init()) {
    if (easy_ == nullptr) {
      throw std::bad_alloc();
    }
    for (const std::string& h : message.headers) {
      headers_ = curl_slist_append(headers_, h.c_str());
    }
    if (!traceparent.empty()) {
      headers_ = curl_slist_append(headers_, ("traceparent: " + traceparent).c_str());
    }
    curl_easy_setopt(easy_, CURLOPT_URL, message.url.c_str());
    curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_.data());
    curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy_, CURLOPT_USERAGENT, kUserAgent.data());
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, message.body.data());
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(message.body.size()));
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Post::on_body);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  }
  ~Post() {
    curl_easy_cleanup(easy_);
    curl_slist_free_all(headers_);
  }
  Post(const Post&) = delete;
  Post& operator=(const Post&) = delete;
  Post(Post&&) = delete;
  Post& operator=(Post&&) = delete;

  [[nodiscard]] CURL* easy() const { return easy_; }

  [[nodiscard]] Sent outcome(CURLcode code) const {
    Sent sent;
    curl_off_t total_us = 0;
    curl_easy_getinfo(easy_, CURLINFO_TOTAL_TIME_T, &total_us);
    sent.duration_ms = total_us / 1000;
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    if (status > 0) {
      sent.status_code = static_cast<int>(status);
    }
    if (code != CURLE_OK) {
      sent.error = error_.front() != '\0' ? error_.data() : curl_easy_strerror(code);
    } else if (status < 200 || status > 299) {
      sent.error = "HTTP " + std::to_string(status);
      const std::string excerpt(util::trim(body_, " \t\r\n"));
      if (!excerpt.empty()) {
        sent.error += ": " + excerpt;
      }
    }
    return sent;
  }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) {
    auto* post = static_cast<Post*>(self);
    const std::size_t n = size * count;
    const std::size_t room = kMaxErrorBody - std::min(kMaxErrorBody, post->body_.size());
    post->body_.append(data, std::min(n, room));
    return n;
  }

  CURL* easy_;
  curl_slist* headers_ = nullptr;
  std::array<char, CURL_ERROR_SIZE> error_{};
  std::string body_;
};

// A client span per message, as its own trace (deliveries run outside requests): "POST"
// with the receiver's host and port; never the URL, whose path is the secret of a Slack or
// Discord webhook.
obs::Span start_span(const obs::Tracer* tracer, const Message& message) {
  if (tracer == nullptr || !tracer->enabled()) {
    return {};
  }
  obs::Span span = tracer->start_root("POST", obs::SpanKind::kClient);
  if (!span.recording()) {
    return span;
  }
  span.set("http.request.method", std::string("POST"));
  if (const auto parts = net::url_parts(message.url)) {
    span.set("server.address", parts->host);
    span.set("server.port", std::int64_t{parts->port});
  }
  return span;
}

void finish_span(obs::Span& span, const Sent& sent) {
  if (!span.recording()) {
    return;
  }
  if (sent.status_code) {
    span.set("http.response.status_code", std::int64_t{*sent.status_code});
  }
  if (!sent.delivered()) {
    span.set("error.type",
             sent.status_code ? std::to_string(*sent.status_code) : std::string("transfer"));
    span.set_status(obs::SpanStatus::kError, sent.error);
  }
  span.end();
}

}  // namespace

Message message_for(const domain::NotificationChannel& channel, const OpenedChannel& opened,
                    const std::string& delivery_id, domain::NotificationEvent event,
                    std::string body) {
  Message m;
  m.url = opened.url;
  m.headers = {"Content-Type: application/json", "Expect:"};
  if (channel.kind == domain::ChannelKind::kWebhook) {
    m.headers.push_back("X-Vitrine-Event: " + std::string(domain::to_string(event)));
    m.headers.push_back("X-Vitrine-Delivery: " + delivery_id);
    if (!opened.secret.empty()) {
      m.headers.push_back("X-Vitrine-Signature: " + domain::signature(opened.secret, body));
    }
  }
  m.body = std::move(body);
  return m;
}

std::vector<Sent> post_all(std::span<const Message> messages, std::chrono::milliseconds timeout,
                           const obs::Tracer* tracer) {
  const std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi) {
    throw std::bad_alloc();
  }
  std::vector<std::unique_ptr<Post>> posts;
  std::vector<obs::Span> spans;
  posts.reserve(messages.size());
  spans.reserve(messages.size());
  for (const Message& m : messages) {
    spans.push_back(start_span(tracer, m));
    posts.push_back(std::make_unique<Post>(m, timeout, spans.back().traceparent()));
    curl_multi_add_handle(multi.get(), posts.back()->easy());
  }
  std::vector<Sent> sent(messages.size());
  std::vector<bool> done(messages.size(), false);
  int running = static_cast<int>(messages.size());
  while (running > 0) {
    curl_multi_perform(multi.get(), &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      const CURLcode code = msg->data.result;  // NOLINT(*-union-access): curl's CURLMsg
      for (std::size_t i = 0; i < posts.size(); ++i) {
        if (posts[i]->easy() == msg->easy_handle) {
          sent[i] = posts[i]->outcome(code);
          done[i] = true;
        }
      }
    }
    if (running > 0) {
      curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    }
  }
  for (std::size_t i = 0; i < posts.size(); ++i) {
    curl_multi_remove_handle(multi.get(), posts[i]->easy());
    if (!done[i]) {
      sent[i].error = "the transfer ended without a result";
    }
    finish_span(spans[i], sent[i]);
  }
  return sent;
}

}  // namespace vitrine::notify
