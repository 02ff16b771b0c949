#include "store/database_url.hpp"

#include <libpq-fe.h>

#include <memory>

namespace vitrine::store {

std::string_view to_string(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

config::Parsed<DatabaseUrl> parse_database_url(std::string_view text) {
  using R = config::Parsed<DatabaseUrl>;
  DatabaseUrl url;
  if (text.starts_with("sqlite://")) {
    url.backend = Backend::kSqlite;
    url.sqlite_path = std::string(text.substr(std::string_view("sqlite://").size()));
    if (url.sqlite_path.empty() || url.sqlite_path == "/") {
      return R::failure("the SQLite file path is empty");
    }
    if (url.sqlite_path.find_first_of("?#") != std::string::npos) {
      return R::failure("SQLite URLs take no query or fragment");
    }
    if (url.sqlite_path.find_first_of(" \t\r\n") != std::string::npos) {
      return R::failure("the SQLite path contains whitespace, which the driver cannot open");
    }
    if (url.sqlite_path.ends_with('/')) {
      return R::failure("the SQLite path names a directory, not a file");
    }
    return url;
  }
  if (text.starts_with("postgres://") || text.starts_with("postgresql://")) {
    url.backend = Backend::kPostgres;
    // libpq's own parser: the same rules the connection will follow, without connecting.
    char* error = nullptr;
    const std::string uri(text);
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
    const std::unique_ptr<char, decltype(&PQfreemem)> error_guard(error, &PQfreemem);
    if (options == nullptr) {
      std::string why = error != nullptr ? error : "not a valid PostgreSQL URI";
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) {
        why.pop_back();
      }
      return R::failure(why);
    }
    const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> guard(options,
                                                                             &PQconninfoFree);
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (o->val == nullptr || *o->val == '\0') {
        continue;
      }
      const std::string_view value(o->val);
      if (value.find_first_of(" \t\r\n'\\") != std::string_view::npos) {
        return R::failure(std::string("the value of '") + o->keyword +
                          "' contains whitespace, a quote or a backslash, which the driver "
                          "cannot pass (for a password, use PGPASSWORD or PGPASSFILE instead)");
      }
      if (std::string_view(o->keyword) == "port" &&
          value.find_first_not_of("0123456789,") != std::string_view::npos) {
        return R::failure("the port '" + std::string(value) + "' is not a number");
      }
      url.postgres_conninfo += url.postgres_conninfo.empty() ? "" : " ";
      url.postgres_conninfo += o->keyword;
      url.postgres_conninfo += '=';
      url.postgres_conninfo += value;
    }
    return url;
  }
  return R::failure("unknown scheme");
}

}  // namespace vitrine::store
