// Micro-benchmarks of the per-request hot path that runs without sockets.
#include <benchmark/benchmark.h>

#include "http/message.hpp"
#include "http/response_writer.hpp"
#include "http/router.hpp"
#include "obs/scrubber.hpp"

namespace {

using vitrine::http::Method;
using vitrine::http::Request;
using vitrine::http::Response;
using vitrine::http::Router;

Router make_router() {
  Router r;
  const auto ok = [](const Request&) { return Response::json(200, "{}"); };
  for (const char* p :
       {"/", "/healthz", "/readyz", "/metrics", "/api/v1/version", "/api/v1/projects",
        "/api/v1/projects/{id}", "/api/v1/projects/{id}/monitors", "/api/v1/monitors/{id}",
        "/api/v1/users/{id}"}) {
    r.add(Method::kGet, p, ok);
  }
  return r;
}

void bm_router_match_literal(benchmark::State& state) {
  const Router r = make_router();
  for (auto _ : state) {
    benchmark::DoNotOptimize(r.match(Method::kGet, "/healthz"));
  }
}
BENCHMARK(bm_router_match_literal);

void bm_router_match_param(benchmark::State& state) {
  const Router r = make_router();
  for (auto _ : state) {
    benchmark::DoNotOptimize(r.match(Method::kGet, "/api/v1/projects/0192f1c4-7a/monitors"));
  }
}
BENCHMARK(bm_router_match_param);

void bm_write_response(benchmark::State& state) {
  Response res = Response::json(200, R"({"status":"ok"})");
  res.add_header("X-Request-Id", "0123456789abcdef0123456789abcdef");
  res.add_header("X-Content-Type-Options", "nosniff");
  std::string out;
  for (auto _ : state) {
    out.clear();
    vitrine::http::write_response(res, {}, out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(bm_write_response);

void bm_scrub_clean(benchmark::State& state) {
  const std::string line = "GET /api/v1/projects/vitrine-server 200 in 0.42 ms";
  for (auto _ : state) {
    benchmark::DoNotOptimize(vitrine::obs::scrub(line));
  }
}
BENCHMARK(bm_scrub_clean);

void bm_scrub_dirty(benchmark::State& state) {
  const std::string line =
      "login for ada@example.com with password=hunter2 Authorization: Bearer "
      "eyJhbGciOi.eyJzdWIi.sig";
  for (auto _ : state) {
    benchmark::DoNotOptimize(vitrine::obs::scrub(line));
  }
}
BENCHMARK(bm_scrub_dirty);

}  // namespace
