#include "webapp/assets.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "api/etag.hpp"

namespace vitrine::webapp {
namespace {

struct TypeByExtension {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array<TypeByExtension, 12> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".webp", "image/webp"},
}};

std::string_view content_type_for(std::string_view path) {
  for (const TypeByExtension& t : kTypes) {
    if (path.ends_with(t.extension)) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

constexpr std::string_view kGzipSuffix = ".gz";

}  // namespace

Assets Assets::from_files(std::unordered_map<std::string, std::string> files, std::string origin) {
  const auto is_copy = [&files](const std::string& path) {
    return path.ends_with(kGzipSuffix) &&
           files.contains(path.substr(0, path.size() - kGzipSuffix.size()));
  };
  std::unordered_map<std::string, std::shared_ptr<Asset>> built;
  for (auto& [path, body] : files) {
    if (!is_copy(path)) {
      auto asset = std::make_shared<Asset>();
      asset->content_type = std::string(content_type_for(path));
      asset->etag = api::strong_etag(body);
      asset->body = std::move(body);
      built.emplace(path, std::move(asset));
    }
  }
  for (auto& [path, body] : files) {
    if (is_copy(path)) {
      built.at(path.substr(0, path.size() - kGzipSuffix.size()))->gzipped = std::move(body);
    }
  }
  Assets a;
  a.origin_ = std::move(origin);
  a.files_.insert(built.begin(), built.end());
  return a;
}

Assets Assets::from_embedded(std::span<const embedded::File> files) {
  std::unordered_map<std::string, std::string> contents;
  for (const embedded::File& f : files) {
    contents.emplace(f.path, f.content);
  }
  return from_files(std::move(contents), "embedded");
}

Assets Assets::from_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, ec);
  if (ec) {
    throw std::runtime_error("cannot read the web directory '" + dir.string() +
                             "': " + ec.message());
  }
  std::unordered_map<std::string, std::string> contents;
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in) {
      throw std::runtime_error("cannot read '" + entry.path().string() + "'");
    }
    contents.emplace(entry.path().lexically_relative(dir).generic_string(), std::move(body).str());
  }
  Assets a = from_files(std::move(contents), dir.string());
  if (!a.find("index.html")) {
    throw std::runtime_error("the web directory '" + dir.string() +
                             "' has no index.html (build it with: make web)");
  }
  return a;
}

std::shared_ptr<const Asset> Assets::find(std::string_view path) const {
  const auto it = files_.find(std::string(path));
  return it == files_.end() ? nullptr : it->second;
}

}  // namespace vitrine::webapp
