#include "http/request_reader.hpp"

#include <gtest/gtest.h>

namespace vitrine::http {
namespace {

using State = RequestReader::State;

Limits small_limits() { return {.max_header_bytes = 1024, .max_body_bytes = 16}; }

TEST(RequestReader, parses_a_complete_request) {
  RequestReader r(small_limits());
  const std::string raw =
      "POST /api/v1/x?a=1 HTTP/1.1\r\nHost: h\r\nX-Request-Id: abc\r\nContent-Length: "
      "5\r\n\r\nhello";
  EXPECT_EQ(r.feed(raw), raw.size());
  ASSERT_EQ(r.state(), State::kComplete);
  const Request req = r.request();
  EXPECT_EQ(req.method, Method::kPost);
  EXPECT_EQ(req.path, "/api/v1/x");
  EXPECT_EQ(req.query, "a=1");
  EXPECT_EQ(req.header("x-request-id").value_or(""), "abc");
  EXPECT_EQ(req.body, "hello");
  EXPECT_TRUE(req.keep_alive);
}

TEST(RequestReader, needs_more_until_the_request_is_whole) {
  RequestReader r(small_limits());
  std::string pending = "GET / HTTP/1.1\r\nHo";
  pending.erase(0, r.feed(pending));  // the parser may keep the unfinished line
  EXPECT_EQ(r.state(), State::kNeedMore);
  pending += "st: h\r\n\r\n";
  EXPECT_EQ(r.feed(pending), pending.size());
  EXPECT_EQ(r.state(), State::kComplete);
}

TEST(RequestReader, leaves_a_pipelined_request_unconsumed) {
  RequestReader r(small_limits());
  const std::string one = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
  const std::string two = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
  EXPECT_EQ(r.feed(one + two), one.size());
  EXPECT_EQ(r.request().path, "/a");
  r.reset();
  EXPECT_EQ(r.feed(two), two.size());
  EXPECT_EQ(r.request().path, "/b");
}

TEST(RequestReader, body_over_limit_is_refused_from_content_length_alone) {
  RequestReader r(small_limits());
  r.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n");  // no body bytes sent
  EXPECT_EQ(r.state(), State::kBodyTooLarge);
}

TEST(RequestReader, chunked_body_over_limit_is_refused_while_reading) {
  RequestReader r(small_limits());
  // Like the session: bytes the parser did not take stay buffered for the next feed.
  std::string pending;
  auto feed = [&](std::string_view more) {
    pending += more;
    pending.erase(0, r.feed(pending));
  };
  feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
  EXPECT_EQ(r.state(), State::kNeedMore);
  feed("a\r\n0123456789\r\n");
  EXPECT_EQ(r.state(), State::kNeedMore);
  feed("a\r\n0123456789\r\n");
  EXPECT_EQ(r.state(), State::kBodyTooLarge) << r.error_text();
}

TEST(RequestReader, header_block_over_limit_is_refused) {
  RequestReader r(small_limits());
  const std::string raw = "GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n";
  r.feed(raw);
  EXPECT_EQ(r.state(), State::kHeaderTooLarge);
}

TEST(RequestReader, header_block_over_limit_without_end_is_refused) {
  RequestReader r(small_limits());
  r.feed("GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'a'));  // never terminated
  EXPECT_EQ(r.state(), State::kHeaderTooLarge);
}

TEST(RequestReader, malformed_requests_are_refused) {
  for (const char* raw : {"NOT HTTP\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                          "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
    RequestReader r(small_limits());
    r.feed(raw);
    EXPECT_EQ(r.state(), State::kMalformed) << raw;
  }
}

TEST(RequestReader, reports_expect_continue) {
  RequestReader r(small_limits());
  r.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
  EXPECT_EQ(r.state(), State::kNeedMore);
  EXPECT_TRUE(r.expects_continue());
  r.feed("abc");
  EXPECT_EQ(r.state(), State::kComplete);
}

TEST(RequestReader, http10_and_connection_close_are_not_keep_alive) {
  RequestReader a(small_limits());
  a.feed("GET / HTTP/1.0\r\n\r\n");
  EXPECT_FALSE(a.request().keep_alive);
  RequestReader b(small_limits());
  b.feed("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_FALSE(b.request().keep_alive);
}

}  // namespace
}  // namespace vitrine::http
