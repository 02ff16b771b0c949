#include "http/middleware/middleware.hpp"

#include "http/router.hpp"

namespace vitrine::http {

Response Next::operator()(Request& request) const { return pipeline_->call(index_, request); }

Pipeline::Pipeline(std::vector<std::unique_ptr<Middleware>> chain, const Router& router)
    : chain_(std::move(chain)), router_(router) {}

Response Pipeline::handle(Request& request) {
  request.received_at = std::chrono::steady_clock::now();
  return call(0, request);
}

Response Pipeline::call(std::size_t index, Request& request) const {
  if (index == chain_.size()) {
    return router_.dispatch(request);
  }
  return chain_[index]->handle(request, Next(*this, index + 1));
}

}  // namespace vitrine::http
