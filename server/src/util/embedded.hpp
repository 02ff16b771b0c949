#pragma once
// Files compiled into the binary (cmake/embed.cmake), so one executable carries its schema
// migrations and API documents.

#include <span>
#include <string_view>

namespace vitrine::embedded {

struct File {
  std::string_view path;  // relative to the embedded directory: "sqlite/0001_projects.sql"
  std::string_view content;
};

// server/src/store/migrations/{sqlite,postgres}/*.sql
std::span<const File> migrations();
// server/src/app/demo/portfolio.json
std::span<const File> demo();
// openapi.json (converted from api/openapi.yaml) and Redoc's redoc.standalone.js
std::span<const File> api_docs();
// server/src/auth/data/*.txt: common-passwords.txt
std::span<const File> auth_data();
// The built dashboard (web/, Vite's output): index.html, assets/*; empty when the binary
// was built with -DVITRINE_WEB=OFF.
std::span<const File> web();

}  // namespace vitrine::embedded
