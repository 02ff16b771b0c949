#pragma once
// DELETE of a versioned resource, one way for all of them: If-Match is optional (412 when it
// names another version), the deletion is audited with the resource's document as the
// change, and the store's outcome answers 404 or 412 (check_write).

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/audit.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace vitrine::api {

// The resource as loaded: what the answers and the audit record name it by.
struct VersionedResource {
  std::string_view noun;        // "SLO", for the problems
  std::string_view audit_type;  // "slo", the audit record's target type
  std::string id;
  std::int64_t version = 0;
  std::string etag;
  nlohmann::json document;  // its writable members, the audit record's "changes" from
};

// `remove` deletes it (at the expected version when If-Match was given) with the record.
using VersionedRemove = std::function<store::WriteOutcome(std::optional<std::int64_t> expected,
                                                          const domain::AuditEvent& record)>;

void remove_versioned(const http::Request& request, const VersionedResource& resource,
                      const VersionedRemove& remove);

}  // namespace vitrine::api
