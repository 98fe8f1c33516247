// SPDX-License-Identifier: GPL-2.0
/* PMU event lists, multiplex scaling, each CPU's PMU (counting runs in e2e). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "run/pmu.h"

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
	cmb_pmu_open(&p, &s, 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.fd[0], -1);
	assert_true(strlen(p.why[0]) > 0);
	cmb_pmu_close(&p);
}

/* A fake /sys/bus/event_source/devices: one PMU per cluster, as big.LITTLE. */
static char root[] = "/tmp/cmb-pmus-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void fake_sysfs(void)
{
	char path[512];
	const char *const dirs[] = { "armv8_cortex_a53", "armv8_cortex_a53/events",
				     "armv8_cortex_a72", "armv8_cortex_a72/events", "software" };
	size_t i;

	assert_non_null(mkdtemp(root));
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	put("software/type", "1\n");			/* no cpus: not a CPU PMU */
	put("armv8_cortex_a53/type", "8\n");
	put("armv8_cortex_a53/cpus", "0-3\n");
	put("armv8_cortex_a53/events/cpu_cycles", "event=0x0011\n");
	put("armv8_cortex_a72/type", "9\n");
	put("armv8_cortex_a72/cpus", "4-5\n");
	put("armv8_cortex_a72/events/cpu_cycles", "event=0x0011\n");
	put("armv8_cortex_a72/events/l2d_cache_wb", "event=0x0018\n");
}

static void each_cpu_finds_its_own_pmu(void **state)
{
	char name[64], why[160];
	uint32_t type = 0;

	(void)state;
	fake_sysfs();
	assert_int_equal(cmb_cpu_pmu(root, 2, name, sizeof(name), &type), 0);
	assert_string_equal(name, "armv8_cortex_a53");
	assert_int_equal(type, 8);
	assert_int_equal(cmb_cpu_pmu(root, 5, name, sizeof(name), &type), 0);
	assert_string_equal(name, "armv8_cortex_a72");
	assert_int_equal(type, 9);
	assert_int_equal(cmb_cpu_pmu(root, 6, name, sizeof(name), &type), -1);

	/* Same core: any event. Other core: common events it implements. */
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a72", "armv8_cortex_a72", 0xc0,
					why, sizeof(why)), 1);
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a72", "armv8_cortex_a53", 0x11,
					why, sizeof(why)), 1);
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a72", "armv8_cortex_a53", 0xc0,
					why, sizeof(why)), 0);
	assert_non_null(strstr(why, "only common events carry over"));
	/* PMCEID says the A53 here has no L2D_CACHE_WB. */
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a53", "armv8_cortex_a53", 0x18,
					why, sizeof(why)), 0);
	assert_non_null(strstr(why, "armv8_cortex_a53 does not implement it"));
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a72", "armv8_cortex_a72", 0x18,
					why, sizeof(why)), 1);
	/* A PMU that names no core (ACPI's armv8_pmuv3_0) takes libpfm4's word. */
	assert_int_equal(cmb_event_fits(root, "arm_cortex_a72", "armv8_pmuv3_0", 0xc0,
					why, sizeof(why)), 1);

	/* A core libpfm4 does not know: the driver's own names, in any case. */
	{
		uint64_t config = 0;

		assert_int_equal(cmb_sysfs_event(root, "armv8_cortex_a72", "L2D_CACHE_WB",
						 &config), 0);
		assert_int_equal(config, 0x18);
		assert_int_equal(cmb_sysfs_event(root, "armv8_cortex_a72", "cpu_cycles",
						 &config), 0);
		assert_int_equal(config, 0x11);
		assert_int_equal(cmb_sysfs_event(root, "armv8_cortex_a53", "L2D_CACHE_WB",
						 &config), -1);
		assert_int_equal(cmb_sysfs_event(root, "armv8_cortex_a72", "../type",
						 &config), -1);
		put("armv8_cortex_a72/events/odd", "event=0x1,umask=0x2\n");
		assert_int_equal(cmb_sysfs_event(root, "armv8_cortex_a72", "ODD", &config), -1);
	}
	snprintf(why, sizeof(why), "rm -rf '%s'", root);
	assert_int_equal(system(why), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scaling_follows_time_running),
		cmocka_unit_test(lists_parse),
		cmocka_unit_test(unknown_event_says_why),
		cmocka_unit_test(each_cpu_finds_its_own_pmu),
	};

	return cmocka_run_group_tests_name("pmu", tests, NULL, NULL);
}
