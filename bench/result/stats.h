/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How well a point is known. The replication unit is the run (one ioctl:
 * a fresh buffer or pool, its own pages): the point's centre and its 95%
 * CI come from the runs' medians, never from the iterations of one run,
 * which are not independent. The interval is never narrower than what
 * the histogram or the timer can resolve, and says which one bounded it.
 */
#ifndef CMB_STATS_H
#define CMB_STATS_H

struct cmb_dist;

/* 95% two-sided normal quantile. */
#define CMB_Z95 1.959963984540054

/* Runs a point needs before its CI exists, and before --precision may stop. */
#define CMB_CI_MIN_RUNS		2
#define CMB_STOP_MIN_RUNS	3

enum cmb_bound {
	CMB_BOUND_NONE,		/* n/a: fewer than CMB_CI_MIN_RUNS runs */
	CMB_BOUND_RUNS,		/* the runs' spread: Student's t */
	CMB_BOUND_HISTOGRAM,	/* half a histogram bucket at the centre */
	CMB_BOUND_TIMER,	/* the timer's resolution per sample */
};

struct cmb_interval {
	double centre;		/* geometric mean of the runs' medians, ns */
	double lo, hi;		/* 95% CI; NAN below CMB_CI_MIN_RUNS runs */
	double res_hist;	/* half-widths it is never narrower than, ns */
	double res_timer;
	enum cmb_bound bound;
	unsigned int runs;
};

/* Student's t quantile: P(T <= x) = p with df degrees of freedom (Rmath). */
double cmb_t_quantile(double p, double df);
/* The geometric mean of v[0..n), all positive; NAN without any. */
double cmb_geomean(const double *v, unsigned int n);

/*
 * The centre and 95% CI of n runs' medians: exp of the mean of their logs
 * -+ t(0.975, n-1) standard errors, widened to at least the resolution
 * (res_hist at the centre, tick_ns the timer's per-sample resolution).
 */
void cmb_runs_interval(const double *medians, unsigned int n, double tick_ns,
		       struct cmb_interval *iv);
/* "runs", "histogram", "timer", "n/a" */
const char *cmb_bound_name(enum cmb_bound b);
enum cmb_bound cmb_bound_parse(const char *s);

/*
 * The interval of the median of all samples taken as independent (order
 * statistics of a binomial(n, 1/2), read from the histogram). It is NOT a
 * CI of the point: samples of one run are correlated. Kept to show how
 * much narrower it is. 0 ok; -1 below 6 samples.
 */
int cmb_samples_median_ci(const struct cmb_dist *d, double z, double *lo, double *hi);

enum cmb_stop {
	CMB_GO_ON = 0,
	CMB_STOP_PRECISION,	/* CI half-width within precision of the centre */
	CMB_STOP_RESOLUTION,	/* bounded by resolution coarser than precision */
	CMB_STOP_BUDGET,	/* time budget spent first */
	CMB_STOP_REPEATS,	/* fixed count asked (precision 0) and reached */
	CMB_STOP_MAX_REPEATS,	/* the run limit came first */
};

struct cmb_rule {
	double precision;	/* relative CI half-width, 0.01 = 1%; 0: fixed */
	double budget_s;	/* wall seconds per point */
	unsigned int min_repeats, max_repeats;
};

/*
 * Whether a point measured so far (runs done, their interval, elapsed s)
 * is finished. With a precision it never stops before CMB_STOP_MIN_RUNS
 * runs, nor on an interval that does not exist.
 */
enum cmb_stop cmb_should_stop(const struct cmb_rule *r, const struct cmb_interval *iv,
			      unsigned int runs, double elapsed_s);
const char *cmb_stop_name(enum cmb_stop s);

#endif
