#pragma once
// A pooled connection: a SOCI session and the statements prepared on it, which live and die
// with it (a replaced connection starts with none).

#include <soci/session.h>
#include <soci/soci-backend.h>
#include <soci/statement.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vitrine::store::sql {

class Session : public soci::session {
 public:
  Session() = default;
  ~Session() = default;  // prepared_ goes first, then the connection (base class)
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;

  // The object `key` names on this session (a prepared statement and the variables it
  // binds), made by `make` on first use. `key` must be a string literal: its address is
  // the identity.
  template <typename T, typename Make>
  T& prepared(const char* key, Make&& make) {
    auto& slot = prepared_[key];
    if (!slot) {
      slot = std::shared_ptr<void>(make(*this));
    }
    return *static_cast<T*>(slot.get());
  }

 private:
  std::unordered_map<const char*, std::shared_ptr<void>> prepared_;
};

// A nullable text column's bound value.
struct OptionalText {
  std::string value;
  soci::indicator ind = soci::i_null;

  void set(const std::optional<std::string>& v) {
    value = v.value_or("");
    ind = v ? soci::i_ok : soci::i_null;
  }
  [[nodiscard]] std::optional<std::string> get() const {
    return ind == soci::i_ok ? std::optional(value) : std::nullopt;
  }
};

// A statement prepared once per connection with the row its parameters bind: the two live
// together and never move. `prepare(session, row)` binds the row's members.
template <typename Row>
class PreparedRow {
 public:
  template <typename Prepare>
  PreparedRow(soci::session& s, Prepare&& prepare) : statement(prepare(s, row)) {}
  PreparedRow(const PreparedRow&) = delete;
  PreparedRow& operator=(const PreparedRow&) = delete;
  PreparedRow(PreparedRow&&) = delete;
  PreparedRow& operator=(PreparedRow&&) = delete;
  ~PreparedRow() = default;

  Row row;  // first: the statement binds it
  soci::statement statement;
};

// Executes a kept statement that returns at most one row (a SELECT, an INSERT ... RETURNING)
// into its bound variables and steps it past that row: true when the row came. A statement
// left on a row stays active on SQLite: it keeps the connection's read snapshot open after
// the transaction ends, so later reads on that connection would miss what other connections
// wrote since (store/monitor_store_test.cpp). Every kept statement that returns a row runs
// through this.
inline bool fetch_one(soci::statement& statement) {
  if (!statement.execute(true)) {
    return false;
  }
  statement.fetch();  // no second row: ends the statement, the bound values stay
  return true;
}

// The statement `key` names on `session` (a string literal, as for Session::prepared),
// prepared by `prepare` on first use.
template <typename Row, typename Prepare>
PreparedRow<Row>& prepared_row(Session& session, const char* key, Prepare prepare) {
  return session.prepared<PreparedRow<Row>>(
      key, [&prepare](Session& s) { return std::make_unique<PreparedRow<Row>>(s, prepare); });
}

// The one row `text` selects with `:ref` bound to `ref`, into a Row that binds its own
// columns (Row::bind_into), or nullopt.
template <typename Row>
std::optional<Row> select_one(soci::session& s, const std::string& text, std::string ref) {
  Row row;
  soci::details::prepare_temp_type prep = (s.prepare << text);
  row.bind_into(prep);
  prep, soci::use(ref, "ref");
  soci::statement st(prep);
  st.execute();
  if (!st.fetch()) {
    return std::nullopt;
  }
  return row;
}

// Runs `prep` (its columns bound into `row`) and returns every row.
template <typename Row>
std::vector<Row> fetch_rows(soci::details::prepare_temp_type& prep, Row& row) {
  soci::statement st(prep);
  st.execute();
  std::vector<Row> rows;
  while (st.fetch()) {
    rows.push_back(std::move(row));
    row = Row{};
  }
  return rows;
}

// Every row of `text` (its columns bound by Row::bind_into), in the query's order.
template <typename Row>
std::vector<Row> select_all(soci::session& s, const std::string& text) {
  Row row;
  soci::details::prepare_temp_type prep = (s.prepare << text);
  row.bind_into(prep);
  return fetch_rows(prep, row);
}

// Runs `prep` (its columns bound into `row`, asking one row more than `limit`) and returns
// the rows and whether more followed.
template <typename Row>
std::pair<std::vector<Row>, bool> fetch_page(soci::details::prepare_temp_type& prep, Row& row,
                                             unsigned limit) {
  std::vector<Row> rows = fetch_rows(prep, row);
  const bool more = rows.size() > limit;
  if (more) {
    rows.pop_back();
  }
  return {std::move(rows), more};
}

// A page of the rows `select` ("SELECT columns FROM table", nothing after) returns in id
// order after the id `after` (none: from the first), at most `limit`, and whether more
// follow. Row binds its columns (Row::bind_into).
template <typename Row>
std::pair<std::vector<Row>, bool> select_page_by_id(soci::session& s, const std::string& select,
                                                    const std::optional<std::string>& after,
                                                    unsigned limit) {
  std::string text = select;
  std::string after_id = after.value_or("");
  int fetch = static_cast<int>(limit) + 1;  // one more tells whether a next page exists
  if (after) {
    text += " WHERE id > :after";
  }
  text += " ORDER BY id LIMIT :limit";
  Row row;
  soci::details::prepare_temp_type prep = (s.prepare << text);
  row.bind_into(prep);
  if (after) {
    prep, soci::use(after_id, "after");
  }
  prep, soci::use(fetch, "limit");
  return fetch_page(prep, row, limit);
}

}  // namespace vitrine::store::sql
