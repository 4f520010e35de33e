/* envexec.exe ENVFILE PROGRAM [ARGS...]
 *
 * Runs PROGRAM with exactly the environment in ENVFILE and no other, waits,
 * and exits with its exit code. ENVFILE holds NAME=value entries in UTF-8,
 * each ended by a NUL byte. The e2e suites under Wine use it because Wine
 * composes a Windows process's environment from its own registry and
 * rewrites PATH, USERPROFILE, APPDATA & co.: with an explicit block,
 * gostatus.exe and go.exe see byte-for-byte the same variables, including
 * unset ones and non-ASCII values.
 *
 * Arguments are taken from the wide command line and passed on quoted by
 * the rules CommandLineToArgvW (and Go's os.Args) undo. The child inherits
 * stdin, stdout and stderr.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -municode -static -o envexec.exe envexec.c
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void append_quoted(wchar_t **buf, size_t *len, size_t *cap, const wchar_t *arg) {
  size_t need = *len + wcslen(arg) * 2 + 4;
  if (need > *cap) {
    *cap = need * 2;
    *buf = realloc(*buf, *cap * sizeof(wchar_t));
  }
  wchar_t *b = *buf;
  if (*len) b[(*len)++] = L' ';
  if (*arg && !wcspbrk(arg, L" \t\n\v\"")) {
    while (*arg) b[(*len)++] = *arg++;
    b[*len] = 0;
    return;
  }
  b[(*len)++] = L'"';
  for (const wchar_t *p = arg;; ++p) {
    size_t slashes = 0;
    while (*p == L'\\') { ++p; ++slashes; }
    if (!*p) {
      for (size_t i = 0; i < slashes * 2; ++i) b[(*len)++] = L'\\';
      break;
    }
    if (*p == L'"') {
      for (size_t i = 0; i < slashes * 2 + 1; ++i) b[(*len)++] = L'\\';
    } else {
      for (size_t i = 0; i < slashes; ++i) b[(*len)++] = L'\\';
    }
    b[(*len)++] = *p;
  }
  b[(*len)++] = L'"';
  b[*len] = 0;
}

int wmain(void) {
  int argc = 0;
  wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
  if (!argv || argc < 3) {
    fputs("usage: envexec ENVFILE PROGRAM [ARGS...]\n", stderr);
    return 125;
  }
  HANDLE f = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  if (f == INVALID_HANDLE_VALUE) {
    fprintf(stderr, "envexec: cannot open the environment file (error %lu)\n", GetLastError());
    return 125;
  }
  DWORD size = GetFileSize(f, NULL), got = 0;
  char *data = malloc(size + 1);
  if (!ReadFile(f, data, size, &got, NULL) || got != size) {
    fputs("envexec: cannot read the environment file\n", stderr);
    return 125;
  }
  CloseHandle(f);
  /* UTF-8 entries, NUL-terminated, become a UTF-16 block ending in two NULs. */
  int wn = MultiByteToWideChar(CP_UTF8, 0, data, (int)size, NULL, 0);
  wchar_t *block = calloc((size_t)wn + 2, sizeof(wchar_t));
  if (wn > 0) MultiByteToWideChar(CP_UTF8, 0, data, (int)size, block, wn);
  if (size == 0) block[0] = 0;

  wchar_t *cmd = NULL;
  size_t len = 0, cap = 0;
  for (int i = 2; i < argc; ++i) append_quoted(&cmd, &len, &cap, argv[i]);

  STARTUPINFOW si;
  PROCESS_INFORMATION pi;
  ZeroMemory(&si, sizeof si);
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
  if (!CreateProcessW(argv[2], cmd, NULL, NULL, TRUE, CREATE_UNICODE_ENVIRONMENT, block, NULL, &si, &pi)) {
    fprintf(stderr, "envexec: cannot run the program (error %lu)\n", GetLastError());
    return 126;
  }
  WaitForSingleObject(pi.hProcess, INFINITE);
  DWORD code = 1;
  GetExitCodeProcess(pi.hProcess, &code);
  return (int)code;
}
