// fmt, compiled once. The rest of the code includes <fmt/format.h> without
// FMT_HEADER_ONLY, so that its formatting engine (vformat_to, the number
// writers, dragonbox) is declared there and defined only here, instead of
// being instantiated into every file that formats and left to the linker to
// fold. This is fmt 9's src/format.cc, which Debian's libfmt-dev does not
// ship as source, and whose libfmt.a it does not ship at all (the static
// binary cannot link libfmt.so); the mingw-w64 cross build uses the same
// headers and this same file.
//
// FMT_STATIC_THOUSANDS_SEPARATOR (set for every file in CMakeLists.txt) keeps
// std::locale out: gostatus never formats with {:L}.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                                 locale_ref);

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API void buffer<wchar_t>::append(const wchar_t*, const wchar_t*);

}  // namespace detail
FMT_END_NAMESPACE
