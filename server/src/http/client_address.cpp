#include "http/client_address.hpp"

#include "util/text.hpp"

namespace vitrine::http {

std::string_view client_address(std::string_view peer,
                                const std::vector<std::string_view>& forwarded_for,
                                const std::vector<net::AddressRange>& trusted) {
  const auto peer_address = net::Address::parse(peer);
  if (trusted.empty() || !peer_address || !net::any_contains(trusted, *peer_address)) {
    return peer;
  }
  std::string_view client = peer;
  // Right to left: the last header holds the nearest hops.
  for (std::size_t i = forwarded_for.size(); i-- > 0;) {
    std::string_view rest = forwarded_for[i];
    while (!rest.empty()) {
      const std::size_t comma = rest.rfind(',');
      const std::string_view hop =
          util::trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
      const auto address = net::Address::parse(hop);
      if (!address) {
        return client;
      }
      client = hop;
      if (!net::any_contains(trusted, *address)) {
        return client;
      }
    }
  }
  return client;
}

}  // namespace vitrine::http
