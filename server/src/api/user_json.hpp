#pragma once
// The JSON form of a user (api/openapi.yaml User): never the password hash.

#include <nlohmann/json.hpp>

#include "domain/user.hpp"

namespace vitrine::api {

nlohmann::ordered_json user_json(const domain::User& user);

}  // namespace vitrine::api
