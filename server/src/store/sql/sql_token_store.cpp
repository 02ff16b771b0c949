#include "store/sql/sql_token_store.hpp"

#include <string>

#include "store/sql/sql_audit_store.hpp"

namespace vitrine::store::sql {
namespace {

using domain::ApiToken;

constexpr std::string_view kColumns =
    "id, name, token_hash, prefix, scopes, created_by, created_at, expires_at, last_used_at, "
    "revoked_at";

// One row as the database holds it.
struct Row {
  std::string id, name, token_hash, prefix, scopes, created_by;
  long long created_at = 0, expires_at = 0, last_used_at = 0, revoked_at = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(name), soci::into(token_hash), soci::into(prefix),
        soci::into(scopes), soci::into(created_by), soci::into(created_at), soci::into(expires_at),
        soci::into(last_used_at), soci::into(revoked_at);
  }
};

ApiToken from_row(Row&& r) {
  ApiToken t;
  t.id = std::move(r.id);
  t.name = std::move(r.name);
  t.token_hash = std::move(r.token_hash);
  t.prefix = std::move(r.prefix);
  // A stored scope this binary does not know (a newer one, after a downgrade) leaves the
  // token without scopes: it can do less, never more.
  t.scopes = domain::parse_scopes_text(r.scopes).value_or(0);
  t.created_by = std::move(r.created_by);
  t.created_at_us = r.created_at;
  t.expires_at_us = r.expires_at;
  if (r.last_used_at != 0) {
    t.last_used_at_us = r.last_used_at;
  }
  if (r.revoked_at != 0) {
    t.revoked_at_us = r.revoked_at;
  }
  return t;
}

class SqlTokenStore final : public TokenStore {
 public:
  explicit SqlTokenStore(Database& db) : db_(db) {}

  TokenPage list(const std::optional<std::string>& after, unsigned limit) override {
    return db_.read([&](Session& s) {
      auto [rows, more] = select_page_by_id<Row>(
          s, "SELECT " + std::string(kColumns) + " FROM api_tokens", after, limit);
      TokenPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<ApiToken> find(const std::string& id) override { return find_by("id", id); }

  std::optional<ApiToken> find_by_hash(const std::string& token_hash) override {
    return find_by("token_hash", token_hash);
  }

  void insert(const ApiToken& token, const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      ApiToken t = token;
      std::string scopes = domain::scopes_text(t.scopes);
      long long created = t.created_at_us;
      long long expires = t.expires_at_us;
      s << "INSERT INTO api_tokens (id, name, token_hash, prefix, scopes, created_by, "
           "created_at, expires_at) VALUES (:id, :name, :hash, :prefix, :scopes, :created_by, "
           ":created_at, :expires_at)",
          soci::use(t.id, "id"), soci::use(t.name, "name"), soci::use(t.token_hash, "hash"),
          soci::use(t.prefix, "prefix"), soci::use(scopes, "scopes"),
          soci::use(t.created_by, "created_by"), soci::use(created, "created_at"),
          soci::use(expires, "expires_at");
      append_audit(s, audit);
    });
  }

  WriteOutcome revoke(const std::string& id, std::int64_t at_us,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      std::string ref = id;
      long long at = at_us;
      long long revoked = 0;
      s << "SELECT revoked_at FROM api_tokens WHERE id = :id", soci::use(ref, "id"),
          soci::into(revoked);
      if (!s.got_data()) {
        return WriteOutcome::kNotFound;
      }
      if (revoked == 0) {
        s << "UPDATE api_tokens SET revoked_at = :at WHERE id = :id", soci::use(at, "at"),
            soci::use(ref, "id");
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  void touch(const std::string& id, std::int64_t at_us, std::int64_t granularity_us) override {
    db_.write(
        [&](Session& s) {
          std::string ref = id;
          long long at = at_us;
          long long stale_before = at_us - granularity_us;
          s << "UPDATE api_tokens SET last_used_at = :at WHERE id = :id AND last_used_at < "
               ":stale_before",
              soci::use(at, "at"), soci::use(ref, "id"), soci::use(stale_before, "stale_before");
        },
        "", Statements::kOne);
  }

 private:
  // `column` is "id" or "token_hash": constants from this file.
  std::optional<ApiToken> find_by(std::string_view column, const std::string& value) {
    return db_.read([&](Session& s) -> std::optional<ApiToken> {
      auto row = select_one<Row>(s,
                                 "SELECT " + std::string(kColumns) + " FROM api_tokens WHERE " +
                                     std::string(column) + " = :ref",
                                 value);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<TokenStore> make_token_store(Database& db) {
  return std::make_unique<SqlTokenStore>(db);
}

}  // namespace vitrine::store::sql
