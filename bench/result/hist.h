/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Summaries of one measured point: the module's log-linear histogram plus
 * its exact count/min/max/sum/sum-of-squares, merged across repeats.
 */
#ifndef CMB_HIST_H
#define CMB_HIST_H

#include <stdint.h>
#include "uapi/cmbench_hist.h"

struct cmb_dist {
	struct cmbench_sums s;
	__u64 hist[CMBENCH_HIST_BUCKETS];
};

struct cmb_summary {
	uint64_t n, min, max;
	double mean, stddev;
	double p50, p90, p99, p999;
};

void cmb_dist_init(struct cmb_dist *d);
/* Add one sample (unit tests and readers rebuilding a dist use this). */
void cmb_dist_add(struct cmb_dist *d, uint64_t ns);
void cmb_dist_merge(struct cmb_dist *into, const struct cmb_dist *from);
/* Value at quantile q in [0,1]: the middle of the bucket holding that rank,
 * clamped to [min, max], so its error is at most half a bucket (1.6%). */
double cmb_dist_quantile(const struct cmb_dist *d, double q);
/* The value of the sample of rank 1..n by the same rule; NAN outside. */
double cmb_dist_at_rank(const struct cmb_dist *d, uint64_t rank);
double cmb_dist_mean(const struct cmb_dist *d);
double cmb_dist_stddev(const struct cmb_dist *d);	/* sample, n-1 */
void cmb_dist_summary(const struct cmb_dist *d, struct cmb_summary *s);

#endif
