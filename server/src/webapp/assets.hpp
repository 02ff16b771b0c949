#pragma once
// The dashboard's built files (web/, built by Vite) held in memory: read once from
// VITRINE_WEB_DIR or taken from the binary (cmake/embed.cmake), each text file also kept
// gzip-compressed when that saves space, so a request costs no disk read and no compression.

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/embedded.hpp"

namespace vitrine::webapp {

struct Asset {
  std::string content_type;
  std::string body;
  std::optional<std::string> gzipped;  // when compression saved at least an eighth
  std::string etag;                    // strong, of the uncompressed bytes
};

class Assets {
 public:
  // The files of a built dashboard: "index.html", "assets/index-3f9a.js", ...
  static Assets from_embedded(std::span<const embedded::File> files);
  // Every regular file under `dir`. Throws std::runtime_error naming the directory when it
  // cannot be read or has no index.html.
  static Assets from_directory(const std::filesystem::path& dir);

  [[nodiscard]] std::shared_ptr<const Asset> find(std::string_view path) const;
  [[nodiscard]] bool empty() const { return files_.empty(); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }
  // Where the files came from, for the start-up log: "embedded" or the directory.
  [[nodiscard]] const std::string& origin() const { return origin_; }

 private:
  void add(std::string path, std::string body);

  std::unordered_map<std::string, std::shared_ptr<const Asset>> files_;
  std::string origin_;
};

// The media type of a file name by its extension ("application/octet-stream" when unknown).
std::string_view content_type_for(std::string_view path);

}  // namespace vitrine::webapp
