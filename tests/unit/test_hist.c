// SPDX-License-Identifier: GPL-2.0
/* The histogram bucket math (shared with the module) and the statistics. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testrand.h"

#include "result/hist.h"
#include "uapi/cmbench_hist.h"

static void buckets_tile_the_line(void **state)
{
	uint32_t i;

	(void)state;
	assert_int_equal(cmbench_hist_lower(0), 0);
	for (i = 0; i < CMBENCH_HIST_BUCKETS - 1; i++) {
		uint64_t lo = cmbench_hist_lower(i), hi = cmbench_hist_upper(i);

		assert_true(hi > lo);
		assert_int_equal(cmbench_hist_lower(i + 1), hi);
		assert_int_equal(cmbench_hist_index(lo), i);
		assert_int_equal(cmbench_hist_index(hi - 1), i);
	}
	assert_int_equal(cmbench_hist_upper(CMBENCH_HIST_BUCKETS - 1), UINT64_MAX);
}

static void relative_error_is_bounded(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < CMBENCH_HIST_BUCKETS - 1; i++) {
		uint64_t lo = cmbench_hist_lower(i), width = cmbench_hist_upper(i) - lo;

		if (lo < CMBENCH_HIST_EXACT)
			assert_int_equal(width, 1);
		else
			assert_true(width * CMBENCH_HIST_SUB <= lo);
	}
}

static void every_value_lands_in_its_bucket(void **state)
{
	uint64_t v;
	int i;

	(void)state;
	for (v = 0; v < 200000; v++) {
		uint32_t idx = cmbench_hist_index(v);

		assert_true(cmbench_hist_lower(idx) <= v && v < cmbench_hist_upper(idx));
	}
	for (i = 0; i < 100000; i++) {
		uint32_t idx;

		v = rnd() >> (rnd() % 64);
		idx = cmbench_hist_index(v);
		assert_true(idx < CMBENCH_HIST_BUCKETS);
		assert_true(cmbench_hist_lower(idx) <= v);
		assert_true(idx == CMBENCH_HIST_BUCKETS - 1 || v < cmbench_hist_upper(idx));
	}
	assert_int_equal(cmbench_hist_index(UINT64_MAX), CMBENCH_HIST_BUCKETS - 1);
}

static void square_sum_matches_128_bit_reference(void **state)
{
	unsigned __int128 ref = 0;
	uint64_t vals[] = { 0, 1, 0xffffffffULL, 0x100000000ULL, UINT64_MAX, 12345678901ULL };
	__u64 hi = 0, lo = 0;
	size_t i;

	(void)state;
	for (i = 0; i < 2000; i++) {
		uint64_t v = i < 6 ? vals[i] : rnd() >> (rnd() % 64);

		cmbench_add_square(&hi, &lo, v);
		ref += (unsigned __int128)v * v;
		assert_int_equal(lo, (uint64_t)ref);
		assert_int_equal(hi, (uint64_t)(ref >> 64));
	}
}

static void quantiles_within_half_a_bucket(void **state)
{
	static struct cmb_dist d;
	uint64_t v;

	(void)state;
	cmb_dist_init(&d);
	for (v = 1; v <= 10000; v++)
		cmb_dist_add(&d, v);
	/* Nearest rank: p50 of 1..10000 is 5000, p90 9000, p99 9900. */
	assert_true(fabs(cmb_dist_quantile(&d, 0.50) - 5000) <= 5000.0 / 128 + 0.5);
	assert_true(fabs(cmb_dist_quantile(&d, 0.90) - 9000) <= 9000.0 / 128 + 0.5);
	assert_true(fabs(cmb_dist_quantile(&d, 0.99) - 9900) <= 9900.0 / 128 + 0.5);
	assert_true(cmb_dist_quantile(&d, 0) == 1);
	assert_true(cmb_dist_quantile(&d, 1) == 10000);

	/* Exact buckets below 128 ns: exact answers. */
	cmb_dist_init(&d);
	for (v = 1; v <= 50; v++)
		cmb_dist_add(&d, v);
	assert_true(cmb_dist_quantile(&d, 0.5) == 25);
	assert_true(cmb_dist_quantile(&d, 0.9) == 45);
}

static void quantile_clamped_to_min_max(void **state)
{
	static struct cmb_dist d;
	int i;

	(void)state;
	cmb_dist_init(&d);
	for (i = 0; i < 100; i++)
		cmb_dist_add(&d, 1000);
	/* 1000 sits in [992, 1024); the midpoint 1007.5 must not exceed max. */
	assert_true(cmb_dist_quantile(&d, 0.5) == 1000);
	assert_true(cmb_dist_quantile(&d, 0.99) == 1000);
	assert_true(cmb_dist_stddev(&d) == 0);
}

static void mean_and_stddev_match_direct_computation(void **state)
{
	static struct cmb_dist d;
	double sum = 0, sumsq = 0, mean, sd;
	uint64_t v[5000];
	int i;

	(void)state;
	cmb_dist_init(&d);
	for (i = 0; i < 5000; i++) {
		v[i] = 100000 + rnd() % 5000;
		cmb_dist_add(&d, v[i]);
		sum += (double)v[i];
	}
	mean = sum / 5000;
	for (i = 0; i < 5000; i++)
		sumsq += ((double)v[i] - mean) * ((double)v[i] - mean);
	sd = sqrt(sumsq / 4999);
	assert_true(fabs(cmb_dist_mean(&d) - mean) < 1e-9 * mean);
	assert_true(fabs(cmb_dist_stddev(&d) - sd) < 1e-6 * sd);
}

static void merge_equals_adding_all(void **state)
{
	static struct cmb_dist a, b, all;
	int i;

	(void)state;
	cmb_dist_init(&a);
	cmb_dist_init(&b);
	cmb_dist_init(&all);
	for (i = 0; i < 3000; i++) {
		uint64_t v = rnd() % 1000000;

		cmb_dist_add(i % 3 ? &a : &b, v);
		cmb_dist_add(&all, v);
	}
	cmb_dist_merge(&a, &b);
	assert_memory_equal(&a, &all, sizeof(all));
}

static void empty_dist_has_no_statistics(void **state)
{
	static struct cmb_dist d;

	(void)state;
	cmb_dist_init(&d);
	assert_true(isnan(cmb_dist_quantile(&d, 0.5)));
	assert_true(isnan(cmb_dist_mean(&d)));
	assert_true(isnan(cmb_dist_stddev(&d)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buckets_tile_the_line),
		cmocka_unit_test(relative_error_is_bounded),
		cmocka_unit_test(every_value_lands_in_its_bucket),
		cmocka_unit_test(square_sum_matches_128_bit_reference),
		cmocka_unit_test(quantiles_within_half_a_bucket),
		cmocka_unit_test(quantile_clamped_to_min_max),
		cmocka_unit_test(mean_and_stddev_match_direct_computation),
		cmocka_unit_test(merge_equals_adding_all),
		cmocka_unit_test(empty_dist_has_no_statistics),
	};

	return cmocka_run_group_tests_name("hist", tests, NULL, NULL);
}
