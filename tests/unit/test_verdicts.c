// SPDX-License-Identifier: GPL-2.0
/*
 * What compare's verdicts promise, checked by simulation: synthetic
 * tables of 8 rows whose truth is known, judged by the code compare
 * runs (cmb_boots_ratio() per row, cmb_judge() over the table and its
 * geomean). Each boot of a row is the geometric mean of 5 runs (sd 2%)
 * around a lognormal boot effect of its side's spread.
 *
 * - A/A (no difference anywhere): the share of tables in which any row
 *   or the geomean says faster or slower stays at or under 5%, at every
 *   boot count and with one side far noisier than the other.
 * - Power: a real +15% on every row at 6 + 6 boots is found (slower)
 *   at least 80% of the time.
 * - "~ n=N": a fresh experiment with the N a row asked for gives that
 *   row a verdict at least 75% of the time.
 *
 * Seeded (testrand.h): the same numbers every run; a failure reproduces.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "compare/compare.h"
#include "testrand.h"

#define ROWS	8
#define RUNS	5
#define RUN_SD	0.02

static struct cmb_comparison cmp;

static double uniform(void)
{
	return ((rnd() >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

/* One boot's value of a row: 5 runs around its boot effect, their geomean. */
static double boot_value(double log_true, double boot_sd)
{
	double centre = log_true + boot_sd * normal(), sum = 0;
	unsigned int r;

	for (r = 0; r < RUNS; r++)
		sum += centre + RUN_SD * normal();
	return 1000 * exp(sum / RUNS);
}

struct side {
	unsigned int boots;
	double sd;		/* of the boot effect, log scale */
};

/*
 * One table: row i of B is effect[i] times A's. Judged as compare
 * judges, the geomean row from the per-boot geomeans over the rows.
 */
static void table(const struct side *a, const struct side *b, const double *effect)
{
	double va[ROWS][CMB_MAX_BOOTS], vb[ROWS][CMB_MAX_BOOTS];
	double ga[CMB_MAX_BOOTS], gb[CMB_MAX_BOOTS];
	unsigned int i, k;

	memset(&cmp, 0, sizeof(cmp));
	cmp.o = (struct cmb_compare_opts){ .stat = &cmb_stats[CMB_STAT_CENTRE],
		.theta = 0.01, .alpha = 0.05, .adjust = &cmb_adjustments[CMB_ADJUST_BH],
		.max_boots = 99 };
	cmp.na = a->boots;
	cmp.nb = b->boots;
	cmp.n = ROWS;
	for (k = 0; k < CMB_MAX_BOOTS; k++)
		ga[k] = gb[k] = 0;
	for (i = 0; i < ROWS; i++) {
		for (k = 0; k < a->boots; k++) {
			va[i][k] = boot_value(0, a->sd);
			ga[k] += log(va[i][k]) / ROWS;
		}
		for (k = 0; k < b->boots; k++) {
			vb[i][k] = boot_value(log(effect[i]), b->sd);
			gb[k] += log(vb[i][k]) / ROWS;
		}
		cmb_boots_ratio(va[i], a->boots, vb[i], b->boots, 0, 0, 0, &cmp.rows[i].r);
	}
	for (k = 0; k < CMB_MAX_BOOTS; k++) {
		ga[k] = exp(ga[k]);
		gb[k] = exp(gb[k]);
	}
	cmb_boots_ratio(ga, a->boots, gb, b->boots, 0, 0, 0, &cmp.geomean.r);
	cmb_judge(&cmp);
}

static int any_changed(void)
{
	return cmp.count[CMB_FASTER] || cmp.count[CMB_SLOWER] ||
	       cmp.geomean.v == CMB_FASTER || cmp.geomean.v == CMB_SLOWER;
}

struct share {
	double p, lo, hi;	/* k / n, and its 95% Wilson interval */
};

/* A share k of n, printed with its interval. */
static struct share share(const char *what, unsigned int k, unsigned int n)
{
	double p = (double)k / n, z = 1.96, d = 1 + z * z / n;
	double mid = (p + z * z / (2 * n)) / d;
	double half = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;

	printf("# %-50s %5.1f%% [%4.1f, %4.1f] of %u\n", what, 100 * p, 100 * (mid - half),
	       100 * (mid + half), n);
	return (struct share){ p, mid - half, mid + half };
}

