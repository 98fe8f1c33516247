/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Bucket math of cmbench's log-linear latency histogram and the exact sums
 * beside it. The module records samples with cmbench_record(); user space
 * turns buckets back into value ranges with cmbench_hist_lower()/_upper().
 * Kept here so both sides use the same code and a unit test on the host
 * covers the module's indexing and arithmetic.
 */
#ifndef _UAPI_CMBENCH_HIST_H
#define _UAPI_CMBENCH_HIST_H

#include <linux/types.h>
#include "cmbench.h"

#define CMBENCH_HIST_SUB	_BITUL(CMBENCH_HIST_BITS)
#define CMBENCH_HIST_EXACT	(2U << CMBENCH_HIST_BITS)	/* below: 1 ns buckets */

static __inline__ __u32 cmbench_hist_index(__u64 ns)
{
	__u32 msb, shift, idx;

	if (ns < CMBENCH_HIST_EXACT)
		return (__u32)ns;
	msb = 63 - __builtin_clzll(ns);
	shift = msb - CMBENCH_HIST_BITS;
	if (shift + 1 >= CMBENCH_HIST_GROUPS)
		return CMBENCH_HIST_BUCKETS - 1;
	idx = ((shift + 1) << CMBENCH_HIST_BITS) +
	      (__u32)((ns >> shift) & (CMBENCH_HIST_SUB - 1));
	return idx;
}

/* Smallest value that lands in bucket @idx. */
static __inline__ __u64 cmbench_hist_lower(__u32 idx)
{
	__u32 shift;

	if (idx < CMBENCH_HIST_EXACT)
		return idx;
	shift = (idx >> CMBENCH_HIST_BITS) - 1;
	return (1ULL << (shift + CMBENCH_HIST_BITS)) +
	       ((__u64)(idx & (CMBENCH_HIST_SUB - 1)) << shift);
}

/* One past the largest value of bucket @idx; the last bucket is open. */
static __inline__ __u64 cmbench_hist_upper(__u32 idx)
{
	if (idx >= CMBENCH_HIST_BUCKETS - 1)
		return ~0ULL;
	return cmbench_hist_lower(idx + 1);
}

/*
 * (*hi:*lo) += ns * ns, the sum of squares behind a run's variance. Built
 * from 32-bit halves so 32-bit arm needs neither __int128 nor libgcc.
 */
static __inline__ void cmbench_add_square(__u64 *hi, __u64 *lo, __u64 ns)
{
	__u64 l = ns & 0xffffffffULL, h = ns >> 32;
	__u64 ll = l * l, lh = l * h, hh = h * h;
	__u64 sq_lo = ll + (lh << 33);			/* 2 * lh << 32 */
	__u64 sq_hi = hh + (lh >> 31) + (sq_lo < ll);

	*lo += sq_lo;
	*hi += sq_hi + (*lo < sq_lo);
}

/* Exact running statistics of a run, kept beside its histogram. */
struct cmbench_sums {
	__u64 n, min, max, sum;
	__u64 sumsq_hi, sumsq_lo;	/* sum of ns^2, 128 bits */
};

/* Records one sample; the module and user space count the same way. */
static __inline__ void cmbench_record(struct cmbench_sums *s, __u64 *hist,
				      __u64 ns)
{
	hist[cmbench_hist_index(ns)]++;
	if (!s->n || ns < s->min)
		s->min = ns;
	if (ns > s->max)
		s->max = ns;
	s->n++;
	s->sum += ns;
	cmbench_add_square(&s->sumsq_hi, &s->sumsq_lo, ns);
}

#endif /* _UAPI_CMBENCH_HIST_H */
