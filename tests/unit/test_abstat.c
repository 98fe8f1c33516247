// SPDX-License-Identifier: GPL-2.0
/*
 * The statistics of a comparison against published values and sets whose
 * answers are known: the t distribution, Welch's degrees of freedom and
 * interval, Benjamini-Hochberg and Holm (as R's p.adjust gives them), the
 * verdicts, boots to resolve, variance components and the boots plan.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compare/abstat.h"
#include "compare/verdict.h"
#include "result/stats.h"

static void t_cdf_matches_tables(void **state)
{
	(void)state;
	assert_true(fabs(cmb_t_cdf(2.776, 4) - 0.975) < 5e-5);
	assert_true(fabs(cmb_t_cdf(0, 5) - 0.5) < 1e-12);
	assert_true(fabs(cmb_t_cdf(-1.812, 10) - 0.05) < 5e-5);
	assert_true(fabs(cmb_t_cdf(12.706, 1) - 0.975) < 5e-5);
	/* The quantile inverts the CDF. */
	assert_true(fabs(cmb_t_cdf(cmb_t_quantile(0.9, 7.3), 7.3) - 0.9) < 1e-9);
}

static void welch_df_by_hand(void **state)
{
	(void)state;
	/* (0.1 + 0.8)^2 / (0.01 / 9 + 0.64 / 4) */
	assert_true(fabs(cmb_welch_df(1, 10, 4, 5) - 0.81 / (0.01 / 9 + 0.16)) < 1e-9);
	/* Equal variances and sizes: df = 2n - 2. */
	assert_true(fabs(cmb_welch_df(2, 6, 2, 6) - 10) < 1e-9);
	assert_true(isnan(cmb_welch_df(1, 1, 1, 5)));
}

/* B is A doubled: the ratio is 2 and the interval follows from A's spread. */
static void welch_ratio_of_a_doubling(void **state)
{
	double a[] = { 100, 110, 105 }, b[] = { 200, 220, 210 };
	double m = (log(100) + log(110) + log(105)) / 3, v = 0, se, t;
	struct cmb_ratio r;
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		v += (log(a[i]) - m) * (log(a[i]) - m) / 2;
	se = sqrt(2 * v / 3);
	t = cmb_t_quantile(0.975, 4);
	assert_int_equal(cmb_welch_ratio(a, 3, b, 3, 0, &r), 0);
	assert_true(fabs(r.ratio - 2) < 1e-12);
	assert_true(fabs(r.df - 4) < 1e-9);
	assert_true(fabs(r.lo - 2 * exp(-t * se)) < 1e-9);
	assert_true(fabs(r.hi - 2 * exp(t * se)) < 1e-9);
	assert_true(r.p < 1e-4);
}

static void welch_edge_cases(void **state)
{
	double a[] = { 100, 100 }, b[] = { 100, 100 }, one[] = { 50 };
	struct cmb_ratio r;

	(void)state;
	/* One value a side: a ratio, no interval. */
	assert_int_equal(cmb_welch_ratio(one, 1, one, 1, 0.01, &r), 0);
	assert_true(r.ratio == 1 && isnan(r.lo));
	/* Identical values: the floor keeps the interval open. */
	assert_int_equal(cmb_welch_ratio(a, 2, b, 2, 0.01, &r), 0);
	assert_true(r.lo < 1 && r.hi > 1);
	assert_int_equal(cmb_welch_ratio(a, 0, b, 2, 0.01, &r), -1);
}

/* R: p.adjust(c(.01, .04, .03, .005), "BH") and "holm". */
/*
 * Paired: log ratios 0.1, 0.2, 0.3 (mean 0.2, sd 0.1, se 0.1/sqrt 3, df
 * 2, t(0.975, 2) = 4.302653): the CI by hand.
 */
