#include "store/sql/sql_lease_store.hpp"

#include <string>
#include <vector>

namespace vitrine::store::sql {
namespace {

// A replica not seen for this many lease lifetimes is forgotten.
constexpr std::int64_t kForgetAfterTtls = 10;

std::vector<std::string> held_by(Session& s, const std::string& replica) {
  std::vector<std::string> held;
  std::string id;
  soci::statement st = (s.prepare << "SELECT monitor_id FROM monitor_leases WHERE holder = :me "
                                     "ORDER BY monitor_id",
                        soci::use(replica, "me"), soci::into(id));
  st.execute();
  while (st.fetch()) {
    held.push_back(id);
  }
  return held;
}

// Takes the lease on `monitor_id` (an enabled monitor) when it is free or expired, or
// whatever holds it with `steal`; the replica's own is renewed. True when taken.
bool take(Session& s, const std::string& monitor_id, const std::string& replica, long long now,
          long long expires, bool steal) {
  soci::details::prepare_temp_type prep =
      (s.prepare << std::string("INSERT INTO monitor_leases (monitor_id, holder, expires_at) "
                                "SELECT id, :me, :expires FROM monitors WHERE id = :id AND "
                                "enabled = 1 ON CONFLICT (monitor_id) DO UPDATE SET holder = "
                                "excluded.holder, expires_at = excluded.expires_at") +
                        (steal ? ""
                               : " WHERE monitor_leases.holder = excluded.holder OR "
                                 "monitor_leases.expires_at < :now"));
  prep, soci::use(replica, "me"), soci::use(expires, "expires"), soci::use(monitor_id, "id");
  if (!steal) {
    prep, soci::use(now, "now");
  }
  soci::statement st(prep);
  st.execute(true);
  return st.get_affected_rows() > 0;
}

class SqlLeaseStore final : public LeaseStore {
 public:
  explicit SqlLeaseStore(Database& db) : db_(db) {}

  LeaseRound renew(const std::string& replica, std::int64_t now_us, std::int64_t ttl_us) override {
    return db_.write([&](Session& s) {
      long long now = now_us;
      long long expires = now_us + ttl_us;
      long long forget_before = now_us - kForgetAfterTtls * ttl_us;
      s << "INSERT INTO check_replicas (id, seen_at) VALUES (:me, :now) ON CONFLICT (id) DO "
           "UPDATE SET seen_at = excluded.seen_at",
          soci::use(replica, "me"), soci::use(now, "now");
      s << "DELETE FROM check_replicas WHERE seen_at < :before", soci::use(forget_before, "before");
      s << "DELETE FROM monitor_leases WHERE holder = :me AND monitor_id IN (SELECT id FROM "
           "monitors WHERE enabled = 0)",
          soci::use(replica, "me");
      s << "UPDATE monitor_leases SET expires_at = :expires WHERE holder = :me",
          soci::use(expires, "expires"), soci::use(replica, "me");

      LeaseRound round;
      long long live_since = now - ttl_us;
      long long live = 0;
      long long enabled = 0;
      s << "SELECT COUNT(*) FROM check_replicas WHERE seen_at > :since",
          soci::use(live_since, "since"), soci::into(live);
      s << "SELECT COUNT(*) FROM monitors WHERE enabled = 1", soci::into(enabled);
      round.live_replicas = static_cast<unsigned>(live);
      round.enabled_monitors = static_cast<unsigned>(enabled);
      const std::size_t replicas = std::max(1U, round.live_replicas);
      const std::size_t share = (round.enabled_monitors + replicas - 1) / replicas;
      std::vector<std::string> held = held_by(s, replica);
      if (held.size() > share) {
        // Beyond the share: give back the last ones, so another replica takes them.
        if (share == 0) {
          s << "DELETE FROM monitor_leases WHERE holder = :me", soci::use(replica, "me");
        } else {
          s << "DELETE FROM monitor_leases WHERE holder = :me AND monitor_id > :kept",
              soci::use(replica, "me"), soci::use(held[share - 1], "kept");
        }
        held.resize(share);
      } else if (held.size() < share) {
        // Free or expired ones up to the share, in one statement; a lease another replica
        // took meanwhile is not expired and stays its.
        int want = static_cast<int>(share - held.size());
        soci::statement st =
            (s.prepare << "INSERT INTO monitor_leases (monitor_id, holder, expires_at) SELECT "
                          "m.id, :me, :expires FROM monitors m LEFT JOIN monitor_leases l ON "
                          "l.monitor_id = m.id WHERE m.enabled = 1 AND (l.monitor_id IS NULL "
                          "OR l.expires_at < :now) ORDER BY m.id LIMIT :want ON CONFLICT "
                          "(monitor_id) DO UPDATE SET holder = excluded.holder, expires_at = "
                          "excluded.expires_at WHERE monitor_leases.expires_at < :now",
             soci::use(replica, "me"), soci::use(expires, "expires"), soci::use(now, "now"),
             soci::use(want, "want"));
        st.execute(true);
        if (st.get_affected_rows() > 0) {
          held = held_by(s, replica);
        }
      }
      round.held = std::move(held);
      return round;
    });
  }

  bool claim(const std::string& monitor_id, const std::string& replica, std::int64_t now_us,
             std::int64_t ttl_us, bool steal) override {
    return db_.write(
        [&](Session& s) { return take(s, monitor_id, replica, now_us, now_us + ttl_us, steal); });
  }

  void release_all(const std::string& replica) override {
    db_.write([&](Session& s) {
      s << "DELETE FROM monitor_leases WHERE holder = :me", soci::use(replica, "me");
      s << "DELETE FROM check_replicas WHERE id = :me", soci::use(replica, "me");
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<LeaseStore> make_lease_store(Database& db) {
  return std::make_unique<SqlLeaseStore>(db);
}

}  // namespace vitrine::store::sql
