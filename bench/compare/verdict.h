/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdicts that hold their level. Which test a row's boots get, when a
 * row may be judged at all, and how many boots would resolve a "~".
 *
 * Welch's t is anti-conservative with few boots: with 2 on a side its
 * df estimate is wild, and with 3 or 4 a side, or unequal counts, one
 * noisy side makes the Welch-Satterthwaite df too large. Measured by
 * simulation (tests/unit/test_verdicts.c): an A/A table of 8 rows said
 * faster or slower in 13.7% of 2 + 6 experiments and 11.3% of 3 + 3 with
 * spreads of 30% against 5%. So below CMB_MIN_BOOTS boots a side no row
 * gets a verdict, and up to CMB_HSU_MAX_BOOTS a side or with unequal
 * counts the df is Hsu's min(na, nb) - 1, which holds the level whatever
 * the spreads. Beyond, Welch keeps its power (Hsu there would cost a
 * quarter of it at 6 + 6).
 */
#ifndef CMB_VERDICT_H
#define CMB_VERDICT_H

#include "compare/abstat.h"

#define CMB_MIN_BOOTS		3	/* a side, for any verdict but exact counts' */
#define CMB_HSU_MAX_BOOTS	4	/* Hsu's df up to this many a side */
#define CMB_HSU_VAR_RATIO	3	/* or one side's variance this many times the other's */
#define CMB_PLAN_POWER		0.8	/* what "~ n=N" plans for */

/*
 * B/A over boots as a comparison takes it: exact when counts (unit_res
 * > 0: one unit a run, per op) agree within their resolution on each
 * side; paired (a[i] and b[i] from one boot); else Welch's t with Hsu's
 * df where Welch's would not hold the level. floor as cmb_welch_ratio().
 */
void cmb_boots_ratio(const double *a, unsigned int na, const double *b, unsigned int nb,
		     int paired, double floor, double unit_res, struct cmb_ratio *r);

enum cmb_verdict {
	CMB_NO_VERDICT,		/* why: enum cmb_why */
	CMB_SAME,		/* the whole CI within +-theta */
	CMB_FASTER,		/* significant, and B's time below A's by more than theta */
	CMB_SLOWER,		/* significant, and above by more than theta */
	CMB_UNRESOLVED,		/* "~": neither */
};

/* Why a row has no verdict. */
enum cmb_why {
	CMB_WHY_NONE,
	CMB_WHY_MACHINES,	/* two machines are not a treatment */
	CMB_WHY_MISSING,	/* not measured on both sides */
	CMB_WHY_ONE_BOOT,	/* one boot a side: its CI is from runs */
	CMB_WHY_NO_CI,		/* one boot on a side, and no runs to stand in */
	CMB_WHY_FEW_BOOTS,	/* fewer than CMB_MIN_BOOTS on a side */
	CMB_NWHYS
};

/* JSON's names of them: "", "machines", "missing", "one boot", ... */
extern const char *const cmb_why_names[];

/* The verdict on a ratio of times (B/A), adjusted p q, level alpha. */
enum cmb_verdict cmb_verdict(const struct cmb_ratio *r, double q, double alpha, double theta);
const char *cmb_verdict_name(enum cmb_verdict v);
/* Every verdict's name by value, for JSON: "", "same", "faster", "slower", "~". */
extern const char *const cmb_verdict_names[];

/*
 * Boots per kernel (pairs, when paired) with which a row like r would
 * get a verdict with probability CMB_PLAN_POWER: faster or slower at
 * two-sided level (alpha over the family, which BH can require of one
 * row) when its effect is beyond theta, same (the 95% CI within
 * +-theta) when within; at r's spreads, floored. More than r has, at
 * least CMB_MIN_BOOTS; 0 when more than max would be needed.
 */
unsigned int cmb_boots_to_resolve(const struct cmb_ratio *r, double theta, double level,
				  unsigned int max);

#endif