static void paired_ratio_by_hand(void **state)
{
	double a[3] = { 100, 250, 40 }, b[3], h = 4.302653 * 0.1 / sqrt(3);
	struct cmb_ratio r;
	unsigned int i;

	(void)state;
	for (i = 0; i < 3; i++)
		b[i] = a[i] * exp(0.1 * (i + 1));
	assert_int_equal(cmb_paired_ratio(a, b, 3, 0, &r), 0);
	assert_true(r.paired);
	assert_true(fabs(r.ratio - exp(0.2)) < 1e-12);
	assert_true(fabs(r.df - 2) < 1e-12);
	assert_true(fabs(r.sd_d - 0.1) < 1e-12);
	assert_true(fabs(log(r.lo) - (0.2 - h)) < 1e-6);
	assert_true(fabs(log(r.hi) - (0.2 + h)) < 1e-6);
	/* The boots' spread (100 to 250) is not in it: Welch's CI is far wider. */
	{
		struct cmb_ratio w;

		cmb_welch_ratio(a, 3, b, 3, 0, &w);
		assert_true(log(w.hi) - log(w.lo) > 5 * (log(r.hi) - log(r.lo)));
	}
	/* One pair: a ratio, no CI. Equal pairs: the floor's width. */
	assert_int_equal(cmb_paired_ratio(a, b, 1, 0, &r), 0);
	assert_true(isnan(r.lo));
	assert_int_equal(cmb_paired_ratio(a, a, 3, 0.01, &r), 0);
	assert_true(fabs(r.sd_d - 0.01 * sqrt(2)) < 1e-12);
	/*
	 * Pairs to resolve a paired 1% effect, sd 0.5%, at 80% power: the
	 * spread at its median-unbiased value from 3 pairs (2 df: s^2 2 /
	 * qchisq(0.5, 2) = s^2 1.4427, s = 0.006006); then the first n with
	 * P(t(n - 1) < (ln 1.01 - t(0.975, n - 1) s / sqrt(n)) / (s / sqrt(n)))
	 * >= 0.8: 0.797 at 5, 0.901 at 6. (se 0: the estimate taken as true.)
	 */
	for (i = 0; i < 3; i++)
		b[i] = a[i] * 1.01 * exp(0.005 * ((int)i - 1));
	cmb_paired_ratio(a, b, 3, 0, &r);
	r.sd_d = 0.005;
	r.se = 0;
	assert_int_equal(cmb_boots_to_resolve(&r, 0, 0.05, 99), 6);
}

static void adjustments_match_r(void **state)
{
	double p[] = { 0.01, 0.04, 0.03, 0.005, NAN }, q[5];
	double bh[] = { 0.02, 0.04, 0.04, 0.02 }, holm[] = { 0.03, 0.06, 0.06, 0.02 };
	int i;

	(void)state;
	cmb_adjust(p, q, 5, CMB_ADJUST_BH);
	for (i = 0; i < 4; i++)
		assert_true(fabs(q[i] - bh[i]) < 1e-12);
	assert_true(isnan(q[4]));
	cmb_adjust(p, q, 5, CMB_ADJUST_HOLM);
	for (i = 0; i < 4; i++)
		assert_true(fabs(q[i] - holm[i]) < 1e-12);
	cmb_adjust(p, q, 5, CMB_ADJUST_NONE);
	assert_true(q[2] == 0.03);
}

