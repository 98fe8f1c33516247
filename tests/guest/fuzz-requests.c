// SPDX-License-Identifier: GPL-2.0
/* cmbench-fuzz's requests: random, edge values, well formed or one field off. */
#include <errno.h>
#include <string.h>

#include "fuzz.h"

uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

int chance(unsigned int percent)
{
	return rnd() % 100 < percent;
}

uint64_t edge64(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 7, 8, 63, 64, 65, 4095, 4096, 4097,
		CMBENCH_MAX_OFFSET, CMBENCH_MAX_OFFSET + 1,
		CMBENCH_MAX_PAGES_SIZE, CMBENCH_MAX_PAGES_SIZE + 1,
		CMBENCH_MAX_SIZE, CMBENCH_MAX_SIZE + 1,
		CMBENCH_MAX_ITERS, CMBENCH_MAX_ITERS + 1, CMBENCH_MAX_PGSIZE,
		1ULL << 31, (1ULL << 32) - 1, 1ULL << 32, (1ULL << 32) + 1,
		1ULL << 63, ~0ULL - 1, ~0ULL,
	};

	if (chance(10))
		return rnd();
	return v[rnd() % (sizeof(v) / sizeof(v[0]))];
}

uint32_t edge32(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 5, 255, 256, 257, 511, 512, 513,
		CMBENCH_MAX_PAGES, CMBENCH_MAX_PAGES + 1, CMBENCH_MAX_BATCH,
		CMBENCH_MAX_BATCH + 1, CMBENCH_HIST_BUCKETS - 1, CMBENCH_HIST_BUCKETS,
		CMBENCH_OP_MAX, CMBENCH_OP_MAX + 1, 1U << 31, ~0U - 1, ~0U,
	};

	if (chance(10))
		return (uint32_t)rnd();
	return v[rnd() % (sizeof(v) / sizeof(v[0]))];
}

/* A request the op's OP_INFO flags say is well formed (the kernel may still refuse it). */
void well_formed(struct cmbench_run_in *in, uint32_t op)
{
	uint32_t f = ops[op].flags;

	memset(in, 0, sizeof(*in));
	in->op = op;
	in->iters = chance(5) ? 100000 + rnd() % 1000000 : 1 + rnd() % 64;
	in->hist_ptr = (uintptr_t)hist;
	in->hist_len = CMBENCH_HIST_BUCKETS;
	in->clock = rnd() % CMBENCH_CLOCK_MAX;
	if (f & CMBENCH_OPF_BUFFER) {
		/* Mostly small: a 64M buffer takes seconds per pass under TCG. */
		in->size = chance(3) ? 1ULL << (20 + rnd() % 7) : 1 + rnd() % 65536;
		in->offset = chance(20) ? rnd() % 4096 : 0;
		in->state = rnd() % CMBENCH_STATE_MAX;
		if (in->size > (1 << 20))
			in->iters = 1 + rnd() % 4;
	}
	if (f & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT))
		in->pages = 1 + (chance(3) ? rnd() % CMBENCH_MAX_PAGES : rnd() % 32);
	if (f & CMBENCH_OPF_DIR)
		in->dir = rnd() % CMBENCH_DIR_MAX;
	if ((f & CMBENCH_OPF_HIGHMEM) && chance(50))
		in->flags |= CMBENCH_RUNF_HIGHMEM;
	if (f & CMBENCH_OPF_IOPT) {
		/*
		 * Mostly a page or block size the format has (LPAE 4K
		 * granule: 4K 2M 1G; v7s: 4K 64K 1M 16M) and often one page,
		 * so that iopt_split, which takes one block, gets to run.
		 */
		static const uint8_t lpae[] = { 12, 21, 30 }, v7s[] = { 12, 16, 20, 24 };

		in->fmt = rnd() % CMBENCH_IOPT_MAX;
		if (chance(20))
			in->pgsize = 1ULL << (12 + rnd() % 19);
		else if (in->fmt == CMBENCH_IOPT_V7S)
			in->pgsize = 1ULL << v7s[rnd() % 4];
		else
			in->pgsize = 1ULL << lpae[rnd() % 3];
		if (chance(30))
			in->pages = 1;
		if (chance(50))
			in->flags |= CMBENCH_RUNF_COHERENT_WALK;
	}
	if ((f & CMBENCH_OPF_BATCH) && chance(30)) {
		in->batch = 1 + rnd() % 16;
		in->iters = in->batch * (1 + rnd() % 16);
	}
}

/*
 * One field set to an edge value. Returns the errno it must give when the
 * field alone decides (reserved, pad, unknown flags: EINVAL), else 0.
 */
int mutate(struct cmbench_run_in *in)
{
	switch (rnd() % 16) {
	case 0: in->op = edge32(); return in->op >= CMBENCH_OP_MAX ? EINVAL : 0;
	case 1: in->flags = edge32(); return in->flags & ~CMBENCH_RUNF_VALID ? EINVAL : 0;
	case 2: in->iters = edge64(); return (!in->iters || in->iters > CMBENCH_MAX_ITERS) ? EINVAL : 0;
	case 3: in->size = edge64(); return 0;
	case 4: in->offset = edge64(); return 0;
	case 5: in->state = edge32(); return 0;
	case 6: in->hist_len = edge32(); return in->hist_len != CMBENCH_HIST_BUCKETS ? EINVAL : 0;
	case 7: in->pages = edge32(); return 0;
	case 8: in->dir = edge32(); return 0;
	case 9: in->fmt = edge32(); return 0;
	case 10: in->batch = edge32(); return 0;
	case 11: in->pgsize = edge64(); return 0;
	case 12: in->clock = edge32(); return 0;
	case 13: in->pad = edge32() | 1; return EINVAL;
	case 14: in->reserved[rnd() % 2] = edge64() | 1; return EINVAL;
	default: in->hist_ptr += 1 + rnd() % 7; return EINVAL;	/* misaligned */
	}
}
