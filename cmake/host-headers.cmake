# Included by the cross toolchain files (mingw-w64.cmake, aarch64-linux-gnu.cmake).
# fmt and xxHash are used from their headers (fmt compiled once, in util/fmt_lib.cpp), from the Debian packages' headers
# (libfmt-dev, libxxhash-dev). Adding /usr/include itself to the include path
# would let glibc's <stdio.h> & co. shadow mingw's, so only those headers are
# linked into a private directory of the build tree and the cache variables
# the top-level find_path() calls fill are preset to it (find_path keeps a
# cache variable that is already set, so CMakeLists.txt needs no change).
get_property(_gostatus_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
if(NOT _gostatus_in_try_compile)
  set(_gostatus_hdr_dir ${CMAKE_BINARY_DIR}/host-headers)
  file(MAKE_DIRECTORY ${_gostatus_hdr_dir})
  foreach(_h fmt xxhash.h)
    if(EXISTS /usr/include/${_h} AND NOT EXISTS ${_gostatus_hdr_dir}/${_h})
      file(CREATE_LINK /usr/include/${_h} ${_gostatus_hdr_dir}/${_h} SYMBOLIC)
    endif()
  endforeach()
  if(EXISTS ${_gostatus_hdr_dir}/fmt/format.h)
    set(FMT_INCLUDE_DIR ${_gostatus_hdr_dir} CACHE PATH "fmt headers (header-only use)")
  endif()
  if(EXISTS ${_gostatus_hdr_dir}/xxhash.h)
    set(XXHASH_INCLUDE_DIR ${_gostatus_hdr_dir} CACHE PATH "xxHash header (header-only use)")
  endif()
endif()
