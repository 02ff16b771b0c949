#pragma once
// The routes every versioned resource collection has, registered one way: GET and POST on
// the collection, GET, PATCH and DELETE on `collection/{id}`, each calling the member of
// the resource's API object of the same name (list, create, get, patch, remove).

#include <memory>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace vitrine::api {

template <typename Api>
void add_resource_routes(http::Router& router, std::string_view collection,
                         std::shared_ptr<Api> api) {
  using http::Method;
  using http::Request;
  const std::string all(collection);
  const std::string item = all + "/{id}";
  router.add(Method::kGet, all, [api](const Request& r) { return api->list(r); });
  router.add(Method::kPost, all, [api](const Request& r) { return api->create(r); });
  router.add(Method::kGet, item, [api](const Request& r) { return api->get(r); });
  router.add(Method::kPatch, item, [api](const Request& r) { return api->patch(r); });
  router.add(Method::kDelete, item, [api](const Request& r) { return api->remove(r); });
}

}  // namespace vitrine::api
