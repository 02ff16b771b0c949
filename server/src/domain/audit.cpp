#include "domain/audit.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::domain {
namespace {

constexpr std::array kActorNames{std::string_view("anonymous"), std::string_view("user"),
                                 std::string_view("token"), std::string_view("system")};
constexpr std::array kOutcomeNames{std::string_view("success"), std::string_view("failure"),
                                   std::string_view("denied")};

// A string longer than this is recorded as its first kKeptBytes and its length: the record
// says what changed without copying a whole document into the log on every edit.
constexpr std::size_t kLongString = 512;
constexpr std::size_t kKeptBytes = 200;

std::string shorten(const std::string& text) {
  return std::string(utf8_prefix(text, kKeptBytes)) + "… (" + std::to_string(text.size()) +
         " bytes)";
}

nlohmann::json recorded(const nlohmann::json& value, std::string_view name) {
  if (value.is_null()) {
    return value;
  }
  if (is_secret_field(name)) {
    return "[redacted]";
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return text.size() > kLongString ? nlohmann::json(shorten(text)) : value;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, member] : value.items()) {
      out[key] = recorded(member, key);
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& element : value) {
      out.push_back(recorded(element, name));
    }
    return out;
  }
  return value;
}

const nlohmann::json& member_or_null(const nlohmann::json& object, const std::string& key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) {
    return kNull;
  }
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

}  // namespace

std::string_view to_string(ActorKind kind) {
  return kActorNames.at(static_cast<std::size_t>(kind));
}

std::optional<ActorKind> parse_actor_kind(std::string_view text) {
  const auto* it = std::find(kActorNames.begin(), kActorNames.end(), text);
  if (it == kActorNames.end()) {
    return std::nullopt;
  }
  return static_cast<ActorKind>(it - kActorNames.begin());
}

std::string_view to_string(Outcome outcome) {
  return kOutcomeNames.at(static_cast<std::size_t>(outcome));
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  const auto* it = std::find(kOutcomeNames.begin(), kOutcomeNames.end(), text);
  if (it == kOutcomeNames.end()) {
    return std::nullopt;
  }
  return static_cast<Outcome>(it - kOutcomeNames.begin());
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t cut = max_bytes;
  // Back off over continuation bytes: never split a sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return text.substr(0, cut);
}

AuditEvent system_record(std::string_view actor, std::string_view action,
                         std::string_view target_type, std::string target_id) {
  AuditEvent e;
  e.id = util::uuid_v7();
  e.at_us = util::now_us();
  e.actor_kind = ActorKind::kSystem;
  e.actor_id = std::string(actor);
  e.action = std::string(action);
  e.target_type = std::string(target_type);
  e.target_id = std::move(target_id);
  return e;
}

AuditEvent follow_up(const AuditEvent& context, std::string action) {
  AuditEvent e = context;
  e.id = util::uuid_v7();
  e.at_us = util::now_us();
  e.action = std::move(action);
  return e;
}

bool is_secret_field(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  constexpr std::array kMarks{"password", "secret", "token", "hash", "recovery", "credential"};
  const bool marked = std::any_of(kMarks.begin(), kMarks.end(), [&](const char* mark) {
    return lower.find(mark) != std::string::npos;
  });
  return marked || lower == "key" || lower.ends_with("_key");
}

nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json changes = nlohmann::json::object();
  std::vector<std::string> keys;
  for (const auto* side : {&before, &after}) {
    if (side->is_object()) {
      for (const auto& [key, value] : side->items()) {
        keys.push_back(key);
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const std::string& key : keys) {
    const nlohmann::json& from = member_or_null(before, key);
    const nlohmann::json& to = member_or_null(after, key);
    if (from != to) {
      // Built member by member: nlohmann's initializer-list constructor inspects and copies
      // every element, and this runs for every field of every recorded write.
      nlohmann::json change = nlohmann::json::object();
      change["from"] = recorded(from, key);
      change["to"] = recorded(to, key);
      changes[key] = std::move(change);
    }
  }
  return changes;
}

}  // namespace vitrine::domain
