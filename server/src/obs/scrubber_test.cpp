#include "obs/scrubber.hpp"

#include <gtest/gtest.h>

namespace vitrine::obs {
namespace {

void expect_hidden(std::string_view input, std::string_view secret) {
  const std::string out = scrub(input);
  EXPECT_EQ(out.find(secret), std::string::npos) << "input:  " << input << "\noutput: " << out;
}

TEST(Scrubber, leaves_ordinary_text_alone) {
  for (const char* s : {"GET /api/v1/projects 200", "listening on 127.0.0.1:8080",
                        "time: 12ms, ratio=0.5", "", "basic auth is configured", "a@b"}) {
    EXPECT_EQ(scrub(s), s);
  }
}

TEST(Scrubber, hides_email_addresses) {
  expect_hidden("user ada.lovelace+cv@example.co.uk signed in", "ada.lovelace");
  expect_hidden("ADA@EXAMPLE.COM", "ADA@");
  expect_hidden("<ada@example.com>", "ada@");
  EXPECT_EQ(scrub("mail ada@example.com."), "mail [EMAIL].");
}

TEST(Scrubber, hides_bearer_and_basic_credentials_in_any_case) {
  expect_hidden("Authorization: Bearer abc.def.ghi", "abc.def");
  expect_hidden("auth=bearer    s3cr3tT0ken", "s3cr3t");
  expect_hidden("BEARER xyz123456", "xyz123456");
  expect_hidden("header Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpw");
}

TEST(Scrubber, hides_jwts_anywhere) {
  const std::string jwt =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_"
      "XgL0n3I9PlFUP0THsR8U";
  expect_hidden("token in url ?t=" + jwt + "&x=1", "dozjgNryP4J3");
  expect_hidden("cookie-less " + jwt, "eyJzdWIi");
  expect_hidden(jwt, "eyJhbGci");
}

TEST(Scrubber, hides_values_of_sensitive_keys) {
  expect_hidden("password=hunter2", "hunter2");
  expect_hidden("PASSWORD = hunter2", "hunter2");
  expect_hidden(R"({"password":"hunter2","user":"x"})", "hunter2");
  expect_hidden(R"({"password" : "hun\"ter2"})", "ter2");
  expect_hidden("db_password: 'hunter2'", "hunter2");
  expect_hidden("/login?user=x&password=hunter2&next=/", "hunter2");
  expect_hidden("password%3Dhunter2", "hunter2");
  expect_hidden("client_secret=abc123&grant=x", "abc123");
  expect_hidden("x-api-key: k-123456", "k-123456");
  expect_hidden("refresh_token=r1r2r3", "r1r2r3");
  // The rest of the text survives.
  EXPECT_EQ(scrub("/login?user=x&password=hunter2&next=/"),
            "/login?user=x&password=[REDACTED]&next=/");
}

TEST(Scrubber, hides_secret_header_lines) {
  expect_hidden("Cookie: session=abc; theme=dark", "theme=dark");
  expect_hidden("set-cookie: sid=abc123; HttpOnly", "abc123");
  expect_hidden("GET / HTTP/1.1\r\nAuthorization: Digest u=1,r=2\r\nHost: x", "Digest u=1");
  expect_hidden(R"({"authorization":"Token t0k3n"})", "t0k3n");
  EXPECT_NE(scrub("GET / HTTP/1.1\r\nAuthorization: Digest x\r\nHost: x").find("Host: x"),
            std::string::npos);
}

TEST(Scrubber, hides_url_user_info) {
  expect_hidden("postgres://vitrine:s3cret@db:5432/vitrine", "s3cret");
  expect_hidden("redis://:p4ss@127.0.0.1:6379/0", "p4ss");
  EXPECT_EQ(scrub("postgres://u:p@db/x"), "postgres://[REDACTED]@db/x");
}

TEST(Scrubber, survives_adversarial_inputs) {
  // Long runs of trigger characters must neither crash nor go quadratic enough to hang.
  const std::string ats(200'000, '@');
  EXPECT_EQ(scrub(ats).size(), ats.size());
  const std::string keys = [] {
    std::string s;
    for (int i = 0; i < 20'000; ++i) {
      s += "password=";
    }
    return s;
  }();
  EXPECT_NO_THROW((void)scrub(keys));
  const std::string long_value = "password=" + std::string(100'000, 'x');
  EXPECT_EQ(scrub(long_value), "password=[REDACTED]");
  expect_hidden(std::string("pass\0word=1", 11) + " token=zz9", "zz9");
  EXPECT_NO_THROW((void)scrub(std::string(1000, '\xff') + "eyJ" + std::string(1000, '.')));
  EXPECT_EQ(scrub("password="), "password=");  // nothing to hide, nothing added
  EXPECT_EQ(scrub("Bearer"), "Bearer");
}

TEST(Scrubber, knows_sensitive_keys) {
  for (const char* k : {"password", "Password", "db_password", "X-Api-Key", "api_key", "Cookie",
                        "Set-Cookie", "authorization", "access_token", "clientSecret",
                        "X-Auth-Token", "Proxy-Authorization", "x-api-key"}) {
    EXPECT_TRUE(is_sensitive_key(k)) << k;
  }
  for (const char* k :
       {"path", "user", "status", "email_verified", "tokens_used_count", "Accept"}) {
    EXPECT_FALSE(is_sensitive_key(k)) << k;
  }
}

}  // namespace
}  // namespace vitrine::obs
