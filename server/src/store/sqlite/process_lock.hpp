#pragma once
// Which processes use a SQLite database: every vitrine process that opens it holds a shared
// flock on "<database>.lock"; `vitrine restore` takes it exclusively, so it never swaps the
// file under a running server and a server never opens a file being restored. (A sidecar
// file, not the database itself: closing any descriptor of the database would drop SQLite's
// own POSIX locks.)

#include <optional>
#include <string>

namespace vitrine::store::sqlite {

class ProcessLock {
 public:
  enum class Mode { kShared, kExclusive };

  // Never waits: nullopt when another process holds the lock in a conflicting mode. Throws
  // std::system_error when the lock file cannot be created.
  static std::optional<ProcessLock> try_acquire(const std::string& database_path, Mode mode);

  ProcessLock(ProcessLock&& other) noexcept;
  ProcessLock& operator=(ProcessLock&& other) noexcept;
  ProcessLock(const ProcessLock&) = delete;
  ProcessLock& operator=(const ProcessLock&) = delete;
  ~ProcessLock();

 private:
  explicit ProcessLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace vitrine::store::sqlite
