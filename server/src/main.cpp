// vitrine: wiring only; see app/ for what each command does.
#include <chrono>

#include "app/cli.hpp"

int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  return vitrine::app::run_cli(argc, argv, start);
}
