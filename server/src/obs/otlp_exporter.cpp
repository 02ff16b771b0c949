#include "obs/otlp_exporter.hpp"

#include <curl/curl.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <utility>

#include "obs/metrics.hpp"
#include "util/text.hpp"

namespace vitrine::obs {
namespace {

constexpr std::string_view kUserAgent = "vitrine-otlp/" VITRINE_VERSION;

struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

prometheus::Family<prometheus::Counter>& dropped_family(MetricsRegistry& registry) {
  return prometheus::BuildCounter()
      .Name("vitrine_trace_spans_dropped_total")
      .Help(
          "Spans not exported, by reason: the queue was full (queue_full) or the collector "
          "refused or could not be reached after retries (export_failed).")
      .Register(registry.registry());
}

std::size_t discard_body(char* /*data*/, std::size_t size, std::size_t count, void* /*self*/) {
  return size * count;
}

// Retry-After in seconds (the HTTP-date form is not used by collectors): 0 when absent.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self) {
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() && util::iequals(line.substr(0, kName.size()), kName)) {
    const std::string_view value = util::trim(line.substr(kName.size()), " \t\r\n");
    long seconds = 0;
    if (std::from_chars(value.data(), value.data() + value.size(), seconds).ec == std::errc() &&
        seconds >= 0) {
      *static_cast<long*>(self) = seconds;
    }
  }
  return n;
}

}  // namespace

void OtlpExporter::EasyDeleter::operator()(void* easy) const { curl_easy_cleanup(easy); }

TraceMetrics::TraceMetrics(MetricsRegistry& registry)
    : exported(prometheus::BuildCounter()
                   .Name("vitrine_trace_spans_exported_total")
                   .Help("Spans the OTLP collector accepted.")
                   .Register(registry.registry())
                   .Add({})),
      dropped_queue_full(dropped_family(registry).Add({{"reason", "queue_full"}})),
      dropped_export_failed(dropped_family(registry).Add({{"reason", "export_failed"}})),
      queued(prometheus::BuildGauge()
                 .Name("vitrine_trace_spans_queued")
                 .Help("Finished spans waiting to be exported.")
                 .Register(registry.registry())
                 .Add({})) {}

OtlpExporter::OtlpExporter(ExporterOptions options, TraceResource resource, TraceMetrics& metrics,
                           const Logger& logger)
    : options_(std::move(options)),
      resource_(std::move(resource)),
      url_(options_.endpoint + "/v1/traces"),
      metrics_(metrics),
      log_(logger.child("otlp")) {
  // Before the thread's first handle (libcurl's global state is set up once; counted).
  curl_global_init(CURL_GLOBAL_DEFAULT);
  easy_.reset(curl_easy_init());
  thread_ = std::thread([this] { run(); });
}

OtlpExporter::~OtlpExporter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  easy_.reset();
  curl_global_cleanup();
}

void OtlpExporter::submit(SpanData span) {
  std::size_t size = 0;
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queue_capacity) {
      metrics_.dropped_queue_full.Increment();
      return;
    }
    queue_.push_back(std::move(span));
    size = queue_.size();
  }
  metrics_.queued.Set(static_cast<double>(size));
  if (size == options_.batch_size) {
    wake_.notify_one();
  }
}

void OtlpExporter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, options_.interval,
                   [this] { return stopping_ || queue_.size() >= options_.batch_size; });
    const bool final = stopping_;
    while (!queue_.empty()) {
      const std::size_t n = std::min(queue_.size(), options_.batch_size);
      std::vector<SpanData> batch(std::make_move_iterator(queue_.begin()),
                                  std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
      metrics_.queued.Set(static_cast<double>(queue_.size()));
      lock.unlock();
      export_batch(batch, final);
      lock.lock();
      if (!final && queue_.size() < options_.batch_size) {
        break;  // a partial batch waits for the next interval
      }
    }
    if (final) {
      return;
    }
  }
}

void OtlpExporter::export_batch(const std::vector<SpanData>& batch, bool final) {
  const std::string body = encode_otlp_json(resource_, batch);
  const auto count = static_cast<double>(batch.size());
  std::chrono::milliseconds backoff = options_.first_backoff;
  Attempt attempt;
  for (int i = 1;; ++i) {
    attempt = post(body);
    if (attempt.delivered) {
      metrics_.exported.Increment(count);
      if (std::exchange(failing_, false)) {
        log_.info("trace export recovered", {{"url", url_}});
      }
      return;
    }
    // At shutdown one attempt only: stopping must not wait on a collector that is away.
    if (!attempt.retry || final || i >= options_.max_attempts) {
      break;
    }
    const std::chrono::milliseconds delay =
        std::min(std::max(backoff, attempt.retry_after), options_.max_backoff);
    if (!wait_unless_stopping(delay)) {
      attempt = post(body);  // stopping: one last try for this batch
      if (attempt.delivered) {
        metrics_.exported.Increment(count);
        return;
      }
      break;
    }
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  metrics_.dropped_export_failed.Increment(count);
  if (!std::exchange(failing_, true)) {
    log_.warn("trace export failed; spans dropped until the collector answers",
              {{"url", url_}, {"error", attempt.error}, {"spans", batch.size()}});
  }
}

OtlpExporter::Attempt OtlpExporter::post(const std::string& body) {
  const std::unique_ptr<curl_slist, ListDeleter> headers(
      curl_slist_append(curl_slist_append(nullptr, "Content-Type: application/json"), "Expect:"));
  if (!easy_ || !headers) {
    return {false, true, {}, "out of memory"};
  }
  std::array<char, CURL_ERROR_SIZE> error{};
  long retry_after_s = 0;
  CURL* e = easy_.get();
  // One handle for every POST: its connection to the collector is kept and reused.
  curl_easy_reset(e);
  curl_easy_setopt(e, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error.data());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_USERAGENT, kUserAgent.data());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &discard_body);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &retry_after_s);
  const CURLcode code = curl_easy_perform(e);
  if (code != CURLE_OK) {
    return {false, true, {}, error[0] != '\0' ? error.data() : curl_easy_strerror(code)};
  }
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status <= 299) {
    return {true, false, {}, {}};
  }
  // OTLP/HTTP: these are transient; any other status means the data will never be accepted.
  const bool transient = status == 429 || status == 502 || status == 503 || status == 504;
  return {false, transient, std::chrono::seconds(retry_after_s), "HTTP " + std::to_string(status)};
}

bool OtlpExporter::wait_unless_stopping(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, delay, [this] { return stopping_; });
}

}  // namespace vitrine::obs
