#pragma once
// /api/v1/users (admins): list, create, read, merge-patch and delete user accounts. The
// last enabled admin cannot be demoted, disabled or deleted (409); every change is logged
// as a security event (user.created, user.updated, user.deleted).

namespace vitrine::auth {
class PasswordHasher;
}
namespace vitrine::http {
class Router;
}
namespace vitrine::obs {
class Logger;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::api {

struct UsersDeps {
  store::Store& store;
  const auth::PasswordHasher& hasher;
  const obs::Logger& log;
};

void add_user_routes(http::Router& router, const UsersDeps& deps);

}  // namespace vitrine::api
