// SHA-256 with the x86 SHA extensions (see CSHA256Lanes.h). The instructions keep the state as two
// vectors, ABEF and CDGH; each SHA256RNDS2 does two rounds, SHA256MSG1/MSG2 extend the message schedule.
#include "CSHA256Lanes.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define MEDLAKE_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))
/// The loops over lanes and round groups must unroll completely: the schedule vectors are indexed by
/// the round group, and only constant indices keep them in registers (2x faster, measured).
#if defined(__clang__)
#define MEDLAKE_UNROLL _Pragma("clang loop unroll(full)")
#else
#define MEDLAKE_UNROLL _Pragma("GCC unroll 16")
#endif

/// The round constants of FIPS 180-4 §4.2.2.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int medlake_sha256_lanes_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
}

/// One of the messages advancing together: their states and the four schedule vectors of each.
typedef struct {
    __m128i abef, cdgh, saved_abef, saved_cdgh;
    __m128i schedule[4];
} lane;

/// Rounds 4g … 4g+3 of `l`, whose schedule vector for them is `w`.
MEDLAKE_SHA_TARGET static inline void four_rounds(lane *l, __m128i w, int g) {
    __m128i message = _mm_add_epi32(w, _mm_load_si128((const __m128i *)&round_constants[4 * g]));
    l->cdgh = _mm_sha256rnds2_epu32(l->cdgh, l->abef, message);
    l->abef = _mm_sha256rnds2_epu32(l->abef, l->cdgh, _mm_shuffle_epi32(message, 0x0E));
}

/// W[4g … 4g+3] from the previous sixteen words, kept in `s[(g-4) & 3] … s[(g-1) & 3]`; replaces the oldest.
MEDLAKE_SHA_TARGET static inline __m128i extend_schedule(__m128i s[4], int g) {
    __m128i oldest = s[g & 3], older = s[(g + 1) & 3], newer = s[(g + 2) & 3], newest = s[(g + 3) & 3];
    __m128i sum = _mm_add_epi32(_mm_sha256msg1_epu32(oldest, older), _mm_alignr_epi8(newest, newer, 4));
    s[g & 3] = _mm_sha256msg2_epu32(sum, newest);
    return s[g & 3];
}

MEDLAKE_SHA_TARGET static inline void load_state(lane *l, const uint32_t *state) {
    __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
    l->abef = _mm_alignr_epi8(dcba, efgh, 8);
    l->cdgh = _mm_blend_epi16(efgh, dcba, 0xF0);
}

MEDLAKE_SHA_TARGET static inline void store_state(const lane *l, uint32_t *state) {
    __m128i feba = _mm_shuffle_epi32(l->abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(l->cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/// Compresses `blocks` blocks of `count` messages, the rounds of all of them interleaved. `count` is a
/// constant at each call site, so the loops over lanes unroll and the lanes stay in registers.
MEDLAKE_SHA_TARGET static inline void compress_lanes(
    int count, uint32_t *const *states, const uint8_t *const *data, size_t blocks
) {
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    lane lanes[2];
    const uint8_t *next[2];
    MEDLAKE_UNROLL for (int i = 0; i < count; i++) {
        load_state(&lanes[i], states[i]);
        next[i] = data[i];
    }
    for (size_t block = 0; block < blocks; block++) {
        MEDLAKE_UNROLL for (int i = 0; i < count; i++) {
            lanes[i].saved_abef = lanes[i].abef;
            lanes[i].saved_cdgh = lanes[i].cdgh;
        }
        MEDLAKE_UNROLL for (int g = 0; g < 4; g++) {
            MEDLAKE_UNROLL for (int i = 0; i < count; i++) {
                __m128i words = _mm_loadu_si128((const __m128i *)(next[i] + 16 * g));
                lanes[i].schedule[g] = _mm_shuffle_epi8(words, big_endian);
                four_rounds(&lanes[i], lanes[i].schedule[g], g);
            }
        }
        MEDLAKE_UNROLL for (int g = 4; g < 16; g++) {
            MEDLAKE_UNROLL for (int i = 0; i < count; i++) {
                four_rounds(&lanes[i], extend_schedule(lanes[i].schedule, g), g);
            }
        }
        MEDLAKE_UNROLL for (int i = 0; i < count; i++) {
            lanes[i].abef = _mm_add_epi32(lanes[i].abef, lanes[i].saved_abef);
            lanes[i].cdgh = _mm_add_epi32(lanes[i].cdgh, lanes[i].saved_cdgh);
            next[i] += 64;
        }
    }
    MEDLAKE_UNROLL for (int i = 0; i < count; i++) store_state(&lanes[i], states[i]);
}

MEDLAKE_SHA_TARGET void medlake_sha256_blocks_x1(uint32_t state[8], const uint8_t *data, size_t blocks) {
    compress_lanes(1, &state, &data, blocks);
}

MEDLAKE_SHA_TARGET void medlake_sha256_blocks_x2(uint32_t *states[2], const uint8_t *data[2], size_t blocks) {
    compress_lanes(2, states, data, blocks);
}

#else

int medlake_sha256_lanes_available(void) { return 0; }

void medlake_sha256_blocks_x1(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state, (void)data, (void)blocks;
}

void medlake_sha256_blocks_x2(uint32_t *states[2], const uint8_t *data[2], size_t blocks) {
    (void)states, (void)data, (void)blocks;
}
#endif
