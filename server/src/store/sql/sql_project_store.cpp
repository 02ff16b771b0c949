#include "store/sql/sql_project_store.hpp"

#include "store/errors.hpp"
#include "store/sql/link_column.hpp"
#include "store/sql/sql_audit_store.hpp"
#include "store/sql/versioned_rows.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace vitrine::store::sql {
namespace {

using domain::Project;

constexpr std::string_view kColumns =
    "id, slug, title, summary, body_markdown, body_html, tags, tech_stack, links, repo_url, "
    "demo_url, status, visibility, featured, sort_order, created_at, updated_at, version";

// One row as the database holds it; SOCI binds into and out of these members.
struct Row {
  std::string id, slug, title, summary, body_markdown, body_html, tags, tech_stack, links, repo_url,
      demo_url, status, visibility, tags_index, search_text;
  int featured = 0;
  long long sort_order = 0, created_at = 0, updated_at = 0, version = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(slug), soci::into(title), soci::into(summary),
        soci::into(body_markdown), soci::into(body_html), soci::into(tags), soci::into(tech_stack),
        soci::into(links), soci::into(repo_url), soci::into(demo_url), soci::into(status),
        soci::into(visibility), soci::into(featured), soci::into(sort_order),
        soci::into(created_at), soci::into(updated_at), soci::into(version);
  }

  // Every stored column as a named parameter (":id", ":slug", ...), for INSERT and UPDATE.
  template <typename Statement>
  void bind_uses(Statement& st) {
    st, soci::use(id, "id"), soci::use(slug, "slug"), soci::use(title, "title"),
        soci::use(summary, "summary"), soci::use(body_markdown, "body_markdown"),
        soci::use(body_html, "body_html"), soci::use(tags, "tags"),
        soci::use(tags_index, "tags_index"), soci::use(tech_stack, "tech_stack"),
        soci::use(links, "links"), soci::use(repo_url, "repo_url"), soci::use(demo_url, "demo_url"),
        soci::use(status, "status"), soci::use(visibility, "visibility"),
        soci::use(featured, "featured"), soci::use(sort_order, "sort_order"),
        soci::use(search_text, "search_text"), soci::use(created_at, "created_at"),
        soci::use(updated_at, "updated_at"), soci::use(version, "version");
  }
};

// The INSERT, prepared once per connection (creates are the hot write): SQLite skips
// parsing it, PostgreSQL skips parsing and planning it. The statement binds `row`'s
// members, so the two live together and never move.
//
// A taken slug is not an error here (ON CONFLICT DO NOTHING, then no id comes back):
// SOCI 4.0.3's PostgreSQL backend leaks the parameter buffers of a statement whose
// execution throws, and derived slugs meet taken ones routinely.
class PreparedInsert {
 public:
  Row row;
  std::string inserted_id;
  soci::statement statement;

  explicit PreparedInsert(soci::session& s) : statement(prepare(s, row, inserted_id)) {}
  PreparedInsert(const PreparedInsert&) = delete;
  PreparedInsert& operator=(const PreparedInsert&) = delete;
  PreparedInsert(PreparedInsert&&) = delete;
  PreparedInsert& operator=(PreparedInsert&&) = delete;
  ~PreparedInsert() = default;

 private:
  static soci::details::prepare_temp_type prepare(soci::session& s, Row& row, std::string& id) {
    soci::details::prepare_temp_type p =
        (s.prepare << "INSERT INTO projects (id, slug, title, summary, body_markdown, body_html, "
                      "tags, tags_index, tech_stack, links, repo_url, demo_url, status, "
                      "visibility, featured, sort_order, search_text, created_at, updated_at, "
                      "version) VALUES (:id, :slug, :title, :summary, :body_markdown, "
                      ":body_html, :tags, :tags_index, :tech_stack, :links, :repo_url, "
                      ":demo_url, :status, :visibility, :featured, :sort_order, :search_text, "
                      ":created_at, :updated_at, :version) "
                      "ON CONFLICT (slug) DO NOTHING RETURNING id",
         soci::into(id));
    row.bind_uses(p);
    return p;
  }
};

