#pragma once
// The dashboard's built files (web/, built by Vite) held in memory: read once from
// VITRINE_WEB_DIR or taken from the binary (cmake/embed.cmake). The build writes a gzip
// copy next to each text file worth compressing (web/scripts/compress.mjs, "x.js.gz"); it is
// kept with its file, so neither start-up nor a request compresses anything.

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/embedded.hpp"

namespace vitrine::webapp {

struct Asset {
  std::string content_type;
  std::string body;
  std::string gzipped;  // the build's gzip copy, or empty when it made none
  std::string etag;     // strong, of the uncompressed bytes
};

class Assets {
 public:
  // The files of a built dashboard: "index.html", "assets/index-3f9a.js", ... (and their
  // ".gz" copies).
  static Assets from_embedded(std::span<const embedded::File> files);
  // Every regular file under `dir`. Throws std::runtime_error naming the directory when it
  // cannot be read or has no index.html.
  static Assets from_directory(const std::filesystem::path& dir);

  // The file at `path` (a ".gz" copy is never a file of its own); null when there is none.
  [[nodiscard]] std::shared_ptr<const Asset> find(std::string_view path) const;
  [[nodiscard]] bool empty() const { return files_.empty(); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }
  // Where the files came from, for the start-up log: "embedded" or the directory.
  [[nodiscard]] const std::string& origin() const { return origin_; }

 private:
  // `files`: path → bytes, ".gz" copies included; pairs each copy with its file.
  static Assets from_files(std::unordered_map<std::string, std::string> files, std::string origin);

  std::unordered_map<std::string, std::shared_ptr<const Asset>> files_;
  std::string origin_;
};

}  // namespace vitrine::webapp
