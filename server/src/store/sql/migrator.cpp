#include "store/sql/migrator.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "store/errors.hpp"
#include "util/embedded.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace vitrine::store::sql {
namespace {

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), util::bytes_of(data), data.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool only_comments(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const std::size_t eol = text.find('\n', i);
      i = eol == std::string_view::npos ? text.size() : eol + 1;
    } else {
      return false;
    }
  }
  return true;
}

// The schema_migrations table: portable DDL, the same text in both dialects.
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

// Releases the migration lock when the run ends, however it ends.
class MigrationLock {
 public:
  MigrationLock(Database& db, Database::Lease& lease) : db_(db), lease_(lease) {}
  ~MigrationLock() {
    try {
      db_.unlock_migrations(lease_.session());
    } catch (const soci::soci_error&) {
      lease_.discard();  // closing the connection releases the lock
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  MigrationLock(MigrationLock&&) = delete;
  MigrationLock& operator=(MigrationLock&&) = delete;

 private:
  Database& db_;
  Database::Lease& lease_;
};

}  // namespace

std::vector<std::string_view> split_statements(std::string_view script) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find(";\n", start);
    end = end == std::string_view::npos ? script.size() : end + 1;
    std::string_view stmt = script.substr(start, end - start);
    if (stmt.ends_with(';')) {
      stmt.remove_suffix(1);
    }
    if (!only_comments(stmt)) {
      out.push_back(stmt);
    }
    start = end;
  }
  return out;
}

std::vector<Migration> embedded_migrations(Backend backend) {
  const std::string prefix = std::string(to_string(backend)) + "/";
  std::vector<Migration> out;
  for (const embedded::File& f : embedded::migrations()) {
    if (!f.path.starts_with(prefix) || !f.path.ends_with(".sql")) {
      continue;
    }
    const std::string_view file = f.path.substr(prefix.size());
    const std::string_view name = file.substr(0, file.size() - 4);
    unsigned version = 0;
    std::size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') {
      version = version * 10 + static_cast<unsigned>(name[digits] - '0');
      ++digits;
    }
    if (digits != 4 || name.size() < 6 || name[4] != '_' || version == 0) {
      throw std::logic_error("migration file name must be NNNN_name.sql: " + std::string(f.path));
    }
    out.push_back({version, std::string(name), f.content, sha256_hex(f.content)});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].version != i + 1) {
      throw std::logic_error(fmt::format("migrations for {} must be numbered 1, 2, 3...: {}",
                                         to_string(backend), out[i].name));
    }
  }
  return out;
}

MigrationReport migrate(Database& db, bool apply) {
  const std::vector<Migration> known = embedded_migrations(db.backend());
  Database::Lease lease = db.acquire();
  soci::session& s = lease.session();
  MigrationReport report;
  try {
    db.lock_migrations(s);
    const MigrationLock unlock(db, lease);
    db.begin_write(s);
    try {
      s << kCreateTable;
      std::map<unsigned, std::pair<std::string, std::string>> applied;  // version → name, sum
      {
        int version = 0;
        std::string name;
        std::string checksum;
        soci::statement st = (s.prepare << "SELECT version, name, checksum FROM schema_migrations",
                              soci::into(version), soci::into(name), soci::into(checksum));
        st.execute();
        while (st.fetch()) {
          applied[static_cast<unsigned>(version)] = {name, checksum};
        }
      }
      for (const auto& [version, entry] : applied) {
        if (version > known.size()) {
          throw SchemaError(fmt::format(
              "the database has migration {} ({}), newer than this vitrine knows (up to {}); "
              "run a vitrine at least as new as the one that migrated it",
              version, entry.first, known.size()));
        }
        const Migration& m = known[version - 1];
        if (entry.second != m.checksum) {
          throw SchemaError(fmt::format(
              "migration {} was changed after it was applied (recorded checksum {}, this "
              "binary has {}); released migrations must not change: restore the file and add "
              "a new migration instead",
              m.name, entry.second, m.checksum));
        }
        report.schema_version = version;
      }
      for (const Migration& m : known) {
        if (applied.contains(m.version)) {
          continue;
        }
        if (!apply) {
          report.pending.push_back(m.name);
          continue;
        }
        for (std::string_view stmt : split_statements(m.script)) {
          s << std::string(stmt);
        }
        long long now = util::now_us();
        int version = static_cast<int>(m.version);
        std::string name = m.name;
        std::string checksum = m.checksum;
        s << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
             "VALUES (:v, :n, :c, :t)",
            soci::use(version), soci::use(name), soci::use(checksum), soci::use(now);
        report.applied.push_back(m.name);
        report.schema_version = m.version;
      }
      s.commit();
    } catch (...) {
      try {
        s.rollback();
      } catch (const soci::soci_error&) {
        lease.discard();
      }
      throw;
    }
  } catch (const soci::soci_error& e) {
    throw SchemaError(std::string("migration failed: ") + e.what());
  }
  return report;
}

}  // namespace vitrine::store::sql
