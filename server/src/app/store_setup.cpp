#include "app/store_setup.hpp"

#include "config/config.hpp"

namespace vitrine::app {

store::StoreOptions store_options(const config::Config& c) {
  store::StoreOptions o;
  o.url = c.database;
  o.pool_size = c.db_pool_size;
  o.acquire_timeout = c.db_acquire_timeout;
  o.statement_timeout = c.db_statement_timeout;
  o.sqlite_full_sync = c.sqlite_full_sync;
  o.token_cache_ttl = c.api_token_cache_ttl;
  return o;
}

}  // namespace vitrine::app
