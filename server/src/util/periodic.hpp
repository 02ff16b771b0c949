#pragma once
// Runs a task on its own thread at once and then every `period`, until destroyed. For
// housekeeping (audit retention): the task is short and may block on the database.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace vitrine::util {

class Periodic {
 public:
  // `task` must not throw (catch and log inside it).
  Periodic(std::chrono::milliseconds period, std::function<void()> task);
  // Stops: waits for a running task to finish, starts no other.
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;
  Periodic(Periodic&&) = delete;
  Periodic& operator=(Periodic&&) = delete;

 private:
  void loop();

  std::chrono::milliseconds period_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything it uses exists
};

}  // namespace vitrine::util
