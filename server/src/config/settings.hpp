#pragma once
// The table of every setting Vitrine reads: its variable, default, accepted values and
// meaning. .env.example, `vitrine config check`, the CLI flags and the loader all follow it.

#include <span>
#include <string>
#include <string_view>

namespace vitrine::config {

struct Setting {
  std::string_view env;            // VITRINE_LISTEN
  std::string_view default_value;  // as it would be written in the environment
  std::string_view accepted;       // what values are accepted, quoted in error messages
  std::string_view help;           // one line
  bool secret = false;             // masked by `config check`; may come from VAR_FILE
};

std::span<const Setting> settings();
const Setting* find_setting(std::string_view env);

// The command-line flag for a setting: VITRINE_MAX_BODY_BYTES → --max-body-bytes.
std::string flag_name(const Setting& setting);

}  // namespace vitrine::config
