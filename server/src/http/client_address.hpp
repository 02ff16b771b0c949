#pragma once
// Who the client is when Vitrine runs behind reverse proxies (nginx, an ingress): the
// address the login throttle, the audit log and the access log use.

#include <string_view>
#include <vector>

#include "net/address_range.hpp"

namespace vitrine::http {

// The peer when it is not a trusted proxy. Otherwise X-Forwarded-For (all its values, in
// order) from right to left: trusted hops are skipped, the first untrusted address is the
// client. When every hop is trusted, the leftmost one; at an entry that is not an IP
// address, the hop after it (the last one a trusted proxy vouched for). Returns a view
// into `peer` or `forwarded_for`.
std::string_view client_address(std::string_view peer,
                                const std::vector<std::string_view>& forwarded_for,
                                const std::vector<net::AddressRange>& trusted);

}  // namespace vitrine::http
