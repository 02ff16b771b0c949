#pragma once
// A consistent copy of a live SQLite database (the online backup API) and the checks that a
// copy is whole and is a Vitrine database.

#include <cstdint>
#include <filesystem>

namespace vitrine::backup {

struct SnapshotInfo {
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
  unsigned schema_version = 0;  // highest applied migration
};

// Copies `source` into the new file `dest` in one read transaction: the copy is the
// database as of one commit while the server goes on writing (WAL readers block no
// writer). The copy is a single file (rollback journal mode, no -wal), readable by its owner
// only. Throws BackupError.
void copy_online(const std::filesystem::path& source, const std::filesystem::path& dest);

// Opens `file` read-only and checks it: PRAGMA integrity_check and foreign_key_check clean,
// and a schema_migrations table. Throws BackupError naming what failed.
SnapshotInfo verify(const std::filesystem::path& file);

// Moves everything in the write-ahead log of `database` into the file itself, so the file
// alone is the whole database (before it is set aside by a restore). Throws BackupError.
void checkpoint(const std::filesystem::path& database);

}  // namespace vitrine::backup
