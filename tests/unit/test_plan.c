// SPDX-License-Identifier: GPL-2.0
/*
 * Plans: "cmbench run" arguments checked against a module's operations
 * (described by hand, no module needed), the points they lay out, and the
 * requests that carry only what each op takes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/cli.h"
#include "fixtures.h"
#include "run/plan.h"

static struct cmb_dev dev;
static struct run_plan pl;
static char err[512];

/* Parses a run's words once and plans it; the exit status. */
static int plan(const char *line)
{
	static char buf[512];
	char *argv[32], *save = NULL, *w;
	struct cmb_parsed pa;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	memset(&pl, 0, sizeof(pl));
	err[0] = '\0';
	if (cmb_opts_parse(cmb_run_opts, &pl.a, argc, argv, &pa, err, sizeof(err)))
		return CMB_EXIT_USAGE;
	/* pl.a and pa point into buf, which lives on. */
	return cmb_plan_make(&pl, &pa, &dev, err, sizeof(err));
}

static int setup(void **state)
{
	(void)state;
	fake_dev(&dev);
	cmb_hwloc_synthetic("package:1 core:2 pu:1");
	return 0;
}

static void sizes_times_threads_in_order(void **state)
{
	struct cmb_point p;
	unsigned int threads;
	uint64_t x;

	(void)state;
	assert_int_equal(plan("flush --sizes 64,4K --threads 1,2 --state cold"), 0);
	assert_int_equal(cmb_plan_points(&pl), 4);
	cmb_plan_point(&pl, 0, &x, &threads);
	assert_true(x == 64 && threads == 1);
	cmb_plan_point(&pl, 1, &x, &threads);
	assert_true(x == 64 && threads == 2);
	cmb_plan_point(&pl, 3, &x, &threads);
	assert_true(x == 4096 && threads == 2);
	cmb_plan_describe(&pl, 2, &p);
	assert_string_equal(p.op, "flush");
	assert_string_equal(p.state, "cold");
	assert_int_equal(p.size, 4096);
	assert_int_equal(p.threads, 1);
	assert_string_equal(p.placement, "compact");
	assert_string_equal(p.counter[0], "data_lost");
	assert_false(p.finding);
}

static void request_carries_only_what_the_op_takes(void **state)
{
	struct cmbench_run req;

	(void)state;
	assert_int_equal(plan("vm_map_ram --pages 16 --highmem 1 --iters 77"), 0);
	cmb_plan_request(&pl, 16, &req);
	assert_int_equal(req.in.op, 3);
	assert_int_equal(req.in.pages, 16);
	assert_int_equal(req.in.iters, 77);
	assert_int_equal(req.in.flags, CMBENCH_RUNF_HIGHMEM);
	assert_true(!req.in.size && !req.in.offset && !req.in.state && !req.in.fmt &&
		    !req.in.pgsize && !req.in.dir);

	assert_int_equal(plan("iopt_map --fmt v7s --pgsize 64K --pages 8 --coherent-walk 1"), 0);
	cmb_plan_request(&pl, 8, &req);
	assert_int_equal(req.in.fmt, CMBENCH_IOPT_V7S);
	assert_int_equal(req.in.pgsize, 65536);
	assert_int_equal(req.in.pages, 8);
	assert_int_equal(req.in.flags, CMBENCH_RUNF_COHERENT_WALK);

	/* Defaults of options an op does not take never reach the module. */
	assert_int_equal(plan("null"), 0);
	cmb_plan_request(&pl, 0, &req);
	assert_true(!req.in.size && !req.in.pages && !req.in.pgsize && !req.in.flags);
	assert_int_equal(cmb_plan_points(&pl), 1);
}

