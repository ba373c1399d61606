// Thin shim over the system zlib: inflateInit2 is a macro Swift cannot call.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 with the library's own version and struct size (what the macro passes).
static inline int tb_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2_(strm, windowBits, ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
