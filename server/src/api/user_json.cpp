#include "api/user_json.hpp"

#include "util/time.hpp"

namespace vitrine::api {

nlohmann::ordered_json user_json(const domain::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"display_name", user.display_name},
          {"role", domain::to_string(user.role)},
          {"disabled", user.disabled},
          {"mfa_enabled", user.mfa_enabled},
          {"created_at", util::rfc3339_ms(user.created_at_us)},
          {"last_login_at", user.last_login_at_us
                                ? nlohmann::ordered_json(util::rfc3339_ms(*user.last_login_at_us))
                                : nlohmann::ordered_json(nullptr)}};
}

}  // namespace vitrine::api
