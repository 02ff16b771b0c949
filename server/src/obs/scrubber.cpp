#include "obs/scrubber.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "util/text.hpp"

namespace vitrine::obs {
namespace {

constexpr std::string_view kEmail = "[EMAIL]";

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

// Key names whose values are secret. Matched case-insensitively after removing '-' and '_'.
constexpr std::array<std::string_view, 18> kSensitiveKeys = {
    "password",     "passwd",     "pwd",           "passphrase",         "secret",
    "clientsecret", "token",      "accesstoken",   "refreshtoken",       "idtoken",
    "apikey",       "apitoken",   "authorization", "proxyauthorization", "cookie",
    "setcookie",    "privatekey", "sessionid"};

bool is_key_separator(char c) { return c == '-' || c == '_' || c == '.'; }

// Whether `key`, ignoring case and separators, ends with `word` (x-api-key ends with
// "apikey"). Compares from the end, without building a normalized copy: it runs for every
// field of every log line.
bool ends_with_word(std::string_view key, std::string_view word) {
  std::size_t i = key.size();
  std::size_t j = word.size();
  while (j > 0) {
    while (i > 0 && is_key_separator(key[i - 1])) {
      --i;
    }
    if (i == 0 || util::ascii_lower(key[i - 1]) != word[j - 1]) {
      return false;
    }
    --i;
    --j;
  }
  return true;
}

// Header lines whose whole value is a credential: "Authorization: ..." to end of line.
constexpr std::array<std::string_view, 4> kSecretHeaders = {"authorization", "proxy-authorization",
                                                            "set-cookie", "cookie"};

bool is_key_char(char c) { return is_alnum(c) || is_key_separator(c); }

// Value characters that end an unquoted value.
bool ends_value(char c) {
  return c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '}' || c == ']' ||
         c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>';
}

bool is_token_char(char c) {
  return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' ||
         c == '=';
}

bool is_b64url(char c) { return is_alnum(c) || c == '-' || c == '_'; }

// A pass rewrites text left to right; `try_at` returns how many input bytes it consumed
// (writing its replacement to out) or 0 to copy one byte through.
template <typename TryAt>
std::string rewrite(std::string_view text, TryAt try_at) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t used = try_at(text, i, out);
    if (used == 0) {
      out.push_back(text[i]);
      ++i;
    } else {
      i += used;
    }
  }
  return out;
}

// "Authorization: xyz" (also inside JSON or after CRLF) up to the end of the line.
std::size_t secret_header_line(std::string_view t, std::size_t i, std::string& out) {
  if (i > 0 && is_key_char(t[i - 1])) {
    return 0;
  }
  for (std::string_view name : kSecretHeaders) {
    if (!util::istarts_with(t, i, name)) {
      continue;
    }
    std::size_t j = i + name.size();
    if (j < t.size() && t[j] == '"') {
      ++j;  // "authorization": "..."
    }
    if (j >= t.size() || (t[j] != ':' && t[j] != '=')) {
      continue;
    }
    ++j;
    while (j < t.size() && (is_space(t[j]) || t[j] == '"')) {
      ++j;
    }
    std::size_t end = j;
    while (end < t.size() && t[end] != '\r' && t[end] != '\n' && t[end] != '"') {
      ++end;
    }
    out.append(t.substr(i, j - i));
    out.append(kRedacted);
    return end - i;
  }
  return 0;
}

// scheme://user:password@host → scheme://[REDACTED]@host
std::size_t url_userinfo(std::string_view t, std::size_t i, std::string& out) {
  if (t.compare(i, 3, "://") != 0) {
    return 0;
  }
  std::size_t j = i + 3;
  std::size_t at = std::string_view::npos;
  while (j < t.size() && t[j] != '/' && t[j] != '?' && t[j] != '#' && !is_space(t[j]) &&
         t[j] != '"' && t[j] != '\n') {
    if (t[j] == '@') {
      at = j;
    }
    ++j;
  }
  if (at == std::string_view::npos || at == i + 3) {
    return 0;
  }
  out.append("://");
  out.append(kRedacted);
  return at - i;  // the '@' and host are copied by the caller
}

// "Bearer abc.def" / "Basic dXNlcjpwYXNz" (any case) → scheme kept, credential redacted.
std::size_t auth_scheme(std::string_view t, std::size_t i, std::string& out) {
  if (i > 0 && is_alnum(t[i - 1])) {
    return 0;
  }
  for (std::string_view scheme : {std::string_view("bearer"), std::string_view("basic")}) {
    if (!util::istarts_with(t, i, scheme)) {
      continue;
    }
    std::size_t j = i + scheme.size();
    std::size_t spaces = 0;
    while (j < t.size() && is_space(t[j])) {
      ++j;
      ++spaces;
    }
    if (spaces == 0) {
      continue;
    }
    std::size_t end = j;
    while (end < t.size() && is_token_char(t[end])) {
      ++end;
    }
    if (end - j < 8) {
      continue;  // "basic auth" in prose, not a credential
    }
    out.append(t.substr(i, j - i));
    out.append(kRedacted);
    return end - i;
  }
  return 0;
}

