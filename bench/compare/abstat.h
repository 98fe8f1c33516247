/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics of a comparison, kernel B against kernel A (or one machine
 * against another). The unit is the boot: a kernel A/B difference is
 * confounded with boot state (page placement, KASLR, module address), so
 * each boot's centre is one sample and the runs of a boot never count as
 * degrees of freedom. Ratios are taken on the log scale.
 */
#ifndef CMB_ABSTAT_H
#define CMB_ABSTAT_H

#include <stddef.h>

/* Most pairs a paired comparison takes (boots). */
#define CMB_MAX_PAIRS	256

/* Student's t CDF: P(T <= x) with df degrees of freedom (Rmath). */
double cmb_t_cdf(double x, double df);

/* B/A from two samples (per-boot values, or a boot's runs), log scale. */
struct cmb_ratio {
	unsigned int na, nb;
	double ratio;		/* exp(mean log B - mean log A) */
	double lo, hi;		/* its 95% CI (Welch); NAN below 2 + 2 values */
	double se, df;		/* of the log difference; Welch-Satterthwaite df */
	double p;		/* two-sided, that the ratio is 1 */
	double sd_a, sd_b;	/* of the logs */
	int paired;		/* a[i] and b[i] from one boot: t on the differences */
	double sd_d;		/* of the log differences, when paired */
	int floored;		/* no spread of its own: the CI is the floor's */
	double floor;		/* the smallest sd of the logs each side is taken to have */
	int hsu;		/* df is Hsu's min(na, nb) - 1 (compare/verdict.c) */
	int exact;		/* counts that do not move: the CI is their resolution */
};

/*
 * Welch's t on the logs of a[0..na) and b[0..nb), all positive. floor is
 * the smallest standard deviation of the logs each side is taken to have
 * (the values' relative resolution), so identical values do not make a
 * CI of zero width. 0, or -1 when either side has no value.
 */
int cmb_welch_ratio(const double *a, unsigned int na, const double *b, unsigned int nb,
		    double floor, struct cmb_ratio *r);

/*
 * The same from pairs: a[i] and b[i] measured in one boot (variants
 * interleaved in each boot), so the boot's own offset cancels. Student's
 * t on the n log differences, n - 1 degrees of freedom; floor as above.
 */
int cmb_paired_ratio(const double *a, const double *b, unsigned int n, double floor,
		     struct cmb_ratio *r);

/* Welch-Satterthwaite degrees of freedom of two variances over their n. */
double cmb_welch_df(double va, unsigned int na, double vb, unsigned int nb);

enum cmb_adjust {
	CMB_ADJUST_NONE,
	CMB_ADJUST_BH,		/* Benjamini-Hochberg: false discovery rate */
	CMB_ADJUST_HOLM,	/* Holm: family-wise error */
};

/* An adjustment as --adjust names it and a summary line calls it. */
struct cmb_adjustment {
	const char *name;	/* "bh" */
	enum cmb_adjust how;
	const char *title;	/* "BH" */
};

extern const struct cmb_adjustment cmb_adjustments[];	/* ended by a NULL name */

/* Adjusted p-values q[] of p[0..n) (NAN entries are skipped, stay NAN). */
void cmb_adjust(const double *p, double *q, unsigned int n, enum cmb_adjust how);

/*
 * Variance components of one point measured in k boots of one kernel:
 * logs of the run medians, runs[b][0..n[b]). One-way random effects.
 */
struct cmb_components {
	unsigned int boots, runs;	/* runs in all */
	double var_boot, var_run;	/* of the logs */
	double icc;			/* var_boot / (var_boot + var_run) */
};

int cmb_components(const double *const *runs, const unsigned int *n, unsigned int k,
		   struct cmb_components *c);

/*
 * What a comparison needs for a 95% CI of the B/A ratio within +-half
 * (relative): runs per boot (where more stop paying, at most max_runs)
 * and boots per kernel (at most max_boots; 0 when more).
 */
void cmb_plan_boots(const struct cmb_components *c, double half, unsigned int max_runs,
		    unsigned int max_boots, unsigned int *runs, unsigned int *boots);

#endif
