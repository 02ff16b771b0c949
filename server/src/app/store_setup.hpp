#pragma once
// Opening the store from the configuration, shared by `serve`, `migrate` and `seed`.

#include <memory>

#include "store/store.hpp"

namespace vitrine::config {
struct Config;
}

namespace vitrine::app {

store::StoreOptions store_options(const config::Config& config);

}  // namespace vitrine::app
