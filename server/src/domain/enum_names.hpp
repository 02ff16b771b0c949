#pragma once
// One table of (value, wire name) pairs per enum, read both ways: the names the API and the
// database use for incident kinds, channel kinds, delivery states and the like.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace vitrine::domain {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`; the first entry's for a value missing from the table.
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [v, name] : names) {
    if (v == value) {
      return name;
    }
  }
  return names.front().second;
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> parse_name(const EnumNames<Enum, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) {
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace vitrine::domain
