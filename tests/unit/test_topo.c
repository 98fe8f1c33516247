// SPDX-License-Identifier: GPL-2.0
/* Topology: cache sources, overrides, sizes around the levels, placement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "run/topo.h"

static void overrides_add_and_replace(void **state)
{
	struct cmb_topo t;
	char err[128];

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(cmb_topo_override(&t, "L1d=32K,L2=1M", err, sizeof(err)), 0);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.c[0].type, "data");
	assert_int_equal(t.c[0].size, 32768);
	assert_string_equal(t.c[1].type, "unified");
	assert_string_equal(t.c[1].source, "--cache");
	assert_int_equal(cmb_topo_override(&t, "L2=2M", err, sizeof(err)), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.c[1].size, 2 << 20);
	assert_int_equal(cmb_topo_override(&t, "L1i=48K", err, sizeof(err)), 0);
	assert_string_equal(t.c[2].type, "instruction");
}

static void bad_overrides_name_themselves(void **state)
{
	struct cmb_topo t;
	char err[128];

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(cmb_topo_override(&t, "L1d=32Q", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'L1d=32Q' is not like"));
	assert_int_equal(cmb_topo_override(&t, "L9=1M", err, sizeof(err)), -1);
	assert_int_equal(cmb_topo_override(&t, "L1x=1M", err, sizeof(err)), -1);
	assert_int_equal(cmb_topo_override(&t, "L2", err, sizeof(err)), -1);
	assert_int_equal(cmb_topo_override(&t, "L2=0", err, sizeof(err)), -1);
}

static void auto_sizes_bracket_every_level(void **state)
{
	struct cmb_topo t;
	struct cmb_sizes s;
	char err[128];
	unsigned int i, n;
	uint64_t want[] = { 16384, 32768, 65536, 131072, 1 << 20, 2 << 20, 4 << 20, 8 << 20 };
	size_t k;

	(void)state;
	memset(&t, 0, sizeof(t));
	cmb_topo_override(&t, "L1i=48K,L1d=32K,L2=2M", err, sizeof(err));
	n = cmb_topo_auto_sizes(&t, 64ULL << 20, &s);
	assert_int_equal(n, s.n);
	for (i = 1; i < s.n; i++)
		assert_true(s.v[i] > s.v[i - 1]);	/* sorted, no repeats */
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		for (i = 0; i < s.n && s.v[i] != want[k]; i++)
			;
		assert_true(i < s.n);
	}
	assert_int_equal(s.v[0], 64);
	/* The instruction cache places nothing: no 24K, 96K or 192K. */
	for (i = 0; i < s.n; i++)
		assert_true(s.v[i] != 24 << 10 && s.v[i] != 96 << 10 && s.v[i] != 192 << 10);
	n = cmb_topo_auto_sizes(&t, 4 << 20, &s);
	assert_int_equal(s.v[n - 1], 4 << 20);	/* capped at the module's limit */
	memset(&t, 0, sizeof(t));
	cmb_topo_auto_sizes(&t, 64ULL << 20, &s);
	assert_true(s.n > 0);			/* a grid even with no caches */
}

