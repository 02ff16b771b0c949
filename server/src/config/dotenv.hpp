#pragma once
// Reads a .env file: KEY=VALUE lines, # comments, optional `export`, single quotes
// (literal) and double quotes (\n, \t, \", \\ escapes).

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::config {

struct DotenvEntry {
  std::string value;
  int line = 0;
};

struct DotenvFile {
  std::map<std::string, DotenvEntry> entries;
  std::vector<std::string> errors;  // "FILE:LINE: what is wrong"
};

DotenvFile parse_dotenv(std::string_view content, std::string_view file_name);

}  // namespace vitrine::config
