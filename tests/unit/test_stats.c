// SPDX-License-Identifier: GPL-2.0
/* The median's confidence interval and the rule that stops a point. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testrand.h"

#include "stats.h"

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
	assert_int_equal(cmb_median_ci(&d, CMB_Z95, &lo, &hi), 0);
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
	assert_int_equal(cmb_median_ci(&d, CMB_Z95, &lo, &hi), -1);
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
		assert_int_equal(cmb_median_ci(&d, CMB_Z95, &lo, &hi), 0);
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
	cmb_median_ci(&d, CMB_Z95, &lo1, &hi1);
	for (i = 0; i < 20000; i++)
		cmb_dist_add(&d, sample());
	cmb_median_ci(&d, CMB_Z95, &lo2, &hi2);
	assert_true(hi2 - lo2 < hi1 - lo1);
}

static void stop_rule(void **state)
{
	struct cmb_rule r = { .precision = 0.01, .budget_s = 5, .min_repeats = 2,
			      .max_repeats = 10 };
	static struct cmb_dist tight, wide;
	int i;

	(void)state;
	cmb_dist_init(&tight);
	cmb_dist_init(&wide);
	for (i = 0; i < 1000; i++) {
		cmb_dist_add(&tight, 5000 + (uint64_t)(i % 3));
		cmb_dist_add(&wide, 100 + rnd() % 100000);
	}
	assert_int_equal(cmb_should_stop(&r, &tight, 1, 0), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &tight, 2, 0), CMB_STOP_PRECISION);
	assert_int_equal(cmb_should_stop(&r, &wide, 2, 1), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &wide, 2, 5), CMB_STOP_BUDGET);
	assert_int_equal(cmb_should_stop(&r, &wide, 10, 1), CMB_STOP_MAX_REPEATS);
	r.precision = 0;
	assert_int_equal(cmb_should_stop(&r, &wide, 1, 0), CMB_GO_ON);
	assert_int_equal(cmb_should_stop(&r, &wide, 2, 0), CMB_STOP_REPEATS);
	assert_string_equal(cmb_stop_name(CMB_STOP_BUDGET), "budget");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ci_ranks_follow_the_binomial),
		cmocka_unit_test(too_few_samples_give_no_interval),
		cmocka_unit_test(ci_covers_the_true_median),
		cmocka_unit_test(ci_narrows_with_more_samples),
		cmocka_unit_test(stop_rule),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
