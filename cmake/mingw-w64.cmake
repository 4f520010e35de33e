# CMake toolchain file: cross-compile gostatus for 64-bit Windows with
# Debian's mingw-w64 (package g++-mingw-w64-x86-64-posix) and run the
# resulting .exe files under Wine (ctest, try_run).
#
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64.cmake
#
# The posix-thread flavour of the compilers is used because it is the one
# whose libstdc++ has std::thread/std::mutex; everything (libgcc, libstdc++,
# winpthread) is linked statically so gostatus.exe needs nothing but system
# DLLs.

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(GOSTATUS_MINGW_TRIPLE x86_64-w64-mingw32)

find_program(CMAKE_C_COMPILER NAMES ${GOSTATUS_MINGW_TRIPLE}-gcc-posix ${GOSTATUS_MINGW_TRIPLE}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${GOSTATUS_MINGW_TRIPLE}-g++-posix ${GOSTATUS_MINGW_TRIPLE}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${GOSTATUS_MINGW_TRIPLE}-windres)

# Look for libraries and headers only in the mingw sysroot, never in the
# build host's /usr/include or /usr/lib (glibc headers would shadow mingw's).
set(CMAKE_FIND_ROOT_PATH /usr/${GOSTATUS_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static runtime: no libgcc_s_seh-1.dll, libstdc++-6.dll or libwinpthread-1.dll
# to ship or to find at startup.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")

# ctest (and try_run) run Windows executables through Wine. WINEDEBUG=-all
# silences Wine's fixme/err chatter (and Debian's wrapper's wine32 hint) so a
# test's output is the test's own; WINEPREFIX is taken from the environment
# (scripts/windows/install-deps.sh makes one).
find_program(GOSTATUS_WINE NAMES wine wine64 wine-stable)
if(GOSTATUS_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/env WINEDEBUG=-all ${GOSTATUS_WINE})
endif()

# fmt and xxHash headers, without the host's /usr/include on the path.
include(${CMAKE_CURRENT_LIST_DIR}/host-headers.cmake)