// eyJ<b64url>.<b64url>.<b64url>? → [REDACTED]
std::size_t jwt(std::string_view t, std::size_t i, std::string& out) {
  if (t.compare(i, 3, "eyJ") != 0 || (i > 0 && is_b64url(t[i - 1]))) {
    return 0;
  }
  std::size_t j = i;
  int dots = 0;
  while (j < t.size() && (is_b64url(t[j]) || (t[j] == '.' && dots < 2))) {
    dots += t[j] == '.' ? 1 : 0;
    ++j;
  }
  if (dots < 2) {
    return 0;
  }
  out.append(kRedacted);
  return j - i;
}

// password=x, password: x, "password":"x", password%3Dx → value redacted.
std::size_t sensitive_pair(std::string_view t, std::size_t i, std::string& out) {
  if (!is_key_char(t[i]) || (i > 0 && is_key_char(t[i - 1]))) {
    return 0;
  }
  std::size_t key_end = i;
  while (key_end < t.size() && is_key_char(t[key_end])) {
    ++key_end;
  }
  // The key may end with a sensitive word: user_password, db.password, x-api-key.
  if (!is_sensitive_key(t.substr(i, key_end - i))) {
    return 0;
  }
  std::size_t j = key_end;
  if (j < t.size() && (t[j] == '"' || t[j] == '\'')) {
    ++j;
  }
  while (j < t.size() && is_space(t[j])) {
    ++j;
  }
  if (j < t.size() && (t[j] == '=' || t[j] == ':')) {
    ++j;
  } else if (util::istarts_with(t, j, "%3d") || util::istarts_with(t, j, "%3a")) {
    j += 3;
  } else {
    return 0;
  }
  while (j < t.size() && is_space(t[j])) {
    ++j;
  }
  char quote = 0;
  if (j < t.size() && (t[j] == '"' || t[j] == '\'')) {
    quote = t[j];
    ++j;
  } else if (util::istarts_with(t, j, "%22")) {
    j += 3;
  }
  std::size_t end = j;
  if (quote != 0) {
    while (end < t.size() && t[end] != quote) {
      end += (t[end] == '\\' && end + 1 < t.size()) ? 2 : 1;
    }
  } else {
    while (end < t.size() && !ends_value(t[end])) {
      ++end;
    }
  }
  if (end == j) {
    return 0;
  }
  out.append(t.substr(i, j - i));
  out.append(kRedacted);
  return end - i;
}

bool is_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

// local@domain.tld → [EMAIL]. Works on the output so far to find the local part.
std::string redact_emails(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '@') {
      out.push_back(t[i]);
      ++i;
      continue;
    }
    std::size_t local = out.size();
    while (local > 0 && is_local_char(out[local - 1])) {
      --local;
    }
    std::size_t end = i + 1;
    bool dot = false;
    while (end < t.size() && is_domain_char(t[end])) {
      dot = dot || t[end] == '.';
      ++end;
    }
    while (end > i + 1 && (t[end - 1] == '.' || t[end - 1] == '-')) {
      --end;  // trailing punctuation belongs to the sentence
    }
    const bool has_tld = dot && t.substr(i + 1, end - i - 1).find('.') < end - i - 2;
    if (local == out.size() || !has_tld) {
      out.push_back('@');
      ++i;
      continue;
    }
    out.resize(local);
    out.append(kEmail);
    i = end;
  }
  return out;
}

}  // namespace

bool is_sensitive_key(std::string_view key) {
  return std::any_of(kSensitiveKeys.begin(), kSensitiveKeys.end(),
                     [&](std::string_view word) { return ends_with_word(key, word); });
}

std::string scrub(std::string_view text) {
  // Fast path, one pass: none of the patterns can match without one of these.
  bool maybe = false;
  for (std::size_t i = 0; i < text.size() && !maybe; ++i) {
    const char c = text[i];
    maybe = c == '@' || c == '=' || c == ':' || c == '%' ||
            (c == 'e' && text.compare(i, 3, "eyJ") == 0) ||
            (util::ascii_lower(c) == 'b' &&
             (util::istarts_with(text, i, "bearer") || util::istarts_with(text, i, "basic")));
  }
  if (!maybe) {
    return std::string(text);
  }
  std::string s = rewrite(text, secret_header_line);
  s = rewrite(s, url_userinfo);
  s = rewrite(s, auth_scheme);
  s = rewrite(s, jwt);
  s = rewrite(s, sensitive_pair);
  if (s.find('@') != std::string::npos) {
    s = redact_emails(s);
  }
  return s;
}

}  // namespace vitrine::obs
