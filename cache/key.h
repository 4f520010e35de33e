// Cache keys: an XXH3-128 digest of a canonical encoding of the fields that
// decide a cached value. The encoding tags and length-prefixes every field,
// so ("ab", "c") and ("a", "bc"), or the string "7" and the number 7, can
// never produce the same input to the hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gs::cache {

struct Key {
  uint64_t hi = 0;
  uint64_t lo = 0;

  // 32 lowercase hex digits, hi first: the entry's file name.
  std::string hex() const;
  bool operator==(const Key&) const = default;
};

class KeyBuilder {
 public:
  // domain names what is being keyed (and its schema version), so two users
  // of one cache directory cannot collide by feeding the same fields.
  explicit KeyBuilder(std::string_view domain);

  KeyBuilder& add(std::string_view field);
  KeyBuilder& add_u64(uint64_t field);
  KeyBuilder& add_i64(int64_t field);
  KeyBuilder& add_bool(bool field);

  Key finish() const;

 private:
  void put_tag_and_len(char tag, uint64_t len);
  std::string buf_;   // keys are small; hashing once at the end is simplest
};

}  // namespace gs::cache
