#include "store/sql/sql_user_store.hpp"

#include <string>

#include "store/errors.hpp"
#include "store/sql/sql_audit_store.hpp"

namespace vitrine::store::sql {
namespace {

using domain::User;

constexpr std::string_view kColumns =
    "id, email, email_key, display_name, role, disabled, mfa_enabled, password_hash, "
    "created_at, updated_at, last_login_at, version, mfa_secret, mfa_pending, mfa_last_step, "
    "oidc_subject";

// One row as the database holds it; SOCI binds into and out of these members.
struct Row {
  std::string id, email, email_key, display_name, role, password_hash, mfa_secret, mfa_pending,
      oidc_subject;
  int disabled = 0, mfa_enabled = 0;
  long long created_at = 0, updated_at = 0, last_login_at = 0, version = 0, mfa_last_step = 0;

  void bind_into(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(email), soci::into(email_key), soci::into(display_name),
        soci::into(role), soci::into(disabled), soci::into(mfa_enabled), soci::into(password_hash),
        soci::into(created_at), soci::into(updated_at), soci::into(last_login_at),
        soci::into(version), soci::into(mfa_secret), soci::into(mfa_pending),
        soci::into(mfa_last_step), soci::into(oidc_subject);
  }

  // Every stored column as a named parameter (":id", ":email", ...).
  template <typename Statement>
  void bind_uses(Statement& st) {
    st, soci::use(id, "id"), soci::use(email, "email"), soci::use(email_key, "email_key"),
        soci::use(display_name, "display_name"), soci::use(role, "role"),
        soci::use(disabled, "disabled"), soci::use(mfa_enabled, "mfa_enabled"),
        soci::use(password_hash, "password_hash"), soci::use(created_at, "created_at"),
        soci::use(updated_at, "updated_at"), soci::use(last_login_at, "last_login_at"),
        soci::use(version, "version"), soci::use(oidc_subject, "oidc_subject");
  }
};

constexpr std::string_view kInsertValues =
    "(id, email, email_key, display_name, role, disabled, mfa_enabled, password_hash, "
    "created_at, updated_at, last_login_at, version, oidc_subject)";
constexpr std::string_view kInsertParams =
    "(:id, :email, :email_key, :display_name, :role, :disabled, :mfa_enabled, :password_hash, "
    ":created_at, :updated_at, :last_login_at, :version, :oidc_subject)";

// The condition under which a change to the row leaves an enabled admin: the row is not
// one now, or it stays one (:keeps_admin), or another one exists. Checked in the UPDATE or
// DELETE itself, with the table locked against other writers (Database::lock_table).
// (:self repeats :id: SOCI binds each name once.)
constexpr std::string_view kLeavesAnAdmin =
    "(:keeps_admin = 1 OR NOT (role = 'admin' AND disabled = 0) OR EXISTS (SELECT 1 FROM users "
    "o WHERE o.role = 'admin' AND o.disabled = 0 AND o.id <> :self))";

Row to_row(const User& u) {
  Row r;
  r.id = u.id;
  r.email = u.email;
  r.email_key = u.email_key;
  r.display_name = u.display_name;
  r.role = std::string(domain::to_string(u.role));
  r.disabled = u.disabled ? 1 : 0;
  r.mfa_enabled = u.mfa_enabled ? 1 : 0;
  r.password_hash = u.password_hash;
  r.created_at = u.created_at_us;
  r.updated_at = u.updated_at_us;
  r.last_login_at = u.last_login_at_us.value_or(0);
  r.version = u.version;
  r.oidc_subject = u.oidc_subject;
  return r;
}

User from_row(Row&& r) {
  User u;
  u.id = std::move(r.id);
  u.email = std::move(r.email);
  u.email_key = std::move(r.email_key);
  u.display_name = std::move(r.display_name);
  u.role = domain::parse_role(r.role).value_or(domain::Role::kViewer);
  u.disabled = r.disabled != 0;
  u.mfa_enabled = r.mfa_enabled != 0;
  u.password_hash = std::move(r.password_hash);
  u.created_at_us = r.created_at;
  u.updated_at_us = r.updated_at;
  if (r.last_login_at != 0) {
    u.last_login_at_us = r.last_login_at;
  }
  u.version = r.version;
  u.mfa_secret_sealed = std::move(r.mfa_secret);
  u.mfa_pending_sealed = std::move(r.mfa_pending);
  u.mfa_last_step = r.mfa_last_step;
  u.oidc_subject = std::move(r.oidc_subject);
  return u;
}

class SqlUserStore final : public UserStore {
 public:
  explicit SqlUserStore(Database& db) : db_(db) {}

