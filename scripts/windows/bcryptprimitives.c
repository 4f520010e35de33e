/* bcryptprimitives.dll for Wine 8: exports ProcessPrng and nothing else.
 *
 * Why: from go1.21 on, every Windows Go binary loads ProcessPrng from
 * bcryptprimitives.dll at startup and throws "bcryptprimitives.dll not
 * found" without it (/usr/share/go-1.27/src/runtime/os_windows.go,
 * loadOptionalSyscalls; crypto/rand reaches the same function through
 * internal/syscall/windows). Wine 8.0, Debian bookworm's, has no such DLL,
 * so a go1.21+ go.exe cannot run under it. This stand-in fills the buffer
 * through advapi32's SystemFunction036 (RtlGenRandom), the call go1.19's
 * runtime made itself, so what go.exe does under Wine is otherwise its own.
 *
 * Only for running go.exe under Wine in the tests: scripts/windows/install-deps.sh
 * builds it and puts it in the Wine prefix's windows\system32, and
 * scripts/windows/env.sh sets WINEDLLOVERRIDES=...;bcryptprimitives=n.
 * Windows 8.1 and newer ship the real one.
 *
 * Build (no C runtime, imports advapi32 only):
 *   x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -Wl,-e,DllEntry \
 *     -Wl,--no-insert-timestamp -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

/* advapi32's export; ntsecapi.h calls it RtlGenRandom. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Documented as BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData), always
 * TRUE on Windows; here FALSE when RtlGenRandom fails, which Go turns into a
 * fatal error rather than use an unfilled buffer. RtlGenRandom takes a ULONG
 * length, hence the chunks. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG n = size > 0x40000000u ? 0x40000000u : (ULONG)size;
    if (!SystemFunction036(data, n)) {
      return FALSE;
    }
    data += n;
    size -= n;
  }
  return TRUE;
}

/* The entry point in place of the C runtime's (-nostdlib): nothing to set up. */
BOOL WINAPI DllEntry(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reason;
  (void)reserved;
  return TRUE;
}