static void expect_order(enum cmb_place how, const cpu_set_t *allowed, const int *want,
			 int n)
{
	int got[64], i, k;

	k = cmb_topo_order(how, allowed, got, 64);
	assert_int_equal(k, n);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void spread_alternates_packages_then_clusters(void **state)
{
	static const int spread[] = { 0, 4, 2, 6, 1, 5, 3, 7 };
	static const int compact[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	static const int spread_some[] = { 1, 5, 2, 6, 3, 7 };
	struct cmb_cpu_place p;
	cpu_set_t all;
	int i;

	(void)state;
	cmb_hwloc_synthetic("package:2 group:2 core:2 pu:1");
	CPU_ZERO(&all);
	for (i = 0; i < 8; i++)
		CPU_SET(i, &all);
	expect_order(CMB_PLACE_SPREAD, &all, spread, 8);
	expect_order(CMB_PLACE_COMPACT, &all, compact, 8);
	/* Offline or excluded CPUs drop out; the rest keep the policy. */
	CPU_CLR(0, &all);
	CPU_CLR(4, &all);
	expect_order(CMB_PLACE_SPREAD, &all, spread_some, 6);
	cmb_topo_cpu_place(6, &p);
	assert_int_equal(p.package, 1);
	assert_int_equal(p.cluster, 3);
	assert_int_equal(p.core, 6);
}

static void spread_prefers_cores_to_smt_siblings(void **state)
{
	static const int spread[] = { 0, 2, 1, 3 };
	struct cmb_cpu_place p;
	cpu_set_t all;
	int i;

	(void)state;
	cmb_hwloc_synthetic("package:1 core:2 pu:2");
	CPU_ZERO(&all);
	for (i = 0; i < 4; i++)
		CPU_SET(i, &all);
	expect_order(CMB_PLACE_SPREAD, &all, spread, 4);
	cmb_topo_cpu_place(3, &p);
	assert_int_equal(p.core, 1);
	assert_int_equal(p.cluster, -1);
}

static void hwloc_caches_come_first(void **state)
{
	struct cmb_topo t;
	char err[128];

	(void)state;
	cmb_hwloc_synthetic("package:1 l2:2(size=1048576) l1d:2(size=32768) core:1 pu:1");
	assert_int_equal(cmb_topo_read(&t, NULL, NULL, err, sizeof(err)), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.c[0].level, 1);
	assert_string_equal(t.c[0].type, "data");
	assert_int_equal(t.c[0].size, 32768);
	assert_string_equal(t.c[0].cpus, "0");
	assert_int_equal(t.c[0].instances, 4);
	assert_string_equal(t.c[0].source, "hwloc");
	assert_int_equal(t.c[1].level, 2);
	assert_string_equal(t.c[1].type, "unified");
	assert_string_equal(t.c[1].cpus, "0-1");
	assert_int_equal(t.c[1].instances, 2);
	/* An override changes the size and says so; the sharing stays. */
	assert_int_equal(cmb_topo_read(&t, NULL, "L2=2M", err, sizeof(err)), 0);
	assert_int_equal(t.c[1].size, 2 << 20);
	assert_string_equal(t.c[1].source, "--cache");
	assert_string_equal(t.c[1].cpus, "0-1");
}

static void registers_fill_what_hwloc_lacks(void **state)
{
	struct cmb_dev d;
	struct cmb_topo t;
	char err[128];

	(void)state;
	cmb_hwloc_synthetic("package:1 core:2 pu:1");	/* no caches, as in QEMU */
	memset(&d, 0, sizeof(d));
	d.info.n_caches = 2;
	d.info.cache[0] = (struct cmbench_cache){ .level = 1, .type = 2, .line = 64,
						  .ways = 2, .sets = 256 };
	d.info.cache[1] = (struct cmbench_cache){ .level = 2, .type = 3, .line = 64,
						  .ways = 16, .sets = 2048 };
	assert_int_equal(cmb_topo_read(&t, &d.info, NULL, err, sizeof(err)), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.c[0].size, 32768);
	assert_string_equal(t.c[0].source, "CLIDR/CCSIDR");
	assert_int_equal(t.c[1].size, 2 << 20);
	assert_string_equal(t.c[1].cpus, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overrides_add_and_replace),
		cmocka_unit_test(bad_overrides_name_themselves),
		cmocka_unit_test(auto_sizes_bracket_every_level),
		cmocka_unit_test(spread_alternates_packages_then_clusters),
		cmocka_unit_test(spread_prefers_cores_to_smt_siblings),
		cmocka_unit_test(hwloc_caches_come_first),
		cmocka_unit_test(registers_fill_what_hwloc_lacks),
	};

	return cmocka_run_group_tests_name("topo", tests, NULL, NULL);
}
