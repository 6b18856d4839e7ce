#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "CFileShim.h"

int medlake_open_direct_flag(void) {
#ifdef O_DIRECT
    return O_DIRECT;
#else
    return 0;
#endif
}

int medlake_syncfs(int descriptor) {
#ifdef __linux__
    return syncfs(descriptor);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int medlake_write_range_and_wait(int descriptor, long long offset, long long length) {
#ifdef __linux__
    return sync_file_range(descriptor, offset, length,
                           SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
#else
    errno = ENOSYS;
    return -1;
#endif
}
