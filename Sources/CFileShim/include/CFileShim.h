// What Swift's Glibc module does not import: flags defined only under _GNU_SOURCE.
#ifndef MEDLAKE_CFILE_SHIM_H
#define MEDLAKE_CFILE_SHIM_H

/// The open(2) flag that asks for direct I/O (O_DIRECT), or 0 where the platform has none.
int medlake_open_direct_flag(void);
#endif
