#pragma once
// Who may do what, until users and roles exist: anyone reads published content; the
// holder of VITRINE_ADMIN_TOKEN (Authorization: Bearer) also reads drafts and writes.
// The identity work replaces this class with users, roles and a route permission table.

#include <array>
#include <string>

#include "http/message.hpp"

namespace vitrine::api {

enum class Audience : std::uint8_t { kPublic, kEditor };

class AdminTokenAccess {
 public:
  explicit AdminTokenAccess(const std::string& token);

  // The audience of a read. No Authorization header: public. Throws 401 unauthorized
  // when a token is sent and is not the right one.
  [[nodiscard]] Audience reader(const http::Request& request) const;
  // Throws 403 forbidden when writes are disabled (no token configured), 401 unauthorized
  // when the request does not carry the token.
  void require_writer(const http::Request& request) const;

 private:
  [[nodiscard]] bool token_matches(std::string_view presented) const;
  bool enabled_ = false;
  std::array<unsigned char, 32> digest_{};  // compared in constant time, length hidden
};

}  // namespace vitrine::api
