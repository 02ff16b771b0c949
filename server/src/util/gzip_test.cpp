// gzip output that zlib's own inflate (in gzip mode) reads back byte for byte.
#include "util/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace vitrine::util {
namespace {

std::string gunzip(const std::string& packed, std::size_t size) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));  // NOLINT
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT(*-reinterpret-cast)
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Gzip, round_trips_and_shrinks_repetitive_text) {
  std::string json;
  for (int i = 0; i < 2000; ++i) {
    json += R"({"id":")" + std::to_string(i) + R"(","state":"up","uptime_24h":1},)";
  }
  for (const int level : {1, 6, 9}) {
    const std::string packed = gzip(json, level);
    EXPECT_EQ(packed.substr(0, 2), "\x1f\x8b");  // the gzip magic
    EXPECT_LT(packed.size(), json.size() / 5);
    EXPECT_EQ(gunzip(packed, json.size()), json);
  }
  EXPECT_EQ(gunzip(gzip(""), 16), "");
}

}  // namespace
}  // namespace vitrine::util
