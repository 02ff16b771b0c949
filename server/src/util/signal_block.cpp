#include "util/signal_block.hpp"

#include <pthread.h>

namespace vitrine::util {

ScopedSignalBlock::ScopedSignalBlock(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (const int signo : signals) {
    sigaddset(&set, signo);
  }
  // Cannot fail with SIG_BLOCK and valid signal numbers.
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

ScopedSignalBlock::~ScopedSignalBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

}  // namespace vitrine::util
