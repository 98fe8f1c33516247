// SPDX-License-Identifier: GPL-2.0
/*
 * The point's interval from its runs (Student's t on the logs of the run
 * medians, never below the resolution), the samples' order-statistics
 * interval, and the rule that stops a point.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testrand.h"

#include "result/hist.h"
#include "result/stats.h"

/* A skewed latency-like sample: 1000 ns plus an exponential tail. */
static uint64_t sample(void)
{
	double u = (double)(rnd() >> 11) / 9007199254740992.0;

	return 1000 + (uint64_t)(-300.0 * log(1.0 - u));
}

static void ci_ranks_follow_the_binomial(void **state)
{
	static struct cmb_dist d;
	double lo, hi;
	uint64_t v;

	(void)state;
	cmb_dist_init(&d);
	for (v = 1; v <= 100; v++)
		cmb_dist_add(&d, v);		/* exact buckets below 64 */
	assert_int_equal(cmb_samples_median_ci(&d, CMB_Z95, &lo, &hi), 0);
	/* n = 100: ranks floor(50 - 9.8) = 40 and ceil(50 + 9.8) + 1 = 61. */
	assert_true(lo == 40);
	assert_true(fabs(hi - 61) <= 61.0 / 64 + 0.5);
}

static void too_few_samples_give_no_interval(void **state)
{
	static struct cmb_dist d;
	double lo, hi;
	int i;

	(void)state;
	cmb_dist_init(&d);
	for (i = 0; i < 5; i++)
		cmb_dist_add(&d, 100 + i);
	assert_int_equal(cmb_samples_median_ci(&d, CMB_Z95, &lo, &hi), -1);
}

/* Over many samples, about 95% of the intervals hold the true median. */
static void ci_covers_the_true_median(void **state)
{
	static struct cmb_dist d;
	double median = 1000 + 300 * log(2.0), lo, hi;
	int trial, i, covered = 0;

	(void)state;
	for (trial = 0; trial < 300; trial++) {
		cmb_dist_init(&d);
		for (i = 0; i < 400; i++)
			cmb_dist_add(&d, sample());
		assert_int_equal(cmb_samples_median_ci(&d, CMB_Z95, &lo, &hi), 0);
		assert_true(lo <= hi);
		/* A bucket is up to 1/32 wide: allow half a bucket either way. */
		if (lo - lo / 64 <= median && median <= hi + hi / 64)
			covered++;
	}
	assert_true(covered >= 270);	/* 90%: well inside binomial noise */
}

static void ci_narrows_with_more_samples(void **state)
{
	static struct cmb_dist d;
	double lo1, hi1, lo2, hi2;
	int i;

	(void)state;
	cmb_dist_init(&d);
	for (i = 0; i < 200; i++)
		cmb_dist_add(&d, sample());
	cmb_samples_median_ci(&d, CMB_Z95, &lo1, &hi1);
	for (i = 0; i < 20000; i++)
		cmb_dist_add(&d, sample());
	cmb_samples_median_ci(&d, CMB_Z95, &lo2, &hi2);
	assert_true(hi2 - lo2 < hi1 - lo1);
}

