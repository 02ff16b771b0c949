#include "http/response_writer.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace vitrine::http {
namespace {

std::string written(const Response& r, const WriteOptions& o) {
  std::string out;
  write_response(r, o, out);
  return out;
}

TEST(ResponseWriter, writes_status_headers_and_body) {
  Response r = Response::json(200, R"({"a":1})");
  r.add_header("X-Request-Id", "abc");
  const std::string out = written(r, {});
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 OK\r\nDate: ")) << out;
  EXPECT_NE(out.find(" GMT\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Length: 7\r\n"), std::string::npos);
  EXPECT_NE(out.find("X-Request-Id: abc\r\n"), std::string::npos);
  EXPECT_EQ(out.find("Connection:"), std::string::npos);
  EXPECT_TRUE(out.ends_with("\r\n\r\n{\"a\":1}"));
}

TEST(ResponseWriter, head_keeps_length_and_drops_body) {
  const std::string out = written(Response::json(200, "12345"), {.head_only = true});
  EXPECT_NE(out.find("Content-Length: 5\r\n"), std::string::npos);
  EXPECT_TRUE(out.ends_with("\r\n\r\n"));
}

TEST(ResponseWriter, no_content_has_no_length_type_or_body) {
  const std::string out = written(Response(204, "text/plain", "ignored"), {});
  EXPECT_TRUE(out.starts_with("HTTP/1.1 204 No Content\r\n"));
  EXPECT_EQ(out.find("Content-Length"), std::string::npos);
  EXPECT_EQ(out.find("Content-Type"), std::string::npos);
  EXPECT_TRUE(out.ends_with("\r\n\r\n"));
}

TEST(ResponseWriter, shared_body_is_sent_from_its_owner_not_copied) {
  auto owner = std::make_shared<const std::string>(R"({"cached":true})");
  Response r;
  r.share_body("application/json", owner, *owner);
  std::string head;
  const std::string_view body = write_head(r, {}, head);
  EXPECT_EQ(body.data(), owner->data());  // the owner's bytes, not a copy
  EXPECT_EQ(body, *owner);
  EXPECT_NE(head.find("Content-Length: 15\r\n"), std::string::npos) << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
  EXPECT_EQ(owner.use_count(), 2);  // the response keeps the owner alive
  r.set_body("text/plain", "own");
  EXPECT_EQ(owner.use_count(), 1);
  EXPECT_EQ(r.body(), "own");
}

TEST(ResponseWriter, head_and_bodiless_statuses_send_no_body_after_the_head) {
  auto owner = std::make_shared<const std::string>("12345");
  Response r;
  r.share_body("text/plain", owner, *owner);
  std::string head;
  EXPECT_TRUE(write_head(r, {.head_only = true}, head).empty());
  EXPECT_NE(head.find("Content-Length: 5\r\n"), std::string::npos);
  head.clear();
  r.set_status(304);
  EXPECT_TRUE(write_head(r, {}, head).empty());
}

TEST(ResponseWriter, connection_header_follows_keep_alive_and_version) {
  EXPECT_NE(written(Response::empty(200), {.keep_alive = false}).find("Connection: close\r\n"),
            std::string::npos);
  EXPECT_NE(written(Response::empty(200), {.keep_alive = true, .http10 = true})
                .find("Connection: keep-alive\r\n"),
            std::string::npos);
}

TEST(ResponseWriter, reason_phrases) {
  EXPECT_EQ(reason_phrase(413), "Content Too Large");
  EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reason_phrase(599), "Unknown");
}

}  // namespace
}  // namespace vitrine::http
