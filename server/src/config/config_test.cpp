#include "config/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "config/dotenv.hpp"
#include "config/settings.hpp"
#include "testing/temp_dir.hpp"

namespace vitrine::config {
namespace {

namespace fs = std::filesystem;

using vitrine::testing::TempDir;

Inputs inputs_with(std::map<std::string, std::string> env, const TempDir& dir) {
  Inputs in;
  in.environment = std::move(env);
  in.default_env_file = dir.file("absent.env");
  return in;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    out += s + "\n";
  }
  return out;
}

TEST(Config, defaults_are_valid) {
  const TempDir dir;
  const Loaded l = load(inputs_with({}, dir));
  ASSERT_TRUE(l.config.has_value()) << joined(l.errors);
  EXPECT_EQ(l.config->listen.host, "127.0.0.1");
  EXPECT_EQ(l.config->listen.port, 8080);
  EXPECT_GE(l.config->threads, 1U);
  EXPECT_EQ(l.config->shutdown_grace, std::chrono::seconds(10));
  EXPECT_EQ(l.config->max_body_bytes, 1024U * 1024U);
  EXPECT_EQ(l.config->max_header_bytes, 8192U);
  EXPECT_EQ(l.values.at("VITRINE_LISTEN").source, "default");
}

TEST(Config, flags_beat_environment_beats_dotenv_beats_default) {
  const TempDir dir;
  Inputs in = inputs_with({{"VITRINE_LISTEN", "127.0.0.1:9000"}, {"VITRINE_THREADS", "3"}}, dir);
  in.env_file = dir.write("a.env",
                          "VITRINE_LISTEN=127.0.0.1:7000\nVITRINE_THREADS=5\n"
                          "VITRINE_LOG_LEVEL=debug\n");
  in.flags["VITRINE_THREADS"] = "4";
  const Loaded l = load(in);
  ASSERT_TRUE(l.config.has_value()) << joined(l.errors);
  EXPECT_EQ(l.config->listen.port, 9000);
  EXPECT_EQ(l.config->threads, 4U);
  EXPECT_EQ(l.config->log_level, obs::Level::kDebug);
  EXPECT_EQ(l.values.at("VITRINE_THREADS").source, "--threads");
  EXPECT_EQ(l.values.at("VITRINE_LOG_LEVEL").source, in.env_file.value() + ":3");
}

TEST(Config, reads_file_variants_and_strips_the_final_newline) {
  const TempDir dir;
  const std::string secret_file = dir.write("origins", "https://a.example\n");
  const Loaded l = load(inputs_with({{"VITRINE_CORS_ORIGINS_FILE", secret_file}}, dir));
  ASSERT_TRUE(l.config.has_value()) << joined(l.errors);
  EXPECT_EQ(l.config->cors_origins, std::vector<std::string>{"https://a.example"});
}

TEST(Config, variable_and_file_variant_together_is_an_error) {
  const TempDir dir;
  const Loaded l = load(inputs_with(
      {{"VITRINE_PUBLIC_URL", "https://x"}, {"VITRINE_PUBLIC_URL_FILE", dir.file("x")}}, dir));
  EXPECT_FALSE(l.config.has_value());
  EXPECT_NE(joined(l.errors).find("VITRINE_PUBLIC_URL and VITRINE_PUBLIC_URL_FILE"),
            std::string::npos);
}

TEST(Config, unreadable_file_variant_is_an_error_naming_the_path) {
  const TempDir dir;
  const Loaded l = load(inputs_with({{"VITRINE_PUBLIC_URL_FILE", dir.file("missing")}}, dir));
  EXPECT_FALSE(l.config.has_value());
  EXPECT_NE(joined(l.errors).find("missing"), std::string::npos);
}

TEST(Config, every_bad_value_is_reported_with_variable_value_and_accepted_values) {
  const TempDir dir;
  const Loaded l = load(inputs_with({{"VITRINE_LISTEN", "nowhere"},
                                     {"VITRINE_THREADS", "-1"},
                                     {"VITRINE_SHUTDOWN_GRACE", "10 parsecs"},
                                     {"VITRINE_MAX_BODY_BYTES", "2GiB"},
                                     {"VITRINE_LOG_LEVEL", "loud"},
                                     {"VITRINE_CORS_ORIGINS", "https://a.example/path"}},
                                    dir));
  EXPECT_FALSE(l.config.has_value());
  ASSERT_EQ(l.errors.size(), 6U) << joined(l.errors);
  const std::string all = joined(l.errors);
  EXPECT_NE(all.find("VITRINE_THREADS='-1' (from environment) is invalid"), std::string::npos)
      << all;
  EXPECT_NE(all.find("expected an integer from 0 to 256"), std::string::npos);
  EXPECT_NE(all.find("VITRINE_LOG_LEVEL='loud'"), std::string::npos);
  EXPECT_NE(all.find("debug, info, warn or error"), std::string::npos);
}

TEST(Config, unknown_vitrine_variables_are_warned_about) {
  const TempDir dir;
  const Loaded l = load(inputs_with({{"VITRINE_LISTN", "x"}, {"HOME", "/root"}}, dir));
  ASSERT_TRUE(l.config.has_value());
  ASSERT_EQ(l.warnings.size(), 1U);
  EXPECT_NE(l.warnings[0].find("VITRINE_LISTN"), std::string::npos);
}

TEST(Config, explicit_env_file_must_exist) {
  const TempDir dir;
  Inputs in = inputs_with({}, dir);
  in.env_file = dir.file("nope.env");
  EXPECT_FALSE(load(in).config.has_value());
}

TEST(Config, masks_passwords_in_displayed_urls) {
  EXPECT_EQ(display_value("X", "postgres://u:pw@db:5432/x"), "postgres://u:********@db:5432/x");
  EXPECT_EQ(display_value("X", "postgres://db:5432/x"), "postgres://db:5432/x");
  EXPECT_EQ(display_value("VITRINE_LISTEN", "127.0.0.1:8080"), "127.0.0.1:8080");
}

TEST(Parse, listen_addresses) {
  EXPECT_EQ(parse_listen("localhost:0").value().host, "127.0.0.1");
  EXPECT_EQ(parse_listen("[::1]:8080").value().host, "::1");
  EXPECT_EQ(parse_listen("0.0.0.0:65535").value().port, 65535);
  for (const char* bad : {"8080", "127.0.0.1:", "127.0.0.1:65536", "::1:80", "example.com:80",
                          "[nope]:80", "127.0.0.1:8o"}) {
    EXPECT_FALSE(parse_listen(bad).ok()) << bad;
  }
}

TEST(Parse, durations) {
  using std::chrono::milliseconds;
  const milliseconds lo(0);
  const milliseconds hi(std::chrono::hours(2));
  EXPECT_EQ(parse_duration("500ms", lo, hi).value(), milliseconds(500));
  EXPECT_EQ(parse_duration("10s", lo, hi).value(), milliseconds(10'000));
  EXPECT_EQ(parse_duration("10", lo, hi).value(), milliseconds(10'000));
  EXPECT_EQ(parse_duration("2m", lo, hi).value(), milliseconds(120'000));
  EXPECT_EQ(parse_duration("1h", lo, hi).value(), milliseconds(3'600'000));
  EXPECT_EQ(parse_duration("14d", lo, std::chrono::hours(24 * 90)).value(),
            milliseconds(14LL * 86'400'000));
  for (const char* bad : {"", "s", "-1s", "1.5s", "3h", "10 s", "1d", "99999999999999s", "1w"}) {
    EXPECT_FALSE(parse_duration(bad, lo, hi).ok()) << bad;
  }
}

TEST(Parse, sizes_and_integers) {
  EXPECT_EQ(parse_size("1MiB", 0, 1U << 30U).value(), 1048576U);
  EXPECT_EQ(parse_size("8KiB", 0, 1U << 30U).value(), 8192U);
  EXPECT_FALSE(parse_size("1GB", 0, 1U << 30U).ok());
  EXPECT_FALSE(parse_size("18446744073709551615MiB", 0, UINT64_MAX).ok());
  EXPECT_FALSE(parse_uint("0x10", 0, 100).ok());
  EXPECT_FALSE(parse_uint("101", 0, 100).ok());
}

TEST(Parse, trusted_proxy_ranges) {
  const auto ranges = parse_address_ranges(" 10.0.0.0/8, ::1 ,,172.16.0.1 ");
  ASSERT_TRUE(ranges.ok()) << ranges.error();
  ASSERT_EQ(ranges.value().size(), 3U);
  EXPECT_EQ(ranges.value()[1].to_string(), "::1");
  EXPECT_TRUE(parse_address_ranges("").value().empty());
  const auto bad = parse_address_ranges("10.0.0.0/8, 10.0.0.1/8");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("'10.0.0.1/8' is not an IP address or a CIDR range"),
            std::string::npos)
      << bad.error();
  EXPECT_FALSE(parse_address_ranges("proxy.internal").ok());
}

TEST(Parse, origins_and_public_url) {
  EXPECT_EQ(parse_origins("https://a.example, http://localhost:5173").value().size(), 2U);
  EXPECT_EQ(parse_origins("*").value(), std::vector<std::string>{"*"});
  EXPECT_TRUE(parse_origins("").value().empty());
  for (const char* bad : {"a.example", "https://a.example/", "ftp://a", "*,https://a.example",
                          "https://user@a.example", "https://a.example:0"}) {
    EXPECT_FALSE(parse_origins(bad).ok()) << bad;
  }
  EXPECT_EQ(parse_public_url("https://me.example/portfolio/").value(),
            "https://me.example/portfolio");
  EXPECT_FALSE(parse_public_url("https://me.example/?x=1").ok());
  EXPECT_FALSE(parse_public_url("me.example").ok());
}

TEST(Parse, ratio_accepts_plain_decimals_from_zero_to_one) {
  EXPECT_EQ(parse_ratio("0").value(), 0.0);
  EXPECT_EQ(parse_ratio(" 0.25 ").value(), 0.25);
  EXPECT_EQ(parse_ratio("1").value(), 1.0);
  EXPECT_EQ(parse_ratio("1.5").error(), "out of range");
  for (const char* bad : {"", "-0.1", "1e-3", "nan", "inf", "0.5.1", "half"}) {
    EXPECT_FALSE(parse_ratio(bad).ok()) << bad;
  }
}

TEST(Dotenv, parses_comments_quotes_and_export) {
  const DotenvFile f = parse_dotenv(
      "# comment\n\nexport A=1\nB = two words # note\nC=\"x\\ny\"\nD='lit\\n'\nE=\n", "t.env");
  EXPECT_TRUE(f.errors.empty());
  EXPECT_EQ(f.entries.at("A").value, "1");
  EXPECT_EQ(f.entries.at("B").value, "two words");
  EXPECT_EQ(f.entries.at("C").value, "x\ny");
  EXPECT_EQ(f.entries.at("D").value, "lit\\n");
  EXPECT_EQ(f.entries.at("E").value, "");
  EXPECT_EQ(f.entries.at("C").line, 5);
}

TEST(Dotenv, reports_bad_lines_with_file_and_line) {
  const DotenvFile f = parse_dotenv("A=1\nnot a pair\n1X=2\nQ=\"open\n", "t.env");
  ASSERT_EQ(f.errors.size(), 3U);
  EXPECT_EQ(f.errors[0], "t.env:2: expected KEY=VALUE");
  EXPECT_NE(f.errors[1].find("t.env:3"), std::string::npos);
  EXPECT_NE(f.errors[2].find("t.env:4"), std::string::npos);
}

// Every setting in the table, and every VITRINE_* name the code mentions, is documented in
// .env.example with the same default.
TEST(EnvExample, documents_every_variable_the_code_reads) {
  const fs::path root = VITRINE_SOURCE_DIR;
  std::ifstream in(root / ".env.example");
  ASSERT_TRUE(in) << "missing .env.example";
  std::map<std::string, std::string> documented;
  for (std::string l; std::getline(in, l);) {
    // "VITRINE_X=default", possibly commented out as "# VITRINE_X=default".
    std::string_view line = l;
    if (line.starts_with("#")) {
      line.remove_prefix(line.find_first_not_of("# "));
    }
    const std::size_t eq = line.find('=');
    if (line.starts_with("VITRINE_") && eq != std::string_view::npos) {
      documented[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    }
  }
  for (const Setting& s : settings()) {
    const auto it = documented.find(std::string(s.env));
    ASSERT_NE(it, documented.end()) << s.env << " is missing from .env.example";
    EXPECT_EQ(it->second, s.default_value) << s.env << " default differs in .env.example";
  }
  // Names mentioned anywhere in the server sources (not tests).
  std::set<std::string> mentioned;
  const auto is_name_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (const auto& entry : fs::recursive_directory_iterator(root / "server" / "src")) {
    const std::string p = entry.path().string();
    if (!entry.is_regular_file() || p.ends_with("_test.cpp")) {
      continue;
    }
    std::ifstream src(entry.path());
    const std::string text((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
    for (std::size_t pos = text.find("VITRINE_"); pos != std::string::npos;
         pos = text.find("VITRINE_", pos + 1)) {
      if (pos > 0 && is_name_char(text[pos - 1])) {
        continue;
      }
      std::size_t end = pos;
      while (end < text.size() && is_name_char(text[end])) {
        ++end;
      }
      while (end > pos && text[end - 1] == '_') {
        --end;  // "VITRINE_*" style mentions
      }
      if (end - pos > 8) {
        mentioned.insert(text.substr(pos, end - pos));
      }
    }
  }
  for (const std::string& n : mentioned) {
    if (n.ends_with("_FILE") || n.ends_with("SEPARATE_COMPILATION") || n == "VITRINE_VERSION" ||
        n == "VITRINE_SOURCE_DIR") {
      continue;  // VAR_FILE variants, build macros
    }
    if (n == "VITRINE_ADMIN_TOKEN") {
      continue;  // removed: named only to refuse it at start (config.cpp)
    }
    EXPECT_TRUE(documented.contains(n)) << n << " is read by the code but not in .env.example";
  }
}

}  // namespace
}  // namespace vitrine::config
