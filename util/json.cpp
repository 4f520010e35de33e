// JSON strings: encoding/json's string encoder and a decoder for strings and
// flat objects of strings (see util/json.h).
#include "util/json.h"

#include <cstdint>

#include "util/utf8.h"

namespace gs {

void append_json_string(std::string* out, std::string_view s, JsonStyle style) {
  static const char hex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const bool html = c == '<' || c == '>' || c == '&';
      if (c >= 0x20 && c != '"' && c != '\\' && !(html && style.escape_html)) {
        out->push_back(static_cast<char>(c));
      } else if (c == '"' || c == '\\') {
        out->push_back('\\');
        out->push_back(static_cast<char>(c));
      } else if (c == '\n') {
        *out += "\\n";
      } else if (c == '\r') {
        *out += "\\r";
      } else if (c == '\t') {
        *out += "\\t";
      } else if (style.short_bf && c == '\b') {
        *out += "\\b";
      } else if (style.short_bf && c == '\f') {
        *out += "\\f";
      } else {
        *out += "\\u00";
        out->push_back(hex[c >> 4]);
        out->push_back(hex[c & 0xF]);
      }
      ++i;
      continue;
    }
    uint32_t r;
    size_t w = decode_rune(s, i, &r);
    if (w == 1 && r == kRuneError) {
      *out += style.raw_replacement ? "\xef\xbf\xbd" : "\\ufffd";
    } else if (r == 0x2028 || r == 0x2029) {
      *out += r == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out->append(s.substr(i, w));
    }
    i += w;
  }
  out->push_back('"');
}

namespace {

// decode.go getu4: the XXXX of a "\uXXXX" at s[at], or -1.
int32_t getu4(std::string_view s, size_t at) {
  if (at + 6 > s.size() || s[at] != '\\' || s[at + 1] != 'u') return -1;
  int32_t v = 0;
  for (size_t k = at + 2; k < at + 6; ++k) {
    char h = s[k];
    int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

}  // namespace

bool read_json_string(std::string_view s, size_t* i, std::string* out) {
  if (*i >= s.size() || s[*i] != '"') return false;
  out->clear();
  size_t j = *i + 1;
  while (j < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[j]);
    if (c == '"') {
      *i = j + 1;
      return true;
    }
    if (c < 0x20) return false;
    if (c >= 0x80) {  // coerced to well-formed UTF-8
      uint32_t r;
      j += decode_rune(s, j, &r);
      append_rune(out, r);
      continue;
    }
    if (c != '\\') {
      out->push_back(static_cast<char>(c));
      ++j;
      continue;
    }
    if (j + 1 >= s.size()) return false;
    switch (s[j + 1]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        int32_t r = getu4(s, j);
        if (r < 0) return false;
        j += 6;
        if (r >= 0xD800 && r < 0xE000) {
          // utf16.DecodeRune: a high surrogate followed by a low one.
          const int32_t lo = getu4(s, j);
          if (r < 0xDC00 && lo >= 0xDC00 && lo < 0xE000) {
            append_rune(out, 0x10000 + ((static_cast<uint32_t>(r) - 0xD800) << 10) + (static_cast<uint32_t>(lo) - 0xDC00));
            j += 6;
            continue;
          }
          r = static_cast<int32_t>(kRuneError);
        }
        append_rune(out, static_cast<uint32_t>(r));
        continue;
      }
      default: return false;
    }
    j += 2;
  }
  return false;
}

}  // namespace gs
