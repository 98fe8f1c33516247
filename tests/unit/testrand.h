/* SPDX-License-Identifier: GPL-2.0 */
/* A deterministic generator for unit tests, so a failure reproduces. */
#ifndef CMB_TESTRAND_H
#define CMB_TESTRAND_H

#include <stdint.h>

/* xorshift64*, from a fixed seed per test program. */
static inline uint64_t rnd(void)
{
	static uint64_t state = 0x9e3779b97f4a7c15ULL;

	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

#endif