std::string strings_json(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

Row to_row(const Project& p) {
  Row r;
  r.id = p.id;
  r.slug = p.slug;
  r.title = p.title;
  r.summary = p.summary;
  r.body_markdown = p.body_markdown;
  r.body_html = p.body_html;
  r.tags = strings_json(p.tags);
  r.tech_stack = strings_json(p.tech_stack);
  r.links = links_column(p.links);
  r.repo_url = p.repo_url;
  r.demo_url = p.demo_url;
  r.status = std::string(domain::to_string(p.status));
  r.visibility = std::string(domain::to_string(p.visibility));
  r.featured = p.featured ? 1 : 0;
  r.sort_order = p.sort_order;
  r.created_at = p.created_at_us;
  r.updated_at = p.updated_at_us;
  r.version = p.version;
  r.tags_index = domain::tags_index(p.tags);
  r.search_text = domain::search_text(p);
  return r;
}

Project from_row(Row&& r) {
  Project p;
  p.id = std::move(r.id);
  p.slug = std::move(r.slug);
  p.title = std::move(r.title);
  p.summary = std::move(r.summary);
  p.body_markdown = std::move(r.body_markdown);
  p.body_html = std::move(r.body_html);
  p.tags = nlohmann::json::parse(r.tags).get<std::vector<std::string>>();
  p.tech_stack = nlohmann::json::parse(r.tech_stack).get<std::vector<std::string>>();
  p.links = links_from_column(r.links);
  p.repo_url = std::move(r.repo_url);
  p.demo_url = std::move(r.demo_url);
  p.status = domain::parse_status(r.status).value_or(domain::ProjectStatus::kActive);
  p.visibility = domain::parse_visibility(r.visibility).value_or(domain::Visibility::kDraft);
  p.featured = r.featured != 0;
  p.sort_order = r.sort_order;
  p.created_at_us = r.created_at;
  p.updated_at_us = r.updated_at;
  p.version = r.version;
  return p;
}

// Keyset condition and order per sort: constants chosen by the enum, never input.
struct SortSql {
  std::string_view after;
  std::string_view order;
};

SortSql sort_sql(ProjectSort sort) {
  switch (sort) {
    case ProjectSort::kSortOrder:
      return {"(sort_order, title, id) > (:c_num, :c_text, :c_id)", "sort_order, title, id"};
    case ProjectSort::kTitle:
      return {"(title, id) > (:c_text, :c_id)", "title, id"};
    case ProjectSort::kUpdatedAt:
      return {"(updated_at, id) > (:c_num, :c_id)", "updated_at, id"};
    case ProjectSort::kUpdatedAtDesc:
      return {"(updated_at, id) < (:c_num, :c_id)", "updated_at DESC, id DESC"};
  }
  return {"", "sort_order, title, id"};
}

std::string like_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

class SqlProjectStore final : public ProjectStore {
 public:
  explicit SqlProjectStore(Database& db) : db_(db) {}

  ProjectPage list(const ProjectQuery& q) override {
    return db_.read([&](Session& s) {
      const SortSql sort = sort_sql(q.sort);
      std::string text = "SELECT " + std::string(kColumns) + " FROM projects WHERE 1 = 1";
      // Parameters live here until the statement has run.
      std::string tag_pattern;
      std::string status;
      int featured = 0;
      std::string text_pattern;
      long long c_num = 0;
      std::string c_text;
      std::string c_id;
      int limit = static_cast<int>(q.limit) + 1;  // one more tells whether a next page exists
      if (!q.include_drafts) {
        text += " AND visibility = 'published'";
      }
      if (q.tag) {
        text += " AND tags_index LIKE :tag";
        tag_pattern = "% " + *q.tag + " %";  // tags cannot hold '%', '_' or spaces
      }
      if (q.status) {
        text += " AND status = :status";
        status = std::string(domain::to_string(*q.status));
      }
      if (q.featured) {
        text += " AND featured = :featured";
        featured = *q.featured ? 1 : 0;
      }
      if (q.text) {
        text += " AND search_text LIKE :text ESCAPE '\\'";
        text_pattern = "%" + like_escape(*q.text) + "%";
      }
      if (q.after) {
        text += " AND ";
        text += sort.after;
        c_num = q.after->number;
        c_text = q.after->text;
        c_id = q.after->id;
      }
      text += " ORDER BY ";
      text += sort.order;
      text += " LIMIT :limit";

      Row row;
      soci::details::prepare_temp_type prep = (s.prepare << text);
      row.bind_into(prep);
      if (q.tag) {
        prep, soci::use(tag_pattern, "tag");
      }
      if (q.status) {
        prep, soci::use(status, "status");
      }
      if (q.featured) {
        prep, soci::use(featured, "featured");
      }
      if (q.text) {
        prep, soci::use(text_pattern, "text");
      }
      if (q.after) {
        if (sort.after.find(":c_num") != std::string_view::npos) {
          prep, soci::use(c_num, "c_num");
        }
        if (sort.after.find(":c_text") != std::string_view::npos) {
          prep, soci::use(c_text, "c_text");
        }
        prep, soci::use(c_id, "c_id");
      }
      prep, soci::use(limit, "limit");
      auto [rows, more] = fetch_page(prep, row, q.limit);
      ProjectPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<Project> find(const std::string& id_or_slug) override {
    return db_.read([&](Session& s) -> std::optional<Project> {
      const bool by_id = domain::looks_like_uuid(id_or_slug);
      auto row = select_one<Row>(s,
                                 "SELECT " + std::string(kColumns) + " FROM projects WHERE " +
                                     (by_id ? "id = :ref" : "slug = :ref"),
                                 id_or_slug);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  void insert(const Project& project, const domain::AuditEvent& audit) override {
    db_.write(
        [&](Session& s) {
          auto& insert = s.prepared<PreparedInsert>("insert_project", [](Session& session) {
            return std::make_unique<PreparedInsert>(session);
          });
          insert.row = to_row(project);
          if (!fetch_one(insert.statement)) {
            throw Conflict("slug", "slug '" + project.slug + "' is taken");
          }
          append_audit(s, audit);
        },
        "slug");
  }

  WriteOutcome update(const Project& project, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write(
        [&](Session& s) {
          Row r = to_row(project);
          long long expected = expected_version;
          long long written = 0;
          // RETURNING tells whether the row matched: one round trip, no prepared statement.
          {
            auto query = (s << "UPDATE projects SET slug = :slug, title = :title, summary = "
                               ":summary, body_markdown = :body_markdown, body_html = :body_html, "
                               "tags = :tags, tags_index = :tags_index, tech_stack = :tech_stack, "
                               "links = :links, repo_url = :repo_url, demo_url = :demo_url, "
                               "status = :status, visibility = :visibility, featured = :featured, "
                               "sort_order = :sort_order, search_text = :search_text, "
                               "created_at = :created_at, updated_at = :updated_at, "
                               "version = :version WHERE id = :id AND version = :expected "
                               "RETURNING version");
            r.bind_uses(query);
            query, soci::use(expected, "expected"), soci::into(written);
          }  // the query runs here, as `query` ends
          if (!s.got_data()) {
            return missing_or_stale(s, "projects", r.id);
          }
          append_audit(s, audit);
          return WriteOutcome::kDone;
        },
        "slug");
  }

  WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write(
        [&](Session& s) { return delete_versioned(s, "projects", id, expected_version, audit); });
  }

  std::uint64_t count() override {
    return db_.read([](Session& s) {
      long long n = 0;
      s << "SELECT COUNT(*) FROM projects", soci::into(n);
      return static_cast<std::uint64_t>(n);
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<ProjectStore> make_project_store(Database& db) {
  return std::make_unique<SqlProjectStore>(db);
}

}  // namespace vitrine::store::sql
