#include "store/sql/sql_session_store.hpp"

#include <string>

#include "store/sql/sql_audit_store.hpp"

namespace vitrine::store::sql {
namespace {

class SqlSessionStore final : public SessionStore {
 public:
  explicit SqlSessionStore(Database& db) : db_(db) {}

  void insert(const RefreshToken& token) override {
    db_.write(
        [&](Session& s) {
          RefreshToken t = token;
          int mfa = t.mfa ? 1 : 0;
          long long created = t.created_at_us;
          long long expires = t.expires_at_us;
          s << "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, mfa, created_at, "
               "expires_at) VALUES (:id, :family, :user, :hash, :mfa, :created, :expires)",
              soci::use(t.id, "id"), soci::use(t.family_id, "family"), soci::use(t.user_id, "user"),
              soci::use(t.token_hash, "hash"), soci::use(mfa, "mfa"), soci::use(created, "created"),
              soci::use(expires, "expires");
        },
        "", Statements::kOne);
  }

  Rotation rotate(const std::string& token_hash, RefreshToken next, std::int64_t now_us,
                  const domain::AuditEvent& rotated, const domain::AuditEvent& reused) override {
    return db_.write([&](Session& s) {
      Rotation r;
      std::string hash = token_hash;
      std::string family;
      std::string user;
      int mfa = 0;
      long long expires = 0;
      long long used = 0;
      long long revoked = 0;
      s << "SELECT family_id, user_id, mfa, expires_at, used_at, revoked_at FROM refresh_tokens "
           "WHERE token_hash = :hash",
          soci::use(hash, "hash"), soci::into(family), soci::into(user), soci::into(mfa),
          soci::into(expires), soci::into(used), soci::into(revoked);
      if (!s.got_data()) {
        r.outcome = RotateOutcome::kUnknown;
        return r;
      }
      r.user_id = user;
      r.family_id = family;
      r.mfa = mfa != 0;
      long long now = now_us;
      if (revoked != 0) {
        r.outcome = RotateOutcome::kRevoked;
        return r;
      }
      if (expires <= now) {
        r.outcome = RotateOutcome::kExpired;
        return r;
      }
      // Claim the token: only one exchange of it can succeed, even when two race.
      std::string claimed;
      if (used == 0) {
        s << "UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :hash AND used_at = 0 "
             "RETURNING id",
            soci::use(now, "now"), soci::use(hash, "hash"), soci::into(claimed);
      }
      if (used != 0 || !s.got_data()) {
        s << "UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND "
             "revoked_at = 0",
            soci::use(now, "now"), soci::use(family, "family");
        append_audit(s, about(reused, user, family));
        r.outcome = RotateOutcome::kReused;
        return r;
      }
      next.family_id = family;
      next.user_id = user;
      next.mfa = r.mfa;
      int next_mfa = next.mfa ? 1 : 0;
      long long created = next.created_at_us;
      long long next_expires = next.expires_at_us;
      s << "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, mfa, created_at, "
           "expires_at) VALUES (:id, :family, :user, :hash, :mfa, :created, :expires)",
          soci::use(next.id, "id"), soci::use(next.family_id, "family"),
          soci::use(next.user_id, "user"), soci::use(next.token_hash, "hash"),
          soci::use(next_mfa, "mfa"), soci::use(created, "created"),
          soci::use(next_expires, "expires");
      append_audit(s, about(rotated, user, family));
      r.outcome = RotateOutcome::kRotated;
      return r;
    });
  }

  bool revoke_family(const std::string& token_hash, std::int64_t now_us,
                     const domain::AuditEvent& audit) override {
    return db_.write([&](Session& s) {
      std::string hash = token_hash;
      std::string family;
      std::string user;
      s << "SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = :hash",
          soci::use(hash, "hash"), soci::into(family), soci::into(user);
      if (!s.got_data()) {
        return false;
      }
      long long now = now_us;
      s << "UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND "
           "revoked_at = 0",
          soci::use(now, "now"), soci::use(family, "family");
      append_audit(s, about(audit, user, family));
      return true;
    });
  }

 private:
  // `event` with the token's user as actor and its family as target: the request carried
  // only the refresh token, so the store is first to know whose it is.
  static domain::AuditEvent about(const domain::AuditEvent& event, const std::string& user_id,
                                  const std::string& family_id) {
    domain::AuditEvent e = event;
    e.actor_kind = domain::ActorKind::kUser;
    e.actor_id = user_id;
    e.target_type = "session";
    e.target_id = family_id;
    return e;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<SessionStore> make_session_store(Database& db) {
  return std::make_unique<SqlSessionStore>(db);
}

}  // namespace vitrine::store::sql
