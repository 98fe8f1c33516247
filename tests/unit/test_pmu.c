// SPDX-License-Identifier: GPL-2.0
/* PMU event lists and multiplex scaling (the counting itself runs in e2e). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pmu.h"

static void scaling_follows_time_running(void **state)
{
	(void)state;
	assert_true(cmb_pmu_scale(1000, 100, 100) == 1000);	/* never multiplexed */
	assert_true(cmb_pmu_scale(1000, 200, 100) == 2000);	/* counted half the time */
	assert_true(cmb_pmu_scale(1000, 300, 0) == 0);		/* never scheduled */
}

static void lists_parse(void **state)
{
	struct cmb_event_spec s;
	char err[128];

	(void)state;
	assert_int_equal(cmb_events_parse("CPU_CYCLES,L1D_CACHE_REFILL", &s, err, sizeof(err)), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.name[1], "L1D_CACHE_REFILL");
	assert_int_equal(cmb_events_parse(NULL, &s, err, sizeof(err)), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(cmb_events_parse("default", &s, err, sizeof(err)), 0);
	assert_true(s.n >= 2);
	assert_string_equal(s.name[0], "CPU_CYCLES");
	assert_int_equal(cmb_events_parse("A,B,C,D,E,F,G,H,I", &s, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--events: more than 8"));
}

/* Without a PMU (or with no such event) an event is unsupported, with why. */
static void unknown_event_says_why(void **state)
{
	struct cmb_event_spec s;
	struct cmb_pmu p;
	char err[128];

	(void)state;
	assert_int_equal(cmb_events_parse("NO_SUCH_EVENT_ANYWHERE", &s, err, sizeof(err)), 0);
	cmb_pmu_open(&p, &s);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.fd[0], -1);
	assert_true(strlen(p.why[0]) > 0);
	cmb_pmu_close(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scaling_follows_time_running),
		cmocka_unit_test(lists_parse),
		cmocka_unit_test(unknown_event_says_why),
	};

	return cmocka_run_group_tests_name("pmu", tests, NULL, NULL);
}
