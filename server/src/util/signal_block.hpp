#pragma once
// Blocks signals in the calling thread while it lives, then restores the thread's mask.
// Threads started meanwhile inherit the block (POSIX), so a server can start threads that
// never take its shutdown signals, as Asio's multi-threaded HTTP server example does.

#include <csignal>
#include <initializer_list>

namespace vitrine::util {

class ScopedSignalBlock {
 public:
  explicit ScopedSignalBlock(std::initializer_list<int> signals);
  ~ScopedSignalBlock();  // a signal that arrived meanwhile is delivered now
  ScopedSignalBlock(const ScopedSignalBlock&) = delete;
  ScopedSignalBlock& operator=(const ScopedSignalBlock&) = delete;
  ScopedSignalBlock(ScopedSignalBlock&&) = delete;
  ScopedSignalBlock& operator=(ScopedSignalBlock&&) = delete;

 private:
  sigset_t previous_{};
};

}  // namespace vitrine::util
