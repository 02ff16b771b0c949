#pragma once
// `vitrine backup` and `vitrine restore`: a SQLite deployment's own backups (PostgreSQL is
// backed up by pgBackRest, deploy/backup/). The steps are in docs/runbooks/backup-restore.md.

#include <iosfwd>
#include <string>

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

struct BackupArgs {
  std::string to;        // the backup file to write
  bool force = false;    // replace an existing file
  std::string key_file;  // encrypt with this key (base64url of 32 bytes); empty: plain copy
};

struct RestoreArgs {
  std::string from;      // the backup file to restore
  std::string key_file;  // the key it was encrypted with
};

// Copies the live database (the server may be running) to args.to, checks the copy and
// renames it into place. Exit status: 0 done, 1 failed, 2 invalid input.
int run_backup(const config::Config& config, const BackupArgs& args, std::ostream& out,
               std::ostream& err);

// With no process using the database: checks the backup, sets the current file aside as
// "<database>.pre-restore-<time>" and puts the backup in its place. Exit status as above.
int run_restore(const config::Config& config, const RestoreArgs& args, std::ostream& out,
                std::ostream& err);

}  // namespace vitrine::app