static void verdicts(void **state)
{
	struct cmb_ratio r = { .ratio = 0.9, .lo = 0.85, .hi = 0.95 };

	(void)state;
	assert_int_equal(cmb_verdict(&r, 0.01, 0.05, 0.01), CMB_FASTER);
	r = (struct cmb_ratio){ .ratio = 1.05, .lo = 1.01, .hi = 1.09 };
	assert_int_equal(cmb_verdict(&r, 0.01, 0.05, 0.01), CMB_SLOWER);
	/* Significant alone, but not after adjustment. */
	assert_int_equal(cmb_verdict(&r, 0.2, 0.05, 0.01), CMB_UNRESOLVED);
	r = (struct cmb_ratio){ .ratio = 1.002, .lo = 0.995, .hi = 1.008 };
	assert_int_equal(cmb_verdict(&r, 0.4, 0.05, 0.01), CMB_SAME);
	/* Significant but within theta, and the CI reaching past it: "~". */
	r = (struct cmb_ratio){ .ratio = 1.008, .lo = 1.004, .hi = 1.012 };
	assert_int_equal(cmb_verdict(&r, 0.001, 0.05, 0.01), CMB_UNRESOLVED);
	r = (struct cmb_ratio){ .ratio = 1.3, .lo = NAN, .hi = NAN };
	assert_int_equal(cmb_verdict(&r, NAN, 0.05, 0.01), CMB_NO_VERDICT);
	assert_string_equal(cmb_verdict_name(CMB_UNRESOLVED), "~");
}

/*
 * The chance of a verdict with n boots a side, written here apart from
 * compare/verdict.c: an effect d beyond theta is found when its estimate
 * passes both the critical t at level and theta; one within theta is
 * "same" when the estimate is within theta less the 95% CI's half.
 */
static double power_at(double d, double sd, unsigned int n, double theta, double level, double k)
{
	double v = sd * sd * k, se = sqrt(2 * v / n);
	double df = n <= 4 ? n - 1 : 2.0 * n - 2, th = log(1 + theta);
	double crit = cmb_t_quantile(1 - level / 2, df), half;

	if (d > th)
		return cmb_t_cdf((d - fmax(crit * se, th)) / se, df);
	half = th - cmb_t_quantile(0.975, df) * se;
	return half <= 0 ? 0 : cmb_t_cdf((half - d) / se, df) - cmb_t_cdf((-half - d) / se, df);
}

/*
 * n is the first count at 80% power, by power_at(), the spread of 3 + 3
 * boots at its median-unbiased value (4 df: 4 / qchisq(0.5, 4)); a
 * floor is no estimate, and is taken as it is.
 */
static void first_at(unsigned int n, double d, double sd, double theta, double level,
		     double k)
{
	assert_true(power_at(d, sd, n, theta, level, k) >= 0.8);
	assert_true(power_at(d, sd, n - 1, theta, level, k) < 0.8);
}

static void first_at_80(unsigned int n, double d, double sd, double theta, double level)
{
	first_at(n, d, sd, theta, level, 4 / 3.356694);
}

static void boots_to_resolve(void **state)
{
	/* se 0: the estimate taken as the truth (no averaging over it). */
	struct cmb_ratio r = { .na = 3, .nb = 3, .ratio = exp(0.1), .se = 0,
			       .sd_a = 0.05, .sd_b = 0.05 };

	(void)state;
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), 6);
	first_at_80(6, 0.1, 0.05, 0.01, 0.05);
	/* At the level BH can require of one row in 6 (0.05 / 6). */
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05 / 6, 99), 9);
	first_at_80(9, 0.1, 0.05, 0.01, 0.05 / 6);
	/* Unsure where the effect is (se 0.041): more, since it may be less. */
	r.se = 0.05 * sqrt(2.0 / 3);
	assert_true(cmb_boots_to_resolve(&r, 0.01, 0.05, 99) > 6);
	r.se = 0;
	/* Never fewer boots than it has: it is unresolved with those. */
	r.ratio = exp(1);
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), 4);
	/* Within theta: "same" needs the CI inside +-1% around 0.2%. */
	r.ratio = exp(0.002);
	r.sd_a = r.sd_b = 0.004;
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), 7);
	first_at_80(7, 0.002, 0.004, 0.01, 0.05);
	r.sd_a = r.sd_b = 1;
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), 0);
	/*
	 * No spread at all: planned at the floor (0.5%), not at zero, which
	 * would ask for one boot more each time and never be enough.
	 */
	r = (struct cmb_ratio){ .na = 3, .nb = 3, .ratio = 1, .floor = 0.005 };
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), 7);
	first_at(7, 0, 0.005, 0.01, 0.05, 1);
	/* Two boots a side plan for at least CMB_MIN_BOOTS. */
	r = (struct cmb_ratio){ .na = 2, .nb = 2, .ratio = exp(1), .sd_a = 0.01, .sd_b = 0.01 };
	assert_int_equal(cmb_boots_to_resolve(&r, 0.01, 0.05, 99), CMB_MIN_BOOTS);
}

