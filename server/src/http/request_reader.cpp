#include "http/request_reader.hpp"
#include "util/text.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>

namespace vitrine::http {

namespace beast_http = boost::beast::http;

struct RequestReader::Impl {
  std::optional<beast_http::request_parser<beast_http::string_body>> parser;
};

RequestReader::RequestReader(Limits limits) : impl_(std::make_unique<Impl>()), limits_(limits) {
  reset();
}

RequestReader::~RequestReader() = default;

void RequestReader::reset() {
  auto& p = impl_->parser.emplace();
  p.header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  p.body_limit(limits_.max_body_bytes);
  p.eager(true);
  state_ = State::kNeedMore;
  error_.clear();
}

std::size_t RequestReader::feed(std::string_view data) {
  if (state_ != State::kNeedMore) {
    return 0;
  }
  auto& p = *impl_->parser;
  boost::beast::error_code ec;
  const std::size_t used = p.put(boost::asio::buffer(data.data(), data.size()), ec);
  if (ec == beast_http::error::need_more) {
    ec = {};
  }
  if (ec) {
    if (ec == beast_http::error::header_limit) {
      state_ = State::kHeaderTooLarge;
    } else if (ec == beast_http::error::body_limit) {
      state_ = State::kBodyTooLarge;
    } else {
      state_ = State::kMalformed;
    }
    error_ = ec.message();
    return used;
  }
  if (p.is_done()) {
    state_ = State::kComplete;
  }
  return used;
}

bool RequestReader::header_done() const { return impl_->parser->is_header_done(); }

bool RequestReader::expects_continue() const {
  const auto& p = *impl_->parser;
  if (!p.is_header_done() || p.is_done()) {
    return false;
  }
  const auto& msg = p.get();
  const auto it = msg.find(beast_http::field::expect);
  const auto value = it == msg.end() ? boost::beast::string_view() : it->value();
  return util::iequals({value.data(), value.size()}, "100-continue");
}

Method RequestReader::method() const {
  const auto method = impl_->parser->get().method_string();
  return parse_method({method.data(), method.size()});
}

Request RequestReader::request() const {
  const auto& msg = impl_->parser->get();
  Request r;
  const auto method = msg.method_string();
  r.method_text = {method.data(), method.size()};
  r.method = parse_method(r.method_text);
  const auto target = msg.target();
  r.target = {target.data(), target.size()};
  const std::size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string_view::npos) {
    r.query = r.target.substr(q + 1);
  }
  r.headers.reserve(16);
  for (const auto& field : msg) {
    const auto name = field.name_string();
    const auto value = field.value();
    r.headers.push_back({{name.data(), name.size()}, {value.data(), value.size()}});
  }
  r.body = msg.body();
  r.keep_alive = msg.keep_alive();
  r.http10 = msg.version() == 10;
  return r;
}

}  // namespace vitrine::http
