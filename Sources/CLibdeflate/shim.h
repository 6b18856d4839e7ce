#ifndef MEDLAKE_CLIBDEFLATE_SHIM_H
#define MEDLAKE_CLIBDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
