#include "segment/shell/quote.h"

#include <fmt/format.h>

#include <cctype>

#include "util/utf8.h"

namespace gs {

std::string quote_posix(std::string_view s) {
  // Inside '...' every byte is literal except the quote itself, which is
  // written as '\'' (close, escaped quote, reopen). zsh's RC_QUOTES cannot
  // misread this: no two quotes are ever adjacent inside a quoted run.
  std::string out = "'";
  for (char c : s) {
    if (c == '\0') continue;
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  out += '\'';
  return out;
}

std::string quote_fish(std::string_view s) {
  // fish reads its input as UTF-8: valid sequences go inside '...' (where
  // only \ and ' are special); a byte that is not part of a valid sequence
  // is written outside the quotes as \XHH, fish's escape for a raw byte.
  std::string out;
  bool open = false;
  auto quote = [&](bool want) {
    if (open != want) out += '\'';
    open = want;
  };
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    size_t w = decode_rune(s, i, &r);
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) {
      i++;
      continue;
    }
    if (w == 1 && r == 0xFFFD) {
      quote(false);
      out += fmt::format("\\X{:02X}", c);
      i++;
      continue;
    }
    quote(true);
    if (c == '\\' || c == '\'') out += '\\';
    out.append(s.substr(i, w));
    i += w;
  }
  if (out.empty()) return "''";
  quote(false);
  return out;
}

std::string quote_pwsh(std::string_view s) {
  // ASCII only: printable ASCII in '...' (a quote doubled), everything else
  // as [char]0xHHHH, or [char]::ConvertFromUtf32 above the BMP. The pieces
  // are joined with +, starting from a string so + concatenates.
  std::string out;
  std::string run;
  bool any = false;
  auto piece = [&](const std::string& p, bool is_string) {
    if (any) out += " + ";
    else if (!is_string) out += "'' + ";
    out += p;
    any = true;
  };
  auto flush = [&] {
    if (run.empty()) return;
    piece("'" + run + "'", true);
    run.clear();
  };
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    size_t w = decode_rune(s, i, &r);
    i += w;
    if (r == 0) continue;
    if (r >= 0x20 && r < 0x7F) {
      if (r == '\'') run += "''";
      else run += static_cast<char>(r);
      continue;
    }
    flush();
    if (r > 0xFFFF) piece(fmt::format("[char]::ConvertFromUtf32(0x{:X})", r), true);
    else piece(fmt::format("[char]0x{:04X}", r), false);
  }
  flush();
  if (!any) return "''";
  if (out.find(" + ") != std::string::npos) return "(" + out + ")";
  return out;
}

std::string quote_readable(Shell shell, std::string_view s) {
  if (shell == Shell::pwsh) {
    // A PowerShell verbatim string: only the quote itself is special.
    std::string out = "'";
    for (char c : s) {
      if (c == '\0') continue;
      if (c == '\'') out += "''";
      else out += c;
    }
    return out + "'";
  }
  bool plain = !s.empty();
  for (char c : s)
    plain &= std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/._-+:,=@%").find(c) != std::string_view::npos;
  return plain ? std::string(s) : quote_posix(s);
}

bool split_words(std::string_view s, std::vector<std::string>* out, std::string* err) {
  out->clear();
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out->push_back(word);
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (i + 1 < s.size()) word += s[++i];
      continue;
    }
    if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) {
        if (err) *err = "unterminated ' in flags";
        return false;
      }
      word.append(s.substr(i + 1, end - i - 1));
      i = end;
      continue;
    }
    if (c == '"') {
      size_t j = i + 1;
      for (; j < s.size() && s[j] != '"'; j++) {
        if (s[j] == '\\' && j + 1 < s.size() &&
            (s[j + 1] == '"' || s[j + 1] == '\\' || s[j + 1] == '$' || s[j + 1] == '`'))
          j++;
        word += s[j];
      }
      if (j >= s.size()) {
        if (err) *err = "unterminated \" in flags";
        return false;
      }
      i = j;
      continue;
    }
    word += c;
  }
  if (in_word) out->push_back(word);
  return true;
}

}  // namespace gs
