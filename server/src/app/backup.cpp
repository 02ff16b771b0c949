#include "app/backup.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "app/cli.hpp"
#include "backup/errors.hpp"
#include "backup/file_io.hpp"
#include "backup/sealed_file.hpp"
#include "backup/sqlite_snapshot.hpp"
#include "config/config.hpp"
#include "store/sql/migrator.hpp"
#include "store/sqlite/process_lock.hpp"
#include "util/time.hpp"

namespace vitrine::app {
namespace {

namespace fs = std::filesystem;
using backup::BackupError;

// The key in a key file: its first line, base64url of 32 bytes.
util::Key256 read_key_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    throw std::invalid_argument("--key-file '" + path + "': cannot read it");
  }
  if (line.ends_with('\r')) {
    line.pop_back();
  }
  try {
    return util::parse_key_text(line);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("--key-file '" + path + "': " + e.what() +
                                " (it holds base64url of 32 random bytes: `head -c 32 "
                                "/dev/urandom | basenc --base64url`)");
  }
}

std::string describe(const backup::SnapshotInfo& info) {
  return fmt::format("{} pages of {} bytes, schema version {}, integrity ok", info.pages,
                     info.page_size, info.schema_version);
}

// "20261125T204107.123Z": the time in the name of a set-aside database.
std::string compact_utc_now() {
  std::string out;
  for (const char c : util::rfc3339_ms(util::now_us())) {
    if (c != '-' && c != ':') {
      out += c;
    }
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The SQLite file of the configuration, or an explanation on `err` (exit status 2).
std::optional<fs::path> sqlite_path(const config::Config& config, const char* command,
                                    std::ostream& err) {
  if (config.database.backend != store::Backend::kSqlite) {
    err << "vitrine " << command
        << ": VITRINE_DATABASE_URL is PostgreSQL, which pgBackRest backs up and restores "
           "(deploy/backup/, docs/runbooks/backup-restore.md); this command is for SQLite\n";
    return std::nullopt;
  }
  return fs::absolute(config.database.sqlite_path);
}

void backup_to(const fs::path& database, const BackupArgs& args,
               const std::optional<util::Key256>& key, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path target = fs::absolute(args.to);
  // The plain copy stays next to the database (as private as the database itself); only
  // the sealed file goes where the backups are kept.
  backup::TempPath copy(backup::temp_name(key ? database : target, "backup"));
  backup::copy_online(database, copy.path());
  const backup::SnapshotInfo info = backup::verify(copy.path());
  if (key) {
    backup::TempPath sealed(backup::temp_name(target, "backup"));
    backup::seal_file(copy.path(), sealed.path(), *key);
    backup::open_sealed_file(sealed.path(), {}, *key);  // it reads back whole
    backup::rename_durably(sealed.path(), target);
    sealed.release();
  } else {
    backup::sync_path(copy.path());
    backup::rename_durably(copy.path(), target);
    copy.release();
  }
  out << fmt::format("backed up {} to {}{}: {} ({} bytes, {:.2f} s)\n", database.string(),
                     target.string(), key ? " (encrypted)" : "", describe(info),
                     fs::file_size(target), seconds_since(start));
}

void restore_from(const fs::path& database, const RestoreArgs& args,
                  const std::optional<util::Key256>& key, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path source = fs::absolute(args.from);
  if (!fs::is_regular_file(source)) {
    throw BackupError("there is no backup file at " + source.string());
  }
  const bool sealed = backup::is_sealed(source);
  if (sealed && !key) {
    throw std::invalid_argument(source.string() +
                                " is encrypted: pass --key-file with the key it was made with");
  }
  if (key && !sealed) {
    throw std::invalid_argument(source.string() +
                                " is not encrypted: leave out --key-file to restore it");
  }
  fs::create_directories(database.parent_path());
  const auto lock = store::sqlite::ProcessLock::try_acquire(
      database.string(), store::sqlite::ProcessLock::Mode::kExclusive);
  if (!lock) {
    throw BackupError(database.string() +
                      " is in use by a running vitrine (serve, migrate, seed...): stop it, "
                      "then restore");
  }
  backup::TempPath incoming(backup::temp_name(database, "restore"));
  if (key) {
    backup::open_sealed_file(source, incoming.path(), *key);
  } else {
    fs::copy_file(source, incoming.path());
    backup::sync_path(incoming.path());
  }
  const backup::SnapshotInfo info = backup::verify(incoming.path());
  const auto known = store::sql::embedded_migrations(store::Backend::kSqlite);
  const unsigned newest = known.empty() ? 0 : known.back().version;
  if (info.schema_version > newest) {
    throw BackupError(
        fmt::format("{} has schema version {}, newer than this vitrine's {}: restore it with the "
                    "vitrine version that made it",
                    source.string(), info.schema_version, newest));
  }

  std::string kept;
  if (fs::exists(database)) {
    try {
      backup::checkpoint(database);
    } catch (const BackupError& e) {
      // A damaged database is the usual reason to restore: it is set aside as it is, with
      // its write-ahead log beside it, for whoever wants to look at it.
      out << "the current database cannot be checkpointed (" << e.what()
          << "): it is kept as it is, with its -wal\n";
    }
    kept = database.string() + ".pre-restore-" + compact_utc_now();
    if (fs::exists(kept)) {
      throw BackupError(kept + " exists already: try again in a moment");
    }
    backup::rename_durably(database, kept);
    // Whatever is left beside it belongs to the old file: a -wal must never meet the new
    // one (SQLite would replay it into it); the -shm is only an index of that -wal.
    for (const char* suffix : {"-wal", "-shm"}) {
      const fs::path side = database.string() + suffix;
      if (fs::exists(side)) {
        backup::rename_durably(side, kept + suffix);
      }
    }
  }
  backup::rename_durably(incoming.path(), database);
  incoming.release();
  out << fmt::format("restored {} into {}: {} ({:.2f} s)\n", source.string(), database.string(),
                     describe(info), seconds_since(start));
  if (!kept.empty()) {
    out << "the previous database is kept as " << kept << '\n';
  }
  if (info.schema_version < newest) {
    out << fmt::format("the server migrates it from version {} to {} when it starts\n",
                       info.schema_version, newest);
  }
}

template <typename Args, typename Run>
int run(const config::Config& config, const char* command, const Args& args, Run&& body,
        std::ostream& err) {
  const auto database = sqlite_path(config, command, err);
  if (!database) {
    return kExitUsage;
  }
  std::optional<util::Key256> key;
  try {
    if (!args.key_file.empty()) {
      key = read_key_file(args.key_file);
    }
    body(*database, key);
    return 0;
  } catch (const std::invalid_argument& e) {
    err << "vitrine " << command << ": " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {  // BackupError, filesystem_error, a store error
    err << "vitrine " << command << ": " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

int run_backup(const config::Config& config, const BackupArgs& args, std::ostream& out,
               std::ostream& err) {
  return run(
      config, "backup", args,
      [&](const fs::path& database, const std::optional<util::Key256>& key) {
        const fs::path target = fs::absolute(args.to);
        if (fs::is_directory(target)) {
          throw std::invalid_argument("--to '" + args.to +
                                      "' is a directory: name the backup file");
        }
        if (fs::exists(target) && !args.force) {
          throw std::invalid_argument("--to '" + args.to + "' exists: pass --force to replace it");
        }
        if (target == database) {
          throw std::invalid_argument("--to '" + args.to + "' is the database itself");
        }
        backup_to(database, args, key, out);
      },
      err);
}

int run_restore(const config::Config& config, const RestoreArgs& args, std::ostream& out,
                std::ostream& err) {
  return run(
      config, "restore", args,
      [&](const fs::path& database, const std::optional<util::Key256>& key) {
        restore_from(database, args, key, out);
      },
      err);
}

}  // namespace vitrine::app