  UserPage list(const std::optional<std::string>& after, unsigned limit) override {
    return db_.read([&](Session& s) {
      auto [rows, more] = select_page_by_id<Row>(
          s, "SELECT " + std::string(kColumns) + " FROM users", after, limit);
      UserPage page;
      for (Row& r : rows) {
        page.items.push_back(from_row(std::move(r)));
      }
      page.has_more = more;
      return page;
    });
  }

  std::optional<User> find(const std::string& id) override { return find_by("id", id); }

  std::optional<User> find_by_email(const std::string& email_key) override {
    return find_by("email_key", email_key);
  }

  std::optional<User> find_by_oidc_subject(const std::string& subject) override {
    return subject.empty() ? std::nullopt : find_by("oidc_subject", subject);
  }

  void insert(const User& user, const domain::AuditEvent& audit) override {
    db_.write(
        [&](Session& s) {
          Row r = to_row(user);
          std::string inserted;
          {
            auto query = (s << "INSERT INTO users " + std::string(kInsertValues) + " VALUES " +
                                   std::string(kInsertParams) +
                                   " ON CONFLICT (email_key) DO NOTHING RETURNING id");
            r.bind_uses(query);
            query, soci::into(inserted);
          }
          if (!s.got_data()) {
            throw Conflict("email", "email '" + user.email + "' is taken");
          }
          append_audit(s, audit);
        },
        "email");
  }

  bool insert_first(const User& user, const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      db_.lock_table(s, "users");
      long long n = 0;
      s << "SELECT COUNT(*) FROM users", soci::into(n);
      if (n != 0) {
        return false;
      }
      Row r = to_row(user);
      {
        auto query = (s << "INSERT INTO users " + std::string(kInsertValues) + " VALUES " +
                               std::string(kInsertParams));
        r.bind_uses(query);
      }
      append_audit(s, audit);
      return true;
    });
  }

  WriteOutcome update(const User& user, std::int64_t expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write(
        [&](Session& s) {
          db_.lock_table(s, "users");
          Row r = to_row(user);
          int had_mfa = 0;
          s << "SELECT mfa_enabled FROM users WHERE id = :id", soci::use(r.id, "id"),
              soci::into(had_mfa);
          std::string self = r.id;  // declared before the query, which runs as it ends
          long long expected = expected_version;
          int keeps_admin = user.role == domain::Role::kAdmin && !user.disabled ? 1 : 0;
          long long written = 0;
          {
            auto query =
                (s << "UPDATE users SET email = :email, email_key = :email_key, display_name = "
                      ":display_name, role = :role, disabled = :disabled, mfa_enabled = "
                      ":mfa_enabled, password_hash = :password_hash, created_at = :created_at, "
                      "updated_at = :updated_at, last_login_at = :last_login_at, version = "
                      ":version, oidc_subject = :oidc_subject WHERE id = :id AND version = "
                      ":expected AND " +
                          std::string(kLeavesAnAdmin) + " RETURNING version");
            r.bind_uses(query);
            query, soci::use(expected, "expected"), soci::use(keeps_admin, "keeps_admin"),
                soci::use(self, "self"), soci::into(written);
          }
          if (!s.got_data()) {
            return why_not(s, r.id, expected_version);
          }
          if (had_mfa != 0 && !user.mfa_enabled) {
            forget_mfa(s, r.id);
          }
          append_audit(s, audit);
          return WriteOutcome::kDone;
        },
        "email");
  }