static void t_quantiles_match_published_tables(void **state)
{
	/* Two-sided 95% (0.975) critical values, e.g. NIST/SEMATECH 1.3.6.7.2. */
	static const struct { double df, t; } table[] = {
		{ 1, 12.706 }, { 2, 4.303 }, { 3, 3.182 }, { 4, 2.776 }, { 5, 2.571 },
		{ 9, 2.262 }, { 10, 2.228 }, { 30, 2.042 }, { 100, 1.984 },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_true(fabs(cmb_t_quantile(0.975, table[i].df) - table[i].t) < 0.0005);
	assert_true(fabs(cmb_t_quantile(0.975, 1e9) - CMB_Z95) < 1e-6);
	assert_true(fabs(cmb_t_quantile(0.5, 7)) < 1e-12);
}

static void one_run_has_no_interval(void **state)
{
	struct cmb_interval iv;
	double m[] = { 1234 };

	(void)state;
	cmb_runs_interval(m, 1, 16, &iv);
	assert_true(fabs(iv.centre - 1234) < 1e-9);
	assert_true(isnan(iv.lo) && isnan(iv.hi));
	assert_int_equal(iv.bound, CMB_BOUND_NONE);
	assert_int_equal(iv.runs, 1);
	assert_string_equal(cmb_bound_name(iv.bound), "n/a");
}

/* By hand: medians 100 and 121, the geometric mean 110, t(1) = 12.706. */
static void two_runs_by_hand(void **state)
{
	struct cmb_interval iv;
	double m[] = { 100, 121 };
	double half = 12.7062047 * (log(121.0 / 100.0) / sqrt(2)) / sqrt(2);

	(void)state;
	cmb_runs_interval(m, 2, 0.5, &iv);
	assert_true(fabs(iv.centre - 110) < 1e-9);
	assert_true(fabs(iv.lo - 110 * exp(-half)) < 1e-3);
	assert_true(fabs(iv.hi - 110 * exp(half)) < 1e-3);
	assert_int_equal(iv.bound, CMB_BOUND_RUNS);
}

/*
 * Identical run medians give a t interval of zero width: the resolution
 * takes over, and the result says which one.
 */
static void resolution_bounds_a_zero_interval(void **state)
{
	struct cmb_interval iv;
	double m[] = { 1000, 1000, 1000, 1000, 1000 };

	(void)state;
	/* 1000 ns lies in [1000, 1008): half a bucket is 4 ns. */
	cmb_runs_interval(m, 5, 16, &iv);
	assert_true(iv.res_hist == 4 && iv.res_timer == 16);
	assert_int_equal(iv.bound, CMB_BOUND_TIMER);
	assert_true(fabs(iv.lo - 984) < 1e-9 && fabs(iv.hi - 1016) < 1e-9);
	cmb_runs_interval(m, 5, 0.5, &iv);
	assert_int_equal(iv.bound, CMB_BOUND_HISTOGRAM);
	assert_true(fabs(iv.lo - 996) < 1e-9 && fabs(iv.hi - 1004) < 1e-9);
	assert_int_equal(cmb_bound_parse("histogram"), CMB_BOUND_HISTOGRAM);
}

/* A standard normal deviate (Box-Muller on the test generator). */
static double normal(void)
{
	double u = ((double)(rnd() >> 11) + 0.5) / 9007199254740992.0;
	double v = (double)(rnd() >> 11) / 9007199254740992.0;

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/*
 * Runs whose medians scatter 3% around 5000 ns (lognormal): over 2000
 * points of 5 runs, about 95% of the intervals hold 5000.
 */
static void run_interval_covers_95_percent(void **state)
{
	struct cmb_interval iv;
	double m[5];
	int trial, r, covered = 0;

	(void)state;
	for (trial = 0; trial < 2000; trial++) {
		for (r = 0; r < 5; r++)
			m[r] = 5000 * exp(0.03 * normal());
		cmb_runs_interval(m, 5, 0.001, &iv);
		covered += iv.lo <= 5000 && 5000 <= iv.hi;
	}
	assert_true(covered >= 1860 && covered <= 1940);
}

static void stop_rule(void **state)
{
	struct cmb_rule r = { .precision = 0.01, .budget_s = 5, .min_repeats = 1,
			      .max_repeats = 64 };
	struct cmb_interval tight, wide, coarse, none;
	double t[] = { 5000, 5001, 4999, 5000 }, w[] = { 1000, 3000, 2000, 5000 };
	double c[] = { 40, 40, 40, 40 }, one[] = { 5000 };

	(void)state;
	cmb_runs_interval(t, 4, 1, &tight);
	cmb_runs_interval(w, 4, 1, &wide);
	cmb_runs_interval(c, 4, 16, &coarse);	/* 40 ns measured with 16 ns ticks */
	cmb_runs_interval(one, 1, 1, &none);
	/* Never before 3 runs, whatever the interval says. */
	assert_int_equal(cmb_should_stop(&r, &tight, 2, 0), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &tight, 4, 0), CMB_STOP_PRECISION);
	assert_int_equal(cmb_should_stop(&r, &wide, 4, 0), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &wide, 4, 5), CMB_STOP_BUDGET);
	assert_int_equal(cmb_should_stop(&r, &wide, 64, 0), CMB_STOP_MAX_REPEATS);
	/* Zero spread, but 16 ns ticks on 40 ns: resolution, not precision. */
	assert_true(fabs(coarse.hi - coarse.lo - 32) < 1e-9);
	assert_int_equal(cmb_should_stop(&r, &coarse, 4, 0), CMB_STOP_RESOLUTION);
	/* No interval: no stop on precision. */
	assert_int_equal(cmb_should_stop(&r, &none, 3, 0), CMB_GO_ON);
	r.precision = 0;
	r.min_repeats = 2;
	assert_int_equal(cmb_should_stop(&r, &wide, 1, 0), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &wide, 2, 0), CMB_STOP_REPEATS);
	assert_string_equal(cmb_stop_name(CMB_STOP_RESOLUTION), "resolution");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ci_ranks_follow_the_binomial),
		cmocka_unit_test(too_few_samples_give_no_interval),
		cmocka_unit_test(ci_covers_the_true_median),
		cmocka_unit_test(ci_narrows_with_more_samples),
		cmocka_unit_test(t_quantiles_match_published_tables),
		cmocka_unit_test(one_run_has_no_interval),
		cmocka_unit_test(two_runs_by_hand),
		cmocka_unit_test(resolution_bounds_a_zero_interval),
		cmocka_unit_test(run_interval_covers_95_percent),
		cmocka_unit_test(stop_rule),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
