// SPDX-License-Identifier: GPL-2.0
#include <math.h>

#include "stats.h"

int cmb_median_ci(const struct cmb_dist *d, double z, double *lo, double *hi)
{
	double n = (double)d->s.n, half = z * sqrt(n) / 2;
	double r_lo = floor(n / 2 - half), r_hi = ceil(n / 2 + half) + 1;

	if (r_lo < 1 || r_hi > n)
		return -1;
	*lo = cmb_dist_at_rank(d, (uint64_t)r_lo);
	*hi = cmb_dist_at_rank(d, (uint64_t)r_hi);
	return 0;
}

enum cmb_stop cmb_should_stop(const struct cmb_rule *r, const struct cmb_dist *d,
			      unsigned int repeats, double elapsed_s)
{
	double lo, hi, med;

	if (repeats < r->min_repeats)
		return CMB_GO_ON;
	if (r->precision <= 0)
		return CMB_STOP_REPEATS;
	med = cmb_dist_quantile(d, 0.5);
	if (!cmb_median_ci(d, CMB_Z95, &lo, &hi) && med > 0 &&
	    (hi - lo) / 2 <= r->precision * med)
		return CMB_STOP_PRECISION;
	if (elapsed_s >= r->budget_s)
		return CMB_STOP_BUDGET;
	if (repeats >= r->max_repeats)
		return CMB_STOP_MAX_REPEATS;
	return CMB_GO_ON;
}

const char *cmb_stop_name(enum cmb_stop s)
{
	switch (s) {
	case CMB_STOP_PRECISION:
		return "precision";
	case CMB_STOP_BUDGET:
		return "budget";
	case CMB_STOP_REPEATS:
		return "repeats";
	case CMB_STOP_MAX_REPEATS:
		return "max_repeats";
	default:
		return "running";
	}
}
