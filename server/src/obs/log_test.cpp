#include "obs/log.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <vector>

#include "obs/json_escape.hpp"
#include "testing/memory_sink.hpp"

namespace vitrine::obs {
namespace {

using vitrine::testing::MemorySink;

TEST(Log, json_line_has_the_standard_keys_and_fields) {
  auto sink = std::make_shared<MemorySink>();
  const Logger log("http", sink, Level::kDebug, Format::kJson);
  const LogContext ctx{"req-1", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"};
  {
    const ScopedLogContext scope(ctx);
    log.info("request", {{"status", 200}, {"path", "/x"}, {"ok", true}, {"ms", 1.5}});
  }
  log.warn("outside");
  const auto lines = sink->lines();
  ASSERT_EQ(lines.size(), 2U);
  const auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["logger"], "http");
  EXPECT_EQ(j["msg"], "request");
  EXPECT_EQ(j["request_id"], "req-1");
  EXPECT_EQ(j["trace_id"], "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(j["span_id"], "b7ad6b7169203331");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["path"], "/x");
  EXPECT_EQ(j["ok"], true);
  EXPECT_DOUBLE_EQ(j["ms"].get<double>(), 1.5);
  const std::string ts = j["ts"];
  ASSERT_EQ(ts.size(), 24U);  // 2026-11-25T18:13:24.123Z
  EXPECT_EQ(ts[10], 'T');
  EXPECT_EQ(ts[19], '.');
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_FALSE(nlohmann::json::parse(lines[1]).contains("request_id"));
}

TEST(Log, level_filter_drops_lower_levels) {
  auto sink = std::make_shared<MemorySink>();
  const Logger log("x", sink, Level::kWarn, Format::kJson);
  log.debug("a");
  log.info("b");
  log.warn("c");
  log.error("d");
  EXPECT_EQ(sink->lines().size(), 2U);
}

TEST(Log, secrets_never_reach_the_output) {
  auto sink = std::make_shared<MemorySink>();
  const Logger log("auth", sink, Level::kDebug, Format::kJson);
  log.info("login by ada@example.com with password=hunter2",
           {{"password", "hunter2"},
            {"Authorization", "Bearer tok3n-abcdef"},
            {"cookie", "sid=s3ss10n"},
            {"detail", "Set-Cookie: sid=s3ss10n"}});
  const std::string line = sink->lines().at(0);
  for (const char* secret : {"ada@example.com", "hunter2", "tok3n", "s3ss10n"}) {
    EXPECT_EQ(line.find(secret), std::string::npos) << secret << " in " << line;
  }
  EXPECT_TRUE(nlohmann::json::accept(line));
}

TEST(Log, text_format_is_one_readable_line) {
  auto sink = std::make_shared<MemorySink>();
  const Logger log("vitrine", sink, Level::kInfo, Format::kText);
  log.info("listening", {{"address", "127.0.0.1:8080"}, {"note", "two words"}});
  const std::string line = sink->lines().at(0);
  EXPECT_NE(line.find(" info  vitrine listening address=127.0.0.1:8080 note=\"two words\""),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Log, parses_levels_and_formats) {
  EXPECT_EQ(parse_level("warn"), Level::kWarn);
  EXPECT_FALSE(parse_level("WARNING").has_value());
  EXPECT_EQ(parse_format("text"), Format::kText);
  EXPECT_FALSE(parse_format("yaml").has_value());
}

TEST(JsonEscape, always_produces_valid_json) {
  std::string out;
  constexpr char kRaw[] = "a\"b\\c\n\x01\x7f\xff\xc3\xa9\xed\xa0\x80";
  append_json_string(out, std::string(kRaw, sizeof kRaw - 1));
  const auto parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed.get<std::string>(),
            "a\"b\\c\n\x01\x7f\xEF\xBF\xBD\xc3\xa9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace vitrine::obs
