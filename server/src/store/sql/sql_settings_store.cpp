#include "store/sql/sql_settings_store.hpp"

#include "store/sql/link_column.hpp"
#include "store/sql/sql_audit_store.hpp"

namespace vitrine::store::sql {
namespace {

using domain::SiteSettings;

// One row as the database holds it; SOCI binds into and out of these members.
struct Row {
  std::string name, headline, location, about_markdown, about_html, links;
  long long updated_at = 0, version = 0;
};

class SqlSettingsStore final : public SettingsStore {
 public:
  explicit SqlSettingsStore(Database& db) : db_(db) {}

  SiteSettings get() override {
    return db_.read([&](Session& s) {
      Row r;
      s << "SELECT name, headline, location, about_markdown, about_html, links, updated_at, "
           "version FROM site_settings WHERE id = 1",
          soci::into(r.name), soci::into(r.headline), soci::into(r.location),
          soci::into(r.about_markdown), soci::into(r.about_html), soci::into(r.links),
          soci::into(r.updated_at), soci::into(r.version);
      SiteSettings out;
      out.name = std::move(r.name);
      out.headline = std::move(r.headline);
      out.location = std::move(r.location);
      out.about_markdown = std::move(r.about_markdown);
      out.about_html = std::move(r.about_html);
      out.links = links_from_column(r.links);
      out.updated_at_us = r.updated_at;
      out.version = r.version;
      return out;
    });
  }

  WriteOutcome update(const SiteSettings& next, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      std::string links = links_column(next.links);
      long long updated_at = next.updated_at_us;
      long long version = next.version;
      long long expected = expected_version;
      long long written = 0;
      s << "UPDATE site_settings SET name = :name, headline = :headline, location = :location, "
           "about_markdown = :about_markdown, about_html = :about_html, links = :links, "
           "updated_at = :updated_at, version = :version WHERE id = 1 AND version = :expected "
           "RETURNING version",
          soci::use(next.name, "name"), soci::use(next.headline, "headline"),
          soci::use(next.location, "location"), soci::use(next.about_markdown, "about_markdown"),
          soci::use(next.about_html, "about_html"), soci::use(links, "links"),
          soci::use(updated_at, "updated_at"), soci::use(version, "version"),
          soci::use(expected, "expected"), soci::into(written);
      if (!s.got_data()) {
        return WriteOutcome::kStale;  // the row always exists (the migration made it)
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(Database& db) {
  return std::make_unique<SqlSettingsStore>(db);
}

}  // namespace vitrine::store::sql
