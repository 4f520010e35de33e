#include "cache/key.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cache/wire.h"

namespace gs::cache {

std::string Key::hex() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s(32, '0');
  for (int i = 0; i < 16; ++i) {
    s[static_cast<size_t>(i)] = digits[(hi >> (60 - 4 * i)) & 0xf];
    s[static_cast<size_t>(16 + i)] = digits[(lo >> (60 - 4 * i)) & 0xf];
  }
  return s;
}

KeyBuilder::KeyBuilder(std::string_view domain) {
  buf_.reserve(256);
  add(domain);
}

void KeyBuilder::put_tag_and_len(char tag, uint64_t len) {
  buf_.push_back(tag);
  wire::put_u64(&buf_, len);
}

KeyBuilder& KeyBuilder::add(std::string_view field) {
  put_tag_and_len('s', field.size());
  buf_.append(field);
  return *this;
}

KeyBuilder& KeyBuilder::add_u64(uint64_t field) {
  put_tag_and_len('u', 8);
  wire::put_u64(&buf_, field);
  return *this;
}

KeyBuilder& KeyBuilder::add_i64(int64_t field) {
  put_tag_and_len('i', 8);
  wire::put_u64(&buf_, static_cast<uint64_t>(field));
  return *this;
}

KeyBuilder& KeyBuilder::add_bool(bool field) {
  put_tag_and_len('b', 1);
  buf_.push_back(field ? 1 : 0);
  return *this;
}

Key KeyBuilder::finish() const {
  XXH128_hash_t h = XXH3_128bits(buf_.data(), buf_.size());
  return Key{h.high64, h.low64};
}

}  // namespace gs::cache