static void wrong_runs_are_named(void **state)
{
	(void)state;
	assert_int_equal(plan("kmap --pages 4"), CMB_EXIT_SKIP);
	assert_string_equal(err, "kmap: skipped: no highmem: CONFIG_HIGHMEM not set");
	assert_int_equal(plan("nosuch"), CMB_EXIT_USAGE);
	assert_non_null(strstr(err, "unknown operation 'nosuch'"));
	assert_int_equal(plan("null --sizes 4K"), CMB_EXIT_USAGE);
	assert_string_equal(err, "--sizes: operation null does not take it");
	assert_int_equal(plan("flush --spread --cpus 0"), CMB_EXIT_USAGE);
	assert_non_null(strstr(err, "--cpus, --spread and --compact"));
	assert_int_equal(plan("flush --threads 99"), CMB_EXIT_USAGE);
	assert_non_null(strstr(err, "--threads: '99' is not a list of counts"));
	assert_int_equal(plan("flush --cpus 0-"), CMB_EXIT_USAGE);
	/* Before this check, 0,0 put two threads on CPU 0 and 4000 made a file. */
	assert_int_equal(plan("null --cpus 0,0"), CMB_EXIT_USAGE);
	assert_string_equal(err, "--cpus: CPU 0 twice: each thread needs a CPU of its own");
	assert_int_equal(plan("null --cpus 4000"), CMB_EXIT_USAGE);
	assert_non_null(strstr(err, "--cpus: CPU 4000 is not one this process may run on"));
	assert_int_equal(plan("flush null"), CMB_EXIT_USAGE);
	assert_string_equal(err, "give exactly one operation name");
	assert_int_equal(plan("flush --events NO,SUCH,EVENTS,A,B,C,D,E,F"), CMB_EXIT_USAGE);
	assert_non_null(strstr(err, "--events: more than"));
}

static void auto_sizes_follow_the_caches(void **state)
{
	unsigned int i, at_l1 = 0, at_l2 = 0;

	(void)state;
	assert_int_equal(plan("flush --sizes auto"), 0);
	for (i = 0; i < pl.a.sizes.n; i++) {
		at_l1 |= pl.a.sizes.v[i] == 32768;
		at_l2 |= pl.a.sizes.v[i] == 1048576;
	}
	assert_true(at_l1 && at_l2);
	assert_int_equal(cmb_plan_points(&pl), pl.a.sizes.n);
	assert_int_equal(plan("flush --sizes auto --cache L2=4M"), 0);
	assert_int_equal(pl.topo.c[1].size, 4 << 20);
}

static void cpus_and_placement(void **state)
{
	(void)state;
	assert_int_equal(plan("null --cpus 1,0 --threads 1,all"), 0);
	assert_string_equal(pl.placement, "cpus");
	assert_int_equal(pl.ncpus, 2);
	assert_true(pl.cpus[0] == 1 && pl.cpus[1] == 0);
	assert_true(pl.nthreads == 2 && pl.threads[0] == 1 && pl.threads[1] == 2);
	assert_int_equal(plan("null --spread"), 0);
	assert_string_equal(pl.placement, "spread");
}

static void probes_are_findings(void **state)
{
	struct cmb_point p;

	(void)state;
	assert_int_equal(plan("pin_probe"), 0);
	cmb_plan_describe(&pl, 0, &p);
	assert_true(p.finding);
	assert_string_equal(p.counter[0], "trials");
}

static void out_and_label_are_noticed(void **state)
{
	(void)state;
	assert_int_equal(plan("null -o x.jsonl"), 0);
	assert_true(pl.given_out && !pl.given_label);
	assert_int_equal(plan("null --label box"), 0);
	assert_true(pl.given_label && !pl.given_out);
}

static void thread_lists(void **state)
{
	unsigned int v[4];

	(void)state;
	assert_int_equal(cmb_parse_threads("1,2,all", v, 4, 8), 3);
	assert_true(v[0] == 1 && v[1] == 2 && v[2] == 8);
	assert_int_equal(cmb_parse_threads("0", v, 4, 8), -1);
	assert_int_equal(cmb_parse_threads("9", v, 4, 8), -1);
	assert_int_equal(cmb_parse_threads("1,1,1,1,1", v, 4, 8), -1);
	assert_int_equal(cmb_parse_threads("2x", v, 4, 8), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_times_threads_in_order),
		cmocka_unit_test(request_carries_only_what_the_op_takes),
		cmocka_unit_test(wrong_runs_are_named),
		cmocka_unit_test(auto_sizes_follow_the_caches),
		cmocka_unit_test(cpus_and_placement),
		cmocka_unit_test(probes_are_findings),
		cmocka_unit_test(out_and_label_are_noticed),
		cmocka_unit_test(thread_lists),
	};

	return cmocka_run_group_tests_name("plan", tests, setup, NULL);
}
