/* SPDX-License-Identifier: GPL-2.0 */
/*
 * B against A, point by point. Each boot's value of a point (its centre,
 * or p50/p90/p99/max of its merged samples) is one sample; B/A comes with
 * a 95% CI from Welch's t on the logs (Hsu's df where Welch's would not
 * hold the level: compare/verdict.h), the p-values of the rows and of a
 * geomean row are adjusted as one family (Benjamini-Hochberg by default),
 * and each row gets a verdict from 3 boots a side. The geomean row
 * compares the per-boot geometric means over the points all boots have,
 * which keeps the correlation between points. With one boot a side there
 * is no verdict: the CI then comes from the runs of the two boots,
 * labelled within-boot.
 *
 * When every boot measured both sides (variants interleaved in each
 * boot), the boots are pairs: B/A comes from the per-boot ratios, and the
 * boot-to-boot spread, shared by both sides, cancels.
 */
#ifndef CMB_COMPARE_H
#define CMB_COMPARE_H

#include "compare/abstat.h"
#include "compare/verdict.h"
#include "compare/sets.h"

struct cmb_calibration;

struct cmb_compare_opts {
	const struct cmb_stat *stat;
	double theta;			/* noise threshold, 0.01 = 1% */
	double alpha;			/* level of the adjusted test */
	const struct cmb_adjustment *adjust;
	unsigned int max_boots;		/* for "boots to resolve" */
	int machines;			/* A and B are machines, not a treatment: set
					 * by cmb_compare() when their identities differ */
	/* Plans "boots to resolve" from its spreads where it has the row. */
	const struct cmb_calibration *cal;
};

struct cmb_compare_row {
	const struct cmb_row *row;	/* NULL: the geomean row */
	double a, b;			/* geometric means of the per-boot values */
	struct cmb_ratio r;
	double q;			/* adjusted p */
	enum cmb_verdict v;
	enum cmb_why why;		/* with CMB_NO_VERDICT: why */
	unsigned int resolve;		/* boots per kernel that would give a verdict */
	int calibrated;			/* resolve from the calibration's spreads */
	int within_boot;		/* one boot a side: the runs' CI */
};

/*
 * Between machines: the points of one buffer op grouped by the cache
 * level their buffer fits in, on each machine by its own levels (an L1
 * of 32K on one, 64K on the other), compared per D-cache line.
 */
struct cmb_region {
	char op[32];
	unsigned int level;		/* 1, 2, ...; 0: memory */
	unsigned int nsizes[2];
	uint64_t lo[2], hi[2];		/* the smallest and largest size in it */
	double per_line[2];		/* geometric means over its sizes */
	struct cmb_ratio r;		/* of per_line; boots as units, else runs */
	int within_boot;
};

#define CMB_MAX_REGIONS	32

struct cmb_comparison {
	const struct cmb_set *set;	/* what was compared */
	struct cmb_compare_opts o;
	unsigned int na, nb;		/* boots of each side */
	int paired;			/* every boot measured A and B */
	int pair[CMB_MAX_BOOTS];	/* the B boot of each A boot; -1 */
	unsigned int n;			/* rows compared */
	struct cmb_compare_row rows[CMB_MAX_ROWS];
	struct cmb_compare_row geomean;
	unsigned int family;		/* p-values adjusted together: rows and geomean */
	unsigned int count[5];		/* rows by verdict */
	unsigned int whys[CMB_NWHYS];	/* rows without one, by why */
	/* What differs between the sides besides what is compared. */
	unsigned int ndiffs;
	char diffs[512];
	unsigned int nregions;
	struct cmb_region regions[CMB_MAX_REGIONS];
};

void cmb_compare(const struct cmb_set *s, const struct cmb_compare_opts *o,
		 struct cmb_comparison *c);
/*
 * compare/verdict.c: the verdicts of c's rows and geomean from their
 * ratios: one family for the adjustment, and boots to resolve a "~".
 */
void cmb_judge(struct cmb_comparison *c);
/*
 * The family once every row has boots enough: the rows and geomean that
 * can be judged, and those short of boots. The level "n=N" plans a row's
 * boots at: alpha over it (what BH can require of one row), or alpha
 * unadjusted.
 */
unsigned int cmb_plan_family(const struct cmb_comparison *c);
double cmb_plan_level(const struct cmb_comparison *c);
/* compare/regions.c: between machines, by cache region (c->regions). */
void cmb_compare_regions(const struct cmb_set *s, struct cmb_comparison *c);
/*
 * With one boot a side, the runs of n rows of side as replicates: the
 * r-th is the geometric mean of the rows' r-th runs per line. How many.
 */
unsigned int cmb_rows_runs(const struct cmb_set *s, const struct cmb_row *const *rows,
			   unsigned int n, int side, enum cmb_stat_kind k, double *v);
/* A side's letter: A and B for kernels or variants, X and Y for machines. */
const char *cmb_compare_letter(const struct cmb_comparison *c, int side);
/*
 * The per-boot values of row r (or, with r NULL, the per-boot geomeans)
 * of side, into v (at most CMB_MAX_BOOTS); how many.
 */
unsigned int cmb_compare_values(const struct cmb_set *s, const struct cmb_comparison *c,
				const struct cmb_row *r, int side, double *v);

#endif
