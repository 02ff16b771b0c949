#pragma once
// The JSON form of a user (api/openapi.yaml User): never the password hash.

#include <nlohmann/json.hpp>

#include "domain/user.hpp"

namespace vitrine::api {

nlohmann::ordered_json user_json(const domain::User& user);

// What an audit diff compares: the account's fields without the bookkeeping that changes on
// every write (versions, timestamps), and the password hash, which the diff redacts (the
// record says the password changed, never to what).
nlohmann::json user_audit_view(const domain::User& user);

}  // namespace vitrine::api
