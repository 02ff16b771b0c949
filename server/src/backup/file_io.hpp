#pragma once
// Writing backup files so that a crash never leaves a half-written file under the final
// name: new files opened exclusively, synced before they are renamed into place, and the
// directory synced after.

#include <filesystem>
#include <span>

namespace vitrine::backup {

// A file created by this process (O_EXCL); removed on destruction unless committed.
class NewFile {
 public:
  // Throws BackupError when `path` exists or cannot be created.
  explicit NewFile(std::filesystem::path path);
  NewFile(const NewFile&) = delete;
  NewFile& operator=(const NewFile&) = delete;
  NewFile(NewFile&&) = delete;
  NewFile& operator=(NewFile&&) = delete;
  ~NewFile();

  void write(std::span<const unsigned char> bytes);
  // fsync and close; the file stays.
  void commit();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// A path that is removed on destruction unless released (a temporary another API writes).
class TempPath {
 public:
  explicit TempPath(std::filesystem::path path) : path_(std::move(path)) {}
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  TempPath(TempPath&&) = delete;
  TempPath& operator=(TempPath&&) = delete;
  ~TempPath();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// A name in the directory of `near` that no file has, for a temporary:
// "<dir>/.<stem>.<what>-<random>".
std::filesystem::path temp_name(const std::filesystem::path& near, const char* what);

// fsync an existing file (a copy SQLite wrote) or directory. Throws BackupError.
void sync_path(const std::filesystem::path& path);

// rename(2) `from` over `to`, then sync the directory of `to`. Throws BackupError.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace vitrine::backup
