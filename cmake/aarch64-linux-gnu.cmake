# CMake toolchain file: cross-compile gostatus for 64-bit ARM Linux with
# Debian's g++-aarch64-linux-gnu, and run the results (ctest, try_run) under
# qemu-user-static.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
#
# GoogleTest is built from /usr/src/googletest (tests/CMakeLists.txt): the
# host's libgtest is amd64 only.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(GOSTATUS_CROSS_TRIPLE aarch64-linux-gnu)

find_program(CMAKE_C_COMPILER NAMES ${GOSTATUS_CROSS_TRIPLE}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${GOSTATUS_CROSS_TRIPLE}-g++ REQUIRED)

set(CMAKE_FIND_ROOT_PATH /usr/${GOSTATUS_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(GOSTATUS_QEMU NAMES qemu-aarch64-static qemu-aarch64)
if(GOSTATUS_QEMU)
  # -L: where qemu finds the target's loader and libc for the dynamically
  # linked test programs (gostatus itself is static).
  set(CMAKE_CROSSCOMPILING_EMULATOR ${GOSTATUS_QEMU} -L /usr/${GOSTATUS_CROSS_TRIPLE})
endif()

# fmt and xxHash are used from their headers (fmt compiled once, in util/fmt_lib.cpp), which are architecture-independent:
# without the host's /usr/include on the path (it would shadow the target's).
include(${CMAKE_CURRENT_LIST_DIR}/host-headers.cmake)
