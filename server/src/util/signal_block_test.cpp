#include "util/signal_block.hpp"

#include <gtest/gtest.h>
#include <pthread.h>

#include <thread>

namespace vitrine::util {
namespace {

bool blocked_here(int signo) {
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  return sigismember(&mask, signo) == 1;
}

TEST(ScopedSignalBlock,
     threads_started_inside_inherit_the_block_and_the_caller_gets_its_mask_back) {
  ASSERT_FALSE(blocked_here(SIGTERM));
  bool term_in_thread = false;
  bool int_in_thread = false;
  bool usr1_in_thread = true;
  {
    const ScopedSignalBlock block({SIGTERM, SIGINT});
    EXPECT_TRUE(blocked_here(SIGTERM));
    std::thread t([&] {
      term_in_thread = blocked_here(SIGTERM);
      int_in_thread = blocked_here(SIGINT);
      usr1_in_thread = blocked_here(SIGUSR1);
    });
    t.join();
  }
  EXPECT_TRUE(term_in_thread);
  EXPECT_TRUE(int_in_thread);
  EXPECT_FALSE(usr1_in_thread);  // only the signals named
  EXPECT_FALSE(blocked_here(SIGTERM));
  EXPECT_FALSE(blocked_here(SIGINT));
}

TEST(ScopedSignalBlock, keeps_a_signal_that_was_already_blocked_blocked) {
  const ScopedSignalBlock outer({SIGUSR2});
  { const ScopedSignalBlock inner({SIGUSR2, SIGTERM}); }
  EXPECT_TRUE(blocked_here(SIGUSR2));
  EXPECT_FALSE(blocked_here(SIGTERM));
}

TEST(ScopedSignalBlock, a_signal_raised_while_blocked_waits_and_is_delivered_at_the_end) {
  static volatile std::sig_atomic_t delivered = 0;
  struct sigaction sa {};
  struct sigaction previous {};
  sa.sa_handler = [](int) { delivered = 1; };
  sigemptyset(&sa.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &sa, &previous), 0);
  {
    const ScopedSignalBlock block({SIGUSR1});
    pthread_kill(pthread_self(), SIGUSR1);
    EXPECT_EQ(delivered, 0);
  }
  EXPECT_EQ(delivered, 1);  // a thread-directed signal is delivered when the mask is restored
  sigaction(SIGUSR1, &previous, nullptr);
}

}  // namespace
}  // namespace vitrine::util
