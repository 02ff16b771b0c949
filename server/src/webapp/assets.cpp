#include "webapp/assets.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "api/etag.hpp"
#include "util/gzip.hpp"

namespace vitrine::webapp {
namespace {

struct TypeByExtension {
  std::string_view extension;
  std::string_view type;
  bool compress;
};

constexpr std::array<TypeByExtension, 12> kTypes{{
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".json", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".map", "application/json", true},
    {".png", "image/png", false},
    {".ico", "image/x-icon", true},
    {".woff2", "font/woff2", false},
    {".webp", "image/webp", false},
}};

const TypeByExtension* type_of(std::string_view path) {
  for (const TypeByExtension& t : kTypes) {
    if (path.ends_with(t.extension)) {
      return &t;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  const TypeByExtension* t = type_of(path);
  return t != nullptr ? t->type : "application/octet-stream";
}

void Assets::add(std::string path, std::string body) {
  auto asset = std::make_shared<Asset>();
  const TypeByExtension* t = type_of(path);
  asset->content_type = t != nullptr ? std::string(t->type) : "application/octet-stream";
  asset->etag = api::strong_etag(body);
  if (t != nullptr && t->compress && body.size() > 256) {
    std::string z = util::gzip(body);
    if (z.size() + body.size() / 8 <= body.size()) {
      asset->gzipped = std::move(z);
    }
  }
  asset->body = std::move(body);
  files_[std::move(path)] = std::move(asset);
}

Assets Assets::from_embedded(std::span<const embedded::File> files) {
  Assets a;
  a.origin_ = "embedded";
  for (const embedded::File& f : files) {
    a.add(std::string(f.path), std::string(f.content));
  }
  return a;
}

Assets Assets::from_directory(const std::filesystem::path& dir) {
  Assets a;
  a.origin_ = dir.string();
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, ec);
  if (ec) {
    throw std::runtime_error("cannot read the web directory '" + dir.string() +
                             "': " + ec.message());
  }
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
    a.add(entry.path().lexically_relative(dir).generic_string(), std::move(body).str());
  }
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
