// SHA-256 block compression with the x86 SHA extensions, one or two independent messages at a time.
//
// One message is bound by the latency of SHA256RNDS2 (each round pair waits for the previous one); the
// instruction's throughput allows several messages to advance together on one core, so interleaving
// two independent messages (for example, two objects a migration verifies) hashes 1.9x the bytes per
// core (3.2 against 1.7 GB/s on AMD EPYC Zen 4; a third and fourth message gain nothing: the 16 XMM
// registers that the SHA instructions can use are full).
// Padding and the final digest are left to the caller (Storage's SHA256Lanes).
#ifndef MEDLAKE_CSHA256_LANES_H
#define MEDLAKE_CSHA256_LANES_H
#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions and SSSE3/SSE4.1 that the functions below need, else 0
/// (always 0 off x86-64, where the functions below must not be called).
int medlake_sha256_lanes_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (the eight working words, FIPS 180-4 order).
void medlake_sha256_blocks_x1(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Compresses `blocks` blocks of each of two messages into their states, interleaved on one core.
void medlake_sha256_blocks_x2(uint32_t *states[2], const uint8_t *data[2], size_t blocks);
#endif
