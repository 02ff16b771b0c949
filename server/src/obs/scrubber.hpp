#pragma once
// Removes credentials and personal data from text before it reaches a log line.

#include <string>
#include <string_view>

namespace vitrine::obs {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// True for field and header names whose whole value is secret: password, token, secret,
// api_key, authorization, cookie, set-cookie and their spellings (case-insensitive).
bool is_sensitive_key(std::string_view key);

// Returns `text` with these replaced by [REDACTED] (or [EMAIL] for e-mail addresses):
// Authorization/Cookie/Set-Cookie header values, Bearer/Basic credentials, JWTs,
// values of sensitive keys in key=value, key: value and "key":"value" forms (also
// percent-encoded), URL user-info and e-mail addresses. Text without any of them is
// returned unchanged.
std::string scrub(std::string_view text);

}  // namespace vitrine::obs
