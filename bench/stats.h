/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When to stop measuring a point: a distribution-free confidence interval
 * for the median, and the rule that ends a point at the requested
 * precision or when its time budget runs out.
 */
#ifndef CMB_STATS_H
#define CMB_STATS_H

#include "hist.h"

/* 95% two-sided normal quantile. */
#define CMB_Z95 1.959963984540054

/*
 * Confidence interval of the median at normal quantile z, from order
 * statistics: the ranks n/2 -+ z*sqrt(n)/2 of a binomial(n, 1/2), read
 * from the histogram like any quantile (so never narrower than its
 * resolution). 0 ok; -1 when n is too small for an interval (< 6 at 95%).
 */
int cmb_median_ci(const struct cmb_dist *d, double z, double *lo, double *hi);

enum cmb_stop {
	CMB_GO_ON = 0,
	CMB_STOP_PRECISION,	/* CI half-width within precision of the median */
	CMB_STOP_BUDGET,	/* time budget spent first */
	CMB_STOP_REPEATS,	/* fixed count asked (precision 0) and reached */
	CMB_STOP_MAX_REPEATS,	/* the repeat limit came first */
};

struct cmb_rule {
	double precision;	/* relative CI half-width, 0.01 = 1%; 0: fixed */
	double budget_s;	/* wall seconds per point */
	unsigned int min_repeats, max_repeats;
};

/* Whether a point measured so far (repeats done, elapsed s) is finished. */
enum cmb_stop cmb_should_stop(const struct cmb_rule *r, const struct cmb_dist *d,
			      unsigned int repeats, double elapsed_s);
const char *cmb_stop_name(enum cmb_stop s);

#endif
