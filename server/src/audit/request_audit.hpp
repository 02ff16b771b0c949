#pragma once
// Audit records made from a request: the actor from its principal, its address, user agent
// and request id, the action from the route table. Handlers fill in the target and details
// and pass the record to the store write that makes the change.

#include <string>
#include <string_view>

#include "domain/audit.hpp"
#include "http/message.hpp"

namespace vitrine::audit {

// The record of `request` changing `target_type` `target_id`, with the action of its route
// (auth/permissions) and outcome success.
domain::AuditEvent record_for(const http::Request& request, std::string_view target_type,
                              std::string target_id);

}  // namespace vitrine::audit
