#pragma once
// The failures a store reports in its own terms; api/ maps them to problem types.

#include <stdexcept>
#include <string>

namespace vitrine::store {

// The database cannot serve now: no connection within the acquire timeout, connection
// lost, server down, statement timeout, busy. Retrying later may succeed (503).
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A uniqueness rule would be broken; `field` names it ("slug").
class Conflict : public std::runtime_error {
 public:
  Conflict(std::string field, const std::string& what)
      : std::runtime_error(what), field_(std::move(field)) {}
  [[nodiscard]] const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// The schema cannot be used: a released migration changed, the database is newer than
// this binary, or migrations are pending with auto-migration off. Stops the start.
class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vitrine::store
