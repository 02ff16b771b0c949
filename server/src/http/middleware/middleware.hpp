#pragma once
// The middleware interface and the pipeline that runs a chain of them in front of the router.
// The chain itself is assembled in one place: app/pipeline.cpp.

#include <memory>
#include <vector>

#include "http/message.hpp"

namespace vitrine::http {

class Router;
class Pipeline;

// Calls the rest of the chain.
class Next {
 public:
  Response operator()(Request& request) const;

 private:
  friend class Pipeline;
  Next(const Pipeline& pipeline, std::size_t index) : pipeline_(&pipeline), index_(index) {}
  const Pipeline* pipeline_;
  std::size_t index_;
};

class Middleware {
 public:
  virtual ~Middleware() = default;
  virtual Response handle(Request& request, const Next& next) = 0;
};

class Pipeline final : public RequestHandler {
 public:
  // `chain` runs outermost first; the router answers at the end.
  Pipeline(std::vector<std::unique_ptr<Middleware>> chain, const Router& router);
  Response handle(Request& request) override;

 private:
  friend class Next;
  Response call(std::size_t index, Request& request) const;

  std::vector<std::unique_ptr<Middleware>> chain_;
  const Router& router_;
};

}  // namespace vitrine::http
