#pragma once
// A backup or restore that cannot go on: the message names the file and what is wrong.

#include <stdexcept>

namespace vitrine::backup {

class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vitrine::backup
