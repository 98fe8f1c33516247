// SPDX-License-Identifier: GPL-2.0
/* Cache overrides and the sizes placed around the levels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "topo.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overrides_add_and_replace),
		cmocka_unit_test(bad_overrides_name_themselves),
		cmocka_unit_test(auto_sizes_bracket_every_level),
	};

	return cmocka_run_group_tests_name("topo", tests, NULL, NULL);
}
