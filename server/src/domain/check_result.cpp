#include "domain/check_result.hpp"

#include <array>
#include <utility>

namespace vitrine::domain {
namespace {

constexpr std::array<std::pair<CheckError, std::string_view>, 11> kErrors{{
    {CheckError::kNone, ""},
    {CheckError::kDns, "dns"},
    {CheckError::kConnect, "connect"},
    {CheckError::kTls, "tls"},
    {CheckError::kTimeout, "timeout"},
    {CheckError::kStatus, "status"},
    {CheckError::kBody, "body"},
    {CheckError::kJson, "json"},
    {CheckError::kCertificate, "certificate"},
    {CheckError::kHeartbeat, "heartbeat"},
    {CheckError::kInternal, "internal"},
}};

}  // namespace

std::string_view to_string(CheckState state) {
  switch (state) {
    case CheckState::kUp:
      return "up";
    case CheckState::kDown:
      return "down";
    case CheckState::kDegraded:
      return "degraded";
  }
  return "down";
}

std::string_view to_string(CheckError error) {
  for (const auto& [e, name] : kErrors) {
    if (e == error) {
      return name;
    }
  }
  return "internal";
}

std::optional<CheckError> parse_check_error(std::string_view text) {
  for (const auto& [e, name] : kErrors) {
    if (name == text) {
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace vitrine::domain
