#include "backup/sealed_file.hpp"

#include <sodium.h>

#include <array>
#include <fstream>
#include <optional>
#include <vector>

#include "backup/errors.hpp"
#include "backup/file_io.hpp"

namespace vitrine::backup {
namespace {

constexpr std::array<unsigned char, 8> kMagic = {'V', 'T', 'R', 'N', 'B', 'A', 'K', '1'};
constexpr std::size_t kChunk = std::size_t{64} * 1024;
constexpr std::size_t kAbytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;

void init_sodium() {
  if (sodium_init() < 0) {
    throw BackupError("libsodium failed to initialize");
  }
}

std::ifstream open_input(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw BackupError("cannot read " + file.string());
  }
  return in;
}

// Reads up to `buffer.size()` bytes; fewer only at the end of the file.
std::size_t read_some(std::ifstream& in, const std::filesystem::path& file,
                      std::span<unsigned char> buffer) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes as the stream's chars
  in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(buffer.size()));
  if (in.bad()) {
    throw BackupError("cannot read " + file.string());
  }
  return static_cast<std::size_t>(in.gcount());
}

}  // namespace

bool is_sealed(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, kMagic.size()> head{};
  return in && read_some(in, file, head) == head.size() && head == kMagic;
}

void seal_file(const std::filesystem::path& plain, const std::filesystem::path& sealed,
               const util::Key256& key) {
  init_sodium();
  std::ifstream in = open_input(plain);
  NewFile out(sealed);
  out.write(kMagic);
  crypto_secretstream_xchacha20poly1305_state state;
  std::array<unsigned char, kHeader> header{};
  crypto_secretstream_xchacha20poly1305_init_push(&state, header.data(), key.data());
  out.write(header);
  std::vector<unsigned char> chunk(kChunk);
  std::vector<unsigned char> next(kChunk);
  std::vector<unsigned char> cipher(kChunk + kAbytes);
  // Read one chunk ahead to know which is the last: it gets the FINAL tag (an empty last
  // chunk for an empty file or one that ends on a chunk boundary).
  std::size_t length = read_some(in, plain, chunk);
  for (;;) {
    const std::size_t next_length = length == kChunk ? read_some(in, plain, next) : 0;
    const bool last = length < kChunk || next_length == 0;
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state, cipher.data(), &written, chunk.data(), length, kMagic.data(), kMagic.size(),
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    out.write(std::span(cipher).first(static_cast<std::size_t>(written)));
    if (last) {
      break;
    }
    std::swap(chunk, next);
    length = next_length;
  }
  out.commit();
}

void open_sealed_file(const std::filesystem::path& sealed, const std::filesystem::path& plain,
                      const util::Key256& key) {
  init_sodium();
  std::ifstream in = open_input(sealed);
  std::array<unsigned char, kMagic.size()> magic{};
  if (read_some(in, sealed, magic) != magic.size() || magic != kMagic) {
    throw BackupError(sealed.string() + " is not an encrypted Vitrine backup");
  }
  std::array<unsigned char, kHeader> header{};
  crypto_secretstream_xchacha20poly1305_state state;
  if (read_some(in, sealed, header) != header.size() ||
      crypto_secretstream_xchacha20poly1305_init_pull(&state, header.data(), key.data()) != 0) {
    throw BackupError(sealed.string() + " is truncated (its header is incomplete)");
  }
  std::optional<NewFile> out;
  if (!plain.empty()) {
    out.emplace(plain);
  }
  std::vector<unsigned char> cipher(kChunk + kAbytes);
  std::vector<unsigned char> chunk(kChunk);
  std::size_t offset = magic.size() + header.size();
  for (bool first = true;; first = false) {
    const std::size_t length = read_some(in, sealed, cipher);
    if (length < kAbytes) {
      throw BackupError(sealed.string() + " is truncated (its end is missing)");
    }
    unsigned long long read = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, chunk.data(), &read, &tag, cipher.data(),
                                                   length, kMagic.data(), kMagic.size()) != 0) {
      throw BackupError(first ? "cannot decrypt " + sealed.string() +
                                    ": it was not encrypted with this key, or it is damaged"
                              : sealed.string() + " is damaged (at byte " + std::to_string(offset) +
                                    ")");
    }
    if (out) {
      out->write(std::span(chunk).first(static_cast<std::size_t>(read)));
    }
    offset += length;
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      std::array<unsigned char, 1> extra{};
      if (read_some(in, sealed, extra) != 0) {
        throw BackupError(sealed.string() + " has data after its end (at byte " +
                          std::to_string(offset) + ")");
      }
      break;
    }
    if (length < cipher.size()) {
      throw BackupError(sealed.string() + " is truncated (its end is missing)");
    }
  }
  if (out) {
    out->commit();
  }
}

}  // namespace vitrine::backup
