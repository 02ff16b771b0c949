#pragma once
// Content codings (RFC 9110 §12.5.3): whether a client takes a gzip-compressed body.

#include <string_view>

namespace vitrine::http {

// A "gzip" (or "x-gzip") coding in Accept-Encoding without q=0.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace vitrine::http
