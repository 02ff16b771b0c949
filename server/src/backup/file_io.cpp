#include "backup/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "backup/errors.hpp"
#include "util/digest.hpp"

namespace vitrine::backup {
namespace {

std::string failure(const char* what, const std::filesystem::path& path, int error) {
  return std::string(what) + " " + path.string() + ": " + std::strerror(error);
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace

NewFile::NewFile(std::filesystem::path path)
    : path_(std::move(path)),
      // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): open(2) takes the mode as a vararg
      fd_(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) {
  if (fd_ < 0) {
    throw BackupError(failure("cannot create", path_, errno));
  }
}

NewFile::~NewFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
}

void NewFile::write(std::span<const unsigned char> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      throw BackupError(failure("cannot write", path_, n < 0 ? errno : ENOSPC));
    }
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
}

void NewFile::commit() {
  if (::fsync(fd_) != 0) {
    throw BackupError(failure("cannot sync", path_, errno));
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw BackupError(failure("cannot close", path_, errno));
  }
}

TempPath::~TempPath() {
  if (!path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    // A SQLite file may have left its journal next to it.
    std::filesystem::remove(path_.string() + "-journal", ignored);
  }
}

std::filesystem::path temp_name(const std::filesystem::path& near, const char* what) {
  return directory_of(near) /
         ("." + near.filename().string() + "." + what + "-" + util::random_token(6));
}

void sync_path(const std::filesystem::path& path) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): open(2) is variadic
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw BackupError(failure("cannot open", path, errno));
  }
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) {
    throw BackupError(failure("cannot sync", path, error));
  }
}

void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    throw BackupError("cannot rename " + from.string() + " to " + to.string() + ": " +
                      std::strerror(errno));
  }
  sync_path(directory_of(to));
}

}  // namespace vitrine::backup
