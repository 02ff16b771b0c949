#include "api/project_json.hpp"

#include <array>
#include <string_view>

#include "util/time.hpp"

namespace vitrine::api {
namespace {

using domain::FieldError;
using domain::Project;
using nlohmann::json;

constexpr std::array<std::string_view, 5> kReadOnly = {"id", "body_html", "created_at",
                                                       "updated_at", "version"};
constexpr std::array<std::string_view, 13> kWritable = {
    "slug",     "title",    "summary", "body_markdown", "tags",     "tech_stack", "links",
    "repo_url", "demo_url", "status",  "visibility",    "featured", "sort_order"};

bool contains(auto& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

json url_or_null(const std::string& url) { return url.empty() ? json(nullptr) : json(url); }

// The writable members after the texts, shared by the representation (ordered_json) and
// the writable document (json). Member by member rather than initializer lists: this runs
// on every read that misses the cache and every recorded write, and nlohmann's
// initializer-list constructor copies every element.
template <typename Json>
void add_writable_tail(Json& j, const Project& p) {
  j["tags"] = p.tags;
  j["tech_stack"] = p.tech_stack;
  j["links"] = links_json<Json>(p.links);
  j["repo_url"] = url_or_null(p.repo_url);
  j["demo_url"] = url_or_null(p.demo_url);
  j["status"] = domain::to_string(p.status);
  j["visibility"] = domain::to_string(p.visibility);
  j["featured"] = p.featured;
  j["sort_order"] = p.sort_order;
}

void add_common(nlohmann::ordered_json& j, const Project& p) {
  add_writable_tail(j, p);
  j["created_at"] = util::rfc3339_ms(p.created_at_us);
  j["updated_at"] = util::rfc3339_ms(p.updated_at_us);
  j["version"] = p.version;
}

class Mapper {
 public:
  explicit Mapper(std::vector<FieldError>& errors) : errors_(errors) {}

  void type_error(const std::string& field, std::string_view expected) {
    errors_.push_back({field, "invalid_type", "must be " + std::string(expected)});
  }

  void string(const json& v, const std::string& field, std::string& out) {
    if (v.is_string()) {
      out = v.get<std::string>();
    } else {
      type_error(field, "a string");
    }
  }

  void url(const json& v, const std::string& field, std::string& out) {
    if (v.is_null()) {
      out.clear();
    } else {
      string(v, field, out);
    }
  }

  void strings(const json& v, const std::string& field, std::vector<std::string>& out) {
    if (v.is_null()) {
      out.clear();
      return;
    }
    if (!v.is_array()) {
      type_error(field, "an array of strings");
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_string()) {
        out.push_back(v[i].get<std::string>());
      } else {
        type_error(field + "/" + std::to_string(i), "a string");
      }
    }
  }

  void links(const json& v, std::vector<domain::Link>& out) {
    if (v.is_null()) {
      out.clear();
      return;
    }
    if (!v.is_array()) {
      type_error("links", "an array of {label, url} objects");
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string field = "links/" + std::to_string(i);
      if (!v[i].is_object()) {
        type_error(field, "an object with label and url");
        continue;
      }
      domain::Link link;
      for (const auto& [key, value] : v[i].items()) {
        if (key == "label") {
          string(value, field + "/label", link.label);
        } else if (key == "url") {
          string(value, field + "/url", link.url);
        } else {
          errors_.push_back({field + "/" += key, "unknown_field", "is not a field of a link"});
        }
      }
      out.push_back(std::move(link));
    }
  }

 private:
  std::vector<FieldError>& errors_;
};

}  // namespace

void read_links(const json& value, std::vector<domain::Link>& out,
                std::vector<FieldError>& errors) {
  Mapper(errors).links(value, out);
}

nlohmann::ordered_json project_summary_json(const Project& p) {
  nlohmann::ordered_json j;
  j["id"] = p.id;
  j["slug"] = p.slug;
  j["title"] = p.title;
  j["summary"] = p.summary;
  add_common(j, p);
  return j;
}

nlohmann::ordered_json project_json(const Project& p) {
  nlohmann::ordered_json j;
  j["id"] = p.id;
  j["slug"] = p.slug;
  j["title"] = p.title;
  j["summary"] = p.summary;
  j["body_markdown"] = p.body_markdown;
  j["body_html"] = p.body_html;
  add_common(j, p);
  return j;
}

json writable_document(const Project& p) {
  json doc = json::object();
  doc["slug"] = p.slug;
  doc["title"] = p.title;
  doc["summary"] = p.summary;
  doc["body_markdown"] = p.body_markdown;
  add_writable_tail(doc, p);
  return doc;
}

void strip_unwritable(json& patch, std::vector<FieldError>& errors) {
  for (auto it = patch.begin(); it != patch.end();) {
    if (contains(kReadOnly, it.key())) {
      errors.push_back({it.key(), "read_only", "is set by the server and cannot be written"});
      it = patch.erase(it);
    } else if (!contains(kWritable, it.key())) {
      errors.push_back({it.key(), "unknown_field", "is not a field of a project"});
      it = patch.erase(it);
    } else {
      ++it;
    }
  }
}

void apply_document(const json& doc, Project& p, std::vector<FieldError>& errors) {
  Mapper m(errors);
  for (const auto& [key, v] : doc.items()) {
    if (key == "slug") {
      if (v.is_null()) {
        p.slug.clear();  // derived from the title again
      } else {
        m.string(v, key, p.slug);
      }
    } else if (key == "title") {
      m.string(v, key, p.title);
    } else if (key == "summary") {
      m.string(v, key, p.summary);
    } else if (key == "body_markdown") {
      m.string(v, key, p.body_markdown);
    } else if (key == "tags") {
      m.strings(v, key, p.tags);
    } else if (key == "tech_stack") {
      m.strings(v, key, p.tech_stack);
    } else if (key == "links") {
      m.links(v, p.links);
    } else if (key == "repo_url") {
      m.url(v, key, p.repo_url);
    } else if (key == "demo_url") {
      m.url(v, key, p.demo_url);
    } else if (key == "status") {
      const auto s = v.is_string() ? domain::parse_status(v.get<std::string>()) : std::nullopt;
      if (s) {
        p.status = *s;
      } else {
        errors.push_back({key, "invalid_value", "must be one of active, maintained, archived"});
      }
    } else if (key == "visibility") {
      const auto s = v.is_string() ? domain::parse_visibility(v.get<std::string>()) : std::nullopt;
      if (s) {
        p.visibility = *s;
      } else {
        errors.push_back({key, "invalid_value", "must be one of draft, published"});
      }
    } else if (key == "featured") {
      if (v.is_boolean()) {
        p.featured = v.get<bool>();
      } else {
        m.type_error(key, "true or false");
      }
    } else if (key == "sort_order") {
      if (v.is_number_integer()) {
        // Out-of-range values are caught by validation, not clamped here.
        p.sort_order = v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX
                           ? INT64_MAX
                           : v.get<std::int64_t>();
      } else {
        m.type_error(key, "an integer");
      }
    } else if (contains(kReadOnly, key)) {
      errors.push_back({key, "read_only", "is set by the server and cannot be written"});
    } else {
      errors.push_back({key, "unknown_field", "is not a field of a project"});
    }
  }
}

}  // namespace vitrine::api