static const double no_effect[ROWS] = { 1, 1, 1, 1, 1, 1, 1, 1 };

/* A/A cases: boots and spread of each side. */
static const struct aa_case {
	unsigned int na;
	double sda;
	unsigned int nb;
	double sdb;
} aa_cases[] = {
	{ 2, 0.1, 2, 0.1 }, { 2, 0.1, 6, 0.1 }, { 2, 0.3, 6, 0.05 }, { 3, 0.1, 3, 0.1 },
	{ 3, 0.3, 3, 0.05 }, { 3, 0.3, 6, 0.05 }, { 4, 0.3, 4, 0.05 }, { 5, 0.3, 5, 0.05 },
	{ 6, 0.1, 6, 0.1 }, { 6, 0.3, 6, 0.05 }, { 6, 0.15, 6, 0.05 }, { 8, 0.3, 8, 0.05 },
	{ 8, 0.12, 8, 0.05 },
};

static void aa_holds_the_level(void **state)
{
	unsigned int c, e, k, n = 3000;
	char what[64];

	(void)state;
	for (c = 0; c < sizeof(aa_cases) / sizeof(aa_cases[0]); c++) {
		const struct aa_case *x = &aa_cases[c];
		const struct side a = { x->na, x->sda }, b = { x->nb, x->sdb };

		for (e = 0, k = 0; e < n; e++) {
			table(&a, &b, no_effect);
			k += any_changed();
		}
		snprintf(what, sizeof(what), "A/A %u + %u, spreads %.0f%% and %.0f%%", x->na,
			 x->nb, 100 * x->sda, 100 * x->sdb);
		/*
		 * A test that is exact sits at 5% itself, give or take the
		 * draws: what may not be is an interval wholly above it.
		 */
		assert_true(share(what, k, n).lo <= 0.05);
	}
}

/* Rows found slower, of all rows, with +15% planted on every one. */
static void power_at_6_and_6(void **state)
{
	static const double slower[ROWS] = { 1.15, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15 };
	const struct side a = { 6, 0.07 }, b = { 6, 0.07 };
	unsigned int e, k = 0, n = 1000;

	(void)state;
	for (e = 0; e < n; e++) {
		table(&a, &b, slower);
		k += cmp.count[CMB_SLOWER];
	}
	assert_true(share("+15% at 6 + 6, spreads 7%: rows found slower", k, n * ROWS).p >= 0.8);
}

/*
 * Pilots of 3 + 3 and 4 + 4 boots, every row with a real effect (4% to
 * 12%, either way; boots spread 2%); for each row a pilot leaves "~" or
 * without a verdict, a fresh table at the N it asked for. A row whose
 * effect is within theta (none here) could only resolve as "same",
 * which at these spreads takes more boots than anyone runs.
 */
static void n_boots_resolve(void **state)
{
	static const double effect[ROWS] = { 0.96, 1.04, 1.05, 1.06, 1.08, 0.95, 0.93, 1.12 };
	unsigned int e, i, p, asked = 0, resolved = 0, n = 150;

	(void)state;
	for (p = 3; p <= 4; p++) {
		const struct side pilot = { p, 0.02 };

		for (e = 0; e < n; e++) {
			unsigned int want[ROWS];

			table(&pilot, &pilot, effect);
			for (i = 0; i < ROWS; i++)
				want[i] = cmp.rows[i].v == CMB_UNRESOLVED ||
					  cmp.rows[i].why == CMB_WHY_FEW_BOOTS ? cmp.rows[i].resolve : 0;
			for (i = 0; i < ROWS; i++) {
				struct side fresh = { want[i], 0.02 };

				if (!want[i])
					continue;
				asked++;
				/* More than a table holds: counted as not resolved. */
				if (2 * want[i] > CMB_MAX_BOOTS)
					continue;
				table(&fresh, &fresh, effect);
				resolved += cmp.rows[i].v == CMB_FASTER || cmp.rows[i].v == CMB_SLOWER;
			}
		}
	}
	assert_true(asked >= 500);
	assert_true(share("real effects given a verdict by the n=N they asked", resolved,
			  asked).p >= 0.75);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aa_holds_the_level),
		cmocka_unit_test(power_at_6_and_6),
		cmocka_unit_test(n_boots_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
