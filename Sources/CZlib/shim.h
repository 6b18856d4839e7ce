#ifndef MEDLAKE_CZLIB_SHIM_H
#define MEDLAKE_CZLIB_SHIM_H
#include <zlib.h>
#endif
