// Encrypted backups read back byte for byte, and every kind of damage is refused with a
// message that says which.
#include "backup/sealed_file.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <sstream>
#include <string>

#include "backup/errors.hpp"
#include "testing/temp_dir.hpp"

namespace vitrine::backup {
namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;

util::Key256 random_key() {
  EXPECT_GE(sodium_init(), 0);
  util::Key256 key{};
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string pattern(std::size_t size) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    s[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
  }
  return s;
}

// The error `open_sealed_file` throws, or "" when it opens.
std::string open_error(const std::string& sealed, const util::Key256& key) {
  try {
    open_sealed_file(sealed, {}, key);
    return "";
  } catch (const BackupError& e) {
    return e.what();
  }
}

TEST(SealedFile, round_trips_every_size_around_the_chunk_boundaries) {
  const testing::TempDir dir;
  const util::Key256 key = random_key();
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, kChunk - 1, kChunk, kChunk + 1,
                                 3 * kChunk, 3 * kChunk + 17}) {
    const std::string plain = dir.write("plain", pattern(size));
    const std::string sealed = dir.file("sealed");
    const std::string back = dir.file("back");
    seal_file(plain, sealed, key);
    EXPECT_TRUE(is_sealed(sealed));
    open_sealed_file(sealed, back, key);
    EXPECT_EQ(read(back), pattern(size)) << size << " bytes";
    std::filesystem::remove(sealed);
    std::filesystem::remove(back);
  }
}

TEST(SealedFile, the_ciphertext_does_not_contain_the_plaintext) {
  const testing::TempDir dir;
  const std::string secret = "CREATE TABLE users (password_hash TEXT)";
  const std::string plain = dir.write("plain", secret + pattern(1000));
  seal_file(plain, dir.file("sealed"), random_key());
  EXPECT_EQ(read(dir.file("sealed")).find(secret), std::string::npos);
  EXPECT_FALSE(is_sealed(plain));
}

TEST(SealedFile, a_wrong_key_is_refused) {
  const testing::TempDir dir;
  seal_file(dir.write("plain", pattern(1000)), dir.file("sealed"), random_key());
  EXPECT_NE(open_error(dir.file("sealed"), random_key()).find("not encrypted with this key"),
            std::string::npos);
}

TEST(SealedFile, a_changed_byte_in_a_later_chunk_is_found) {
  const testing::TempDir dir;
  const util::Key256 key = random_key();
  seal_file(dir.write("plain", pattern(3 * kChunk)), dir.file("sealed"), key);
  std::string bytes = read(dir.file("sealed"));
  bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 1);
  write(dir.file("sealed"), bytes);
  EXPECT_NE(open_error(dir.file("sealed"), key).find("is damaged (at byte"), std::string::npos);
  // Nothing is left behind under the output name.
  EXPECT_THROW(open_sealed_file(dir.file("sealed"), dir.file("out"), key), BackupError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out")));
}

TEST(SealedFile, a_cut_off_end_is_found_even_on_a_chunk_boundary) {
  const testing::TempDir dir;
  const util::Key256 key = random_key();
  seal_file(dir.write("plain", pattern(3 * kChunk)), dir.file("sealed"), key);
  const std::string bytes = read(dir.file("sealed"));
  constexpr std::size_t kHead = 8 + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  constexpr std::size_t kSealedChunk = kChunk + crypto_secretstream_xchacha20poly1305_ABYTES;
  for (const std::size_t keep :
       {kHead + 2 * kSealedChunk, kHead + kSealedChunk + 5, kHead, std::size_t{20}}) {
    write(dir.file("cut"), bytes.substr(0, keep));
    EXPECT_NE(open_error(dir.file("cut"), key).find("is truncated"), std::string::npos) << keep;
  }
}

TEST(SealedFile, data_after_the_end_is_refused) {
  const testing::TempDir dir;
  const util::Key256 key = random_key();
  seal_file(dir.write("plain", pattern(kChunk)), dir.file("sealed"), key);
  const std::string sealed = read(dir.file("sealed"));
  // A whole chunk's worth more: the FINAL chunk authenticates, then data follows.
  write(dir.file("sealed"), sealed + std::string(kChunk + 17, 'x'));
  EXPECT_NE(open_error(dir.file("sealed"), key).find("has data after its end"), std::string::npos);
  // A few bytes more change what the last chunk is: it no longer authenticates.
  write(dir.file("sealed"), sealed + "x");
  EXPECT_NE(open_error(dir.file("sealed"), key), "");
}

TEST(SealedFile, a_plain_file_is_not_opened_as_sealed) {
  const testing::TempDir dir;
  EXPECT_NE(open_error(dir.write("plain", "SQLite format 3"), random_key())
                .find("is not an encrypted Vitrine backup"),
            std::string::npos);
}

TEST(SealedFile, an_existing_output_is_never_overwritten) {
  const testing::TempDir dir;
  const std::string taken = dir.write("taken", "keep me");
  EXPECT_THROW(seal_file(dir.write("plain", "x"), taken, random_key()), BackupError);
  EXPECT_EQ(read(taken), "keep me");
}

}  // namespace
}  // namespace vitrine::backup