/* Boots at log offsets -0.1, 0, 0.1, runs at -0.02, 0, 0.02 around them. */
static void components_by_hand(void **state)
{
	double b0[3], b1[3], b2[3], off[] = { -0.1, 0, 0.1 }, e[] = { -0.02, 0, 0.02 };
	const double *runs[] = { b0, b1, b2 };
	unsigned int n[] = { 3, 3, 3 }, i;
	struct cmb_components c;

	(void)state;
	for (i = 0; i < 3; i++) {
		b0[i] = 1000 * exp(off[0] + e[i]);
		b1[i] = 1000 * exp(off[1] + e[i]);
		b2[i] = 1000 * exp(off[2] + e[i]);
	}
	assert_int_equal(cmb_components(runs, n, 3, &c), 0);
	assert_true(fabs(c.var_run - 0.0004) < 1e-12);
	assert_true(fabs(c.var_boot - (0.03 - 0.0004) / 3) < 1e-12);
	assert_true(fabs(c.icc - c.var_boot / (c.var_boot + 0.0004)) < 1e-12);
	assert_int_equal(cmb_components(runs, n, 1, &c), -1);
}

static void boots_plan(void **state)
{
	struct cmb_components c = { .boots = 3, .runs = 60, .var_boot = 0.0001, .var_run = 0.0004 };
	unsigned int runs, boots;
	double v;

	(void)state;
	cmb_plan_boots(&c, 0.01, 64, 99, &runs, &boots);
	assert_int_equal(runs, 16);
	v = 0.0001 + 0.0004 / 16;
	/* Past Hsu's range (4 a side), so df 2n - 2 on both sides of the answer. */
	assert_true(boots > 5);
	assert_true(cmb_t_quantile(0.975, 2.0 * boots - 2) * sqrt(2 * v / boots) <= log(1.01));
	assert_true(cmb_t_quantile(0.975, 2.0 * boots - 4) * sqrt(2 * v / (boots - 1)) >
		    log(1.01));
	/* A spread that 2 boots would resolve on Welch's df waits for 3, on Hsu's. */
	c = (struct cmb_components){ .var_boot = 1e-6, .var_run = 0 };
	cmb_plan_boots(&c, 0.01, 64, 99, &runs, &boots);
	assert_int_equal(boots, CMB_MIN_BOOTS);
	/* Counts that do not move: an exact ratio from 2 boots. */
	c = (struct cmb_components){ 0 };
	cmb_plan_boots(&c, 0.01, 64, 99, &runs, &boots);
	assert_int_equal(boots, 2);
	c.var_boot = 1;
	cmb_plan_boots(&c, 0.01, 64, 99, &runs, &boots);
	assert_int_equal(boots, 0);
	assert_int_equal(runs, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_cdf_matches_tables),
		cmocka_unit_test(welch_df_by_hand),
		cmocka_unit_test(welch_ratio_of_a_doubling),
		cmocka_unit_test(welch_edge_cases),
		cmocka_unit_test(paired_ratio_by_hand),
		cmocka_unit_test(adjustments_match_r),
		cmocka_unit_test(verdicts),
		cmocka_unit_test(boots_to_resolve),
		cmocka_unit_test(components_by_hand),
		cmocka_unit_test(boots_plan),
	};

	return cmocka_run_group_tests_name("abstat", tests, NULL, NULL);
}
