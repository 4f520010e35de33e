// Go's strconv.Quote, QuoteRune, IsPrint and Unquote (strconv/quote.go).
#include "segment/golang/strconv.h"

#include <algorithm>
#include <iterator>

#include "segment/golang/isprint_table.h"
#include "util/utf8.h"

namespace gs {

bool is_print(uint32_t r) {
  // quote.go IsPrint: Latin-1 by hand, then the generated tables. isPrint*
  // hold inclusive [lo, hi] pairs; isNotPrint* the exceptions inside them.
  if (r <= 0xFF) {
    if (0x20 <= r && r <= 0x7E) return true;
    if (0xA1 <= r && r <= 0xFF) return r != 0xAD;
    return false;
  }
  auto in_pairs = [](const auto& pairs, auto x) {
    auto it = std::lower_bound(std::begin(pairs), std::end(pairs), x);
    if (it == std::end(pairs)) return false;
    const size_t i = static_cast<size_t>(it - std::begin(pairs));
    return pairs[i & ~size_t{1}] <= x && x <= pairs[i | 1];
  };
  auto listed = [](const auto& list, auto x) { return std::binary_search(std::begin(list), std::end(list), x); };
  if (r < 0x10000) {
    const auto x = static_cast<uint16_t>(r);
    return in_pairs(isprint::isPrint16, x) && !listed(isprint::isNotPrint16, x);
  }
  if (!in_pairs(isprint::isPrint32, r)) return false;
  if (r >= 0x20000) return true;
  return !listed(isprint::isNotPrint32, static_cast<uint16_t>(r - 0x10000));
}

namespace {

constexpr char kLowerHex[] = "0123456789abcdef";

// quote.go appendEscapedRune (ASCIIonly and graphicOnly false).
void append_escaped_rune(std::string* out, uint32_t r, char quote) {
  if (r == static_cast<unsigned char>(quote) || r == '\\') {
    out->push_back('\\');
    out->push_back(static_cast<char>(r));
    return;
  }
  if (is_print(r)) {
    append_rune(out, r);
    return;
  }
  switch (r) {
    case '\a': *out += "\\a"; return;
    case '\b': *out += "\\b"; return;
    case '\f': *out += "\\f"; return;
    case '\n': *out += "\\n"; return;
    case '\r': *out += "\\r"; return;
    case '\t': *out += "\\t"; return;
    case '\v': *out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    *out += "\\x";
    out->push_back(kLowerHex[r >> 4 & 0xF]);
    out->push_back(kLowerHex[r & 0xF]);
    return;
  }
  if (!valid_rune(r)) r = kRuneError;
  const int digits = r < 0x10000 ? 4 : 8;
  *out += digits == 4 ? "\\u" : "\\U";
  for (int sh = (digits - 1) * 4; sh >= 0; sh -= 4) out->push_back(kLowerHex[r >> sh & 0xF]);
}

}  // namespace

std::string go_quote(std::string_view s) {
  // quote.go appendQuotedWith.
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    const size_t w = decode_rune(s, i, &r);
    if (w == 1 && r == kRuneError) {  // an invalid byte: itself, escaped
      const auto c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out.push_back(kLowerHex[c >> 4]);
      out.push_back(kLowerHex[c & 0xF]);
    } else {
      append_escaped_rune(&out, r, '"');
    }
    i += w;
  }
  out.push_back('"');
  return out;
}

std::string go_quote_rune(uint32_t r) {
  // quote.go appendQuotedRuneWith.
  if (!valid_rune(r)) r = kRuneError;
  std::string out = "'";
  append_escaped_rune(&out, r, '\'');
  out.push_back('\'');
  return out;
}

namespace {

int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool go_unquote_prefix(std::string_view s, size_t* len, std::string* out) {
  if (s.size() < 2) return false;
  const char q = s[0];
  if (q == '`') {
    size_t end = s.find('`', 1);
    if (end == std::string_view::npos) return false;
    if (out) {
      out->clear();
      for (size_t i = 1; i < end; i++) {
        if (s[i] != '\r') out->push_back(s[i]);  // raw strings drop carriage returns
      }
    }
    *len = end + 1;
    return true;
  }
  if (q != '"') return false;
  std::string buf;
  size_t i = 1;
  while (i < s.size() && s[i] != '"') {
    const uint8_t c = static_cast<uint8_t>(s[i]);
    if (c == '\n') return false;
    if (c >= 0x80) {  // an invalid byte decodes to U+FFFD
      uint32_t r;
      i += decode_rune(s, i, &r);
      append_rune(&buf, r);
      continue;
    }
    if (c != '\\') {
      buf.push_back(static_cast<char>(c));
      i++;
      continue;
    }
    if (i + 1 >= s.size()) return false;
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': buf.push_back('\a'); break;
      case 'b': buf.push_back('\b'); break;
      case 'f': buf.push_back('\f'); break;
      case 'n': buf.push_back('\n'); break;
      case 'r': buf.push_back('\r'); break;
      case 't': buf.push_back('\t'); break;
      case 'v': buf.push_back('\v'); break;
      case '\\': buf.push_back('\\'); break;
      case '"': buf.push_back('"'); break;
      case 'x':
      case 'u':
      case 'U': {
        const size_t nd = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (s.size() - i < nd) return false;
        uint32_t v = 0;
        for (size_t j = 0; j < nd; j++) {
          int d = unhex(s[i + j]);
          if (d < 0) return false;
          v = v << 4 | static_cast<uint32_t>(d);
        }
        i += nd;
        if (e == 'x') {
          buf.push_back(static_cast<char>(v));  // a single byte, maybe not UTF-8
        } else {
          if (!valid_rune(v)) return false;
          append_rune(&buf, v);
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (s.size() - i < 2) return false;
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (size_t j = 0; j < 2; j++) {
          char d = s[i + j];
          if (d < '0' || d > '7') return false;
          v = v << 3 | static_cast<uint32_t>(d - '0');
        }
        i += 2;
        if (v > 255) return false;
        buf.push_back(static_cast<char>(v));
        break;
      }
      default:
        return false;  // including \' inside a "..." string
    }
  }
  if (i >= s.size()) return false;  // no closing quote
  *len = i + 1;
  if (out) *out = std::move(buf);
  return true;
}

bool go_unquote(std::string_view s, std::string* out) {
  size_t len = 0;
  return go_unquote_prefix(s, &len, out) && len == s.size();
}

}  // namespace gs
