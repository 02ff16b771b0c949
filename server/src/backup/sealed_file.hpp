#pragma once
// Encrypted backup files: libsodium's secretstream (XChaCha20-Poly1305) in 64 KiB chunks
// under a 256-bit key. Every chunk is authenticated, so a changed byte, a cut-off end or
// appended data is found before anything is restored from the file. Layout: the 8-byte
// magic "VTRNBAK1", the stream header, then the chunks; the last carries the FINAL tag.

#include <filesystem>

#include "util/key_text.hpp"

namespace vitrine::backup {

// Whether `file` starts with the magic of a sealed backup.
bool is_sealed(const std::filesystem::path& file);

// Encrypts `plain` into the new file `sealed` (synced to disk). Throws BackupError.
void seal_file(const std::filesystem::path& plain, const std::filesystem::path& sealed,
               const util::Key256& key);

// Decrypts `sealed` into the new file `plain` (synced to disk), or only authenticates it
// when `plain` is empty. Throws BackupError: not sealed with this key, damaged, truncated.
void open_sealed_file(const std::filesystem::path& sealed, const std::filesystem::path& plain,
                      const util::Key256& key);

}  // namespace vitrine::backup
