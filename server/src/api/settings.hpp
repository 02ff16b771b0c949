#pragma once
// /api/v1/settings: the site settings, today the owner's profile that heads the portfolio.
// Everyone reads them (the public home page shows them); admins change them with a merge
// patch under If-Match.

#include <nlohmann/json.hpp>

#include "domain/audit.hpp"

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
class SettingsStore;
}  // namespace vitrine::store

namespace vitrine::api {

void add_settings_routes(http::Router& router, store::Store& store);

// Sets the settings to the writable members of `doc` when no one has edited them yet (the
// demo seed); false when they were edited. Throws ProblemError 422 on invalid content.
bool set_settings_if_unedited(store::SettingsStore& settings, const nlohmann::json& doc,
                              const domain::AuditEvent& audit);

}  // namespace vitrine::api