  WriteOutcome remove(const std::string& id, std::optional<std::int64_t> expected_version,
                      const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      db_.lock_table(s, "users");
      std::string ref = id;
      std::string self = id;
      long long expected = expected_version.value_or(0);
      int check_version = expected_version ? 1 : 0;
      int keeps_admin = 0;
      std::string deleted;
      s << "DELETE FROM users WHERE id = :id AND (:check_version = 0 OR version = :expected) "
           "AND " +
               std::string(kLeavesAnAdmin) + " RETURNING id",
          soci::use(ref, "id"), soci::use(check_version, "check_version"),
          soci::use(expected, "expected"), soci::use(keeps_admin, "keeps_admin"),
          soci::use(self, "self"), soci::into(deleted);
      if (!s.got_data()) {
        return why_not(s, ref, expected_version);
      }
      append_audit(s, audit);
      return WriteOutcome::kDone;
    });
  }

  void record_login(const std::string& id, std::int64_t at_us,
                    const std::optional<std::string>& new_password_hash,
                    const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      std::string ref = id;
      long long at = at_us;
      if (new_password_hash) {
        std::string hash = *new_password_hash;
        s << "UPDATE users SET last_login_at = :at, password_hash = :hash WHERE id = :id",
            soci::use(at, "at"), soci::use(hash, "hash"), soci::use(ref, "id");
      } else {
        s << "UPDATE users SET last_login_at = :at WHERE id = :id", soci::use(at, "at"),
            soci::use(ref, "id");
      }
      append_audit(s, audit);
    });
  }

  std::uint64_t count() override {
    return db_.read([](Session& s) {
      long long n = 0;
      s << "SELECT COUNT(*) FROM users", soci::into(n);
      return static_cast<std::uint64_t>(n);
    });
  }

  void set_pending_mfa(const std::string& id, const std::string& sealed,
                       const domain::AuditEvent& audit) override {
    db_.write([&](Session& s) {
      std::string ref = id;
      std::string value = sealed;
      s << "UPDATE users SET mfa_pending = :sealed WHERE id = :id", soci::use(value, "sealed"),
          soci::use(ref, "id");
      append_audit(s, audit);
    });
  }

  bool enable_mfa(const std::string& id, std::int64_t step,
                  const std::vector<std::string>& code_hashes,
                  const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      std::string ref = id;
      long long used = step;
      std::string enabled;
      s << "UPDATE users SET mfa_secret = mfa_pending, mfa_pending = '', mfa_enabled = 1, "
           "mfa_last_step = :step WHERE id = :id AND mfa_pending <> '' RETURNING id",
          soci::use(used, "step"), soci::use(ref, "id"), soci::into(enabled);
      if (!s.got_data()) {
        return false;
      }
      s << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(ref, "id");
      for (const std::string& hash : code_hashes) {
        std::string h = hash;
        s << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, :hash)",
            soci::use(ref, "id"), soci::use(h, "hash");
      }
      append_audit(s, audit);
      return true;
    });
  }

  bool claim_totp_step(const std::string& id, std::int64_t step) override {
    return db_.write(
        [&](Session& s) {
          std::string ref = id;
          long long claimed = step;
          std::string got;
          s << "UPDATE users SET mfa_last_step = :step WHERE id = :id AND mfa_last_step < :below "
               "RETURNING id",
              soci::use(claimed, "step"), soci::use(ref, "id"), soci::use(claimed, "below"),
              soci::into(got);
          return s.got_data();
        },
        "", Statements::kOne);
  }

  bool use_recovery_code(const std::string& id, const std::string& code_hash, std::int64_t at_us,
                         const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      std::string ref = id;
      std::string hash = code_hash;
      long long at = at_us;
      std::string got;
      s << "UPDATE recovery_codes SET used_at = :at WHERE user_id = :id AND code_hash = "
           ":hash AND used_at = 0 RETURNING code_hash",
          soci::use(at, "at"), soci::use(ref, "id"), soci::use(hash, "hash"), soci::into(got);
      if (!s.got_data()) {
        return false;
      }
      append_audit(s, audit);
      return true;
    });
  }

  unsigned recovery_codes_left(const std::string& id) override {
    return db_.read([&](Session& s) {
      std::string ref = id;
      long long n = 0;
      s << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :id AND used_at = 0",
          soci::use(ref, "id"), soci::into(n);
      return static_cast<unsigned>(n);
    });
  }

 private:
  // `column` is "id", "email_key" or "oidc_subject": constants from this file.
  std::optional<User> find_by(std::string_view column, const std::string& value) {
    return db_.read([&](Session& s) -> std::optional<User> {
      auto row = select_one<Row>(s,
                                 "SELECT " + std::string(kColumns) + " FROM users WHERE " +
                                     std::string(column) + " = :ref",
                                 value);
      return row ? std::optional(from_row(std::move(*row))) : std::nullopt;
    });
  }

  // The second factor of `id`, gone: seed, pending seed, last step, recovery codes.
  static void forget_mfa(Session& s, std::string& id) {
    s << "UPDATE users SET mfa_secret = '', mfa_pending = '', mfa_last_step = 0 WHERE id = :id",
        soci::use(id, "id");
    s << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(id, "id");
  }

  // Why an UPDATE or DELETE matched no row: gone, another version, or the last admin.
  static WriteOutcome why_not(Session& s, std::string& id,
                              std::optional<std::int64_t> expected_version) {
    long long version = 0;
    s << "SELECT version FROM users WHERE id = :id", soci::use(id, "id"), soci::into(version);
    if (!s.got_data()) {
      return WriteOutcome::kNotFound;
    }
    if (expected_version && version != *expected_version) {
      return WriteOutcome::kStale;
    }
    return WriteOutcome::kLastAdmin;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<UserStore> make_user_store(Database& db) {
  return std::make_unique<SqlUserStore>(db);
}

}  // namespace vitrine::store::sql
