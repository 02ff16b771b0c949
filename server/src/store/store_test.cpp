#include <gtest/gtest.h>

#include "store/database_url.hpp"
#include "store/sql/migrator.hpp"

namespace vitrine::store {
namespace {

TEST(DatabaseUrl, sqlite_paths) {
  EXPECT_EQ(parse_database_url("sqlite:///var/lib/v.db").value().sqlite_path, "/var/lib/v.db");
  EXPECT_EQ(parse_database_url("sqlite://data/v.db").value().sqlite_path, "data/v.db");
  EXPECT_FALSE(parse_database_url("sqlite://").ok());
  EXPECT_FALSE(parse_database_url("sqlite://dir/").ok());
  EXPECT_FALSE(parse_database_url("sqlite://a b.db").ok());
  EXPECT_FALSE(parse_database_url("mysql://x").ok());
}

TEST(DatabaseUrl, postgres_uri_becomes_libpq_conninfo) {
  const auto url = parse_database_url("postgres://u:p%40ss@db.internal:6432/app?sslmode=require");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(url.value().backend, Backend::kPostgres);
  const std::string& c = url.value().postgres_conninfo;
  EXPECT_NE(c.find("user=u"), std::string::npos);
  EXPECT_NE(c.find("password=p@ss"), std::string::npos);
  EXPECT_NE(c.find("host=db.internal"), std::string::npos);
  EXPECT_NE(c.find("port=6432"), std::string::npos);
  EXPECT_NE(c.find("dbname=app"), std::string::npos);
  EXPECT_NE(c.find("sslmode=require"), std::string::npos);
  EXPECT_FALSE(parse_database_url("postgres://u:a%20b@h/db").ok());  // the driver cannot pass it
  EXPECT_FALSE(parse_database_url("postgres://h:port/db").ok());
  EXPECT_FALSE(parse_database_url("postgres://h/db?nosuchoption=1").ok());
}

TEST(Migrations, split_after_line_ending_semicolons_and_drop_comment_only_parts) {
  const auto parts = sql::split_statements(
      "-- header\nCREATE TABLE a (x TEXT DEFAULT ';');\n-- between\nCREATE INDEX i ON a (x);\n"
      "-- trailing comment\n");
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_EQ(parts[0], "-- header\nCREATE TABLE a (x TEXT DEFAULT ';')");
  EXPECT_EQ(parts[1], "\n-- between\nCREATE INDEX i ON a (x)");
}

TEST(Migrations, both_dialects_have_the_same_numbered_files) {
  const auto sqlite = sql::embedded_migrations(Backend::kSqlite);
  const auto postgres = sql::embedded_migrations(Backend::kPostgres);
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, i + 1);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
    EXPECT_EQ(sqlite[i].checksum.size(), 64U);
    EXPECT_NE(sqlite[i].checksum, postgres[i].checksum);
  }
}

}  // namespace
}  // namespace vitrine::store
