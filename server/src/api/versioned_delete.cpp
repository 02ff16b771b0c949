#include "api/versioned_delete.hpp"

#include "api/etag.hpp"
#include "api/store_problems.hpp"
#include "audit/request_audit.hpp"

namespace vitrine::api {

void remove_versioned(const http::Request& request, const VersionedResource& resource,
                      const VersionedRemove& remove) {
  const auto if_match = request.header("If-Match");
  if (if_match && !match_satisfied(*if_match, resource.etag)) {
    changed_since_read(resource.noun);
  }
  domain::AuditEvent record = audit::record_for(request, resource.audit_type, resource.id);
  record.details["changes"] = domain::diff(resource.document, nullptr);
  check_write(remove(if_match ? std::optional(resource.version) : std::nullopt, record),
              resource.noun, resource.id);
}

}  // namespace vitrine::api
