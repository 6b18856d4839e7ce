// What Swift's Glibc module does not import: flags defined only under _GNU_SOURCE.
#ifndef MEDLAKE_CFILE_SHIM_H
#define MEDLAKE_CFILE_SHIM_H

/// The open(2) flag that asks for direct I/O (O_DIRECT), or 0 where the platform has none.
int medlake_open_direct_flag(void);

/// syncfs(2): writes back the dirty data and inodes of the file system holding `descriptor`, then
/// flushes the disk's cache. Returns 0, or -1 with errno (ENOSYS where the platform has no syncfs).
int medlake_syncfs(int descriptor);

/// sync_file_range(2) with WAIT_BEFORE | WRITE | WAIT_AFTER: writes the range's dirty pages and waits,
/// reporting a write error; no metadata, no cache flush. Returns 0, or -1 with errno (ENOSYS elsewhere).
int medlake_write_range_and_wait(int descriptor, long long offset, long long length);
#endif
