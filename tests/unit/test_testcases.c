// SPDX-License-Identifier: GPL-2.0
/*
 * report --ktap and export --format lava: one verdict per op, one named
 * test per point, skips with the kernel's reason, values that are the
 * point's own and never NaN.
 */
#include <math.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "run/provenance.h"
#include "report/testcases.h"

/* Three runs whose medians differ: a CI from the runs. */
static void three_runs(struct cmb_point *p)
{
	p->repeats = 3;
	p->rep[1] = p->rep[0];
	p->rep[2] = p->rep[0];
	p->rep[1].p50 *= 1.02;
	p->rep[2].p50 *= 0.99;
	cmb_point_finish(p);
}

/*
 * The module of fixtures.h (null, flush, kmap not built, vm_map_ram,
 * iopt_map, pin_probe); measured: flush 4K twice (one name twice), null
 * interrupted.
 */
static const char *file(struct cmb_point *p)
{
	struct cmb_header h;
	struct cmb_dev d;

	fake_dev(&d);
	fake_header(&h, "6.1.0-test", NULL);
	/* The op list exactly as a sweep takes it from the device. */
	{
		struct cmb_header full;

		cmb_provenance(&full, &d, 0, NULL, NULL);
		h.n_ops = full.n_ops;
		memcpy(h.ops, full.ops, sizeof(h.ops));
	}
	fake_point(&p[0], "flush", 4096, 100, 1000);
	three_runs(&p[0]);
	fake_point(&p[1], "flush", 4096, 100, 2000);
	fake_point(&p[2], "null", 0, 10, 50);
	p[2].interrupted = 1;
	return fake_file(&h, p, 3, NULL);
}

static char *run(int (*fn)(FILE *, const char *, char *, size_t), const char *path)
{
	char *text = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_int_equal(fn(f, path, err, sizeof(err)), 0);
	fclose(f);
	return text;
}

static void ktap_has_a_subtest_per_op(void **state)
{
	struct cmb_point p[3];
	char *t, want[256];

	(void)state;
	t = run(cmb_ktap_file, file(p));
	assert_true(!strncmp(t, "KTAP version 1\n", 15));
	assert_non_null(strstr(t, "\n1..6\n"));
	/* null: its one point was interrupted, so the op is not ok. */
	assert_non_null(strstr(t, "    # Subtest: null\n    1..1\n"));
	assert_non_null(strstr(t, "    not ok 1 null.t1 # interrupted by a signal"));
	assert_non_null(strstr(t, "\nnot ok 1 null\n"));
	/* flush: both points, the second name made unique. */
	assert_non_null(strstr(t, "    # Subtest: flush\n    1..2\n"));
	assert_non_null(strstr(t, "    ok 1 flush.4K.dirty.t1\n"));
	assert_non_null(strstr(t, "    ok 2 flush.4K.dirty.t1.2\n"));
	assert_non_null(strstr(t, "\nok 2 flush\n"));
	/* The diagnostic carries the point's own centre and CI. */
	snprintf(want, sizeof(want), "# flush.4K.dirty.t1: centre_ns=%.3f ci95_lo_ns=%.3f "
		 "ci95_hi_ns=%.3f ci_from=%s runs=3 ", p[0].ci.centre, p[0].ci.lo, p[0].ci.hi,
		 cmb_bound_name(p[0].ci.bound));
	assert_non_null(strstr(t, want));
	/* One run has no CI: said, not invented. */
	assert_non_null(strstr(t, "# flush.4K.dirty.t1.2: centre_ns="));
	assert_non_null(strstr(t, "ci95_lo_ns=n/a ci95_hi_ns=n/a ci_from=n/a runs=1 "));
	/* Skips: the kernel's reason, or not measured. */
	assert_non_null(strstr(t, "\nok 3 kmap # SKIP no highmem: CONFIG_HIGHMEM not set\n"));
	assert_non_null(strstr(t, "\nok 4 vm_map_ram # SKIP not measured in this file\n"));
	assert_non_null(strstr(t, "\nok 6 pin_probe # SKIP not measured in this file\n"));
	assert_null(strstr(t, "nan"));
	assert_non_null(strstr(t, "# EMULATED (qemu-system-aarch64 7.2.22, tcg, -cpu cortex-a57)"));
	free(t);
}

static void lava_lines_are_what_send_to_lava_reads(void **state)
{
	struct cmb_point p[3];
	char *t, *line, *save, want[128];
	regex_t meas, plain, set;
	int nmeas = 0, nplain = 0, nset = 0;

	(void)state;
	t = run(cmb_lava_file, file(p));
	snprintf(want, sizeof(want), "\nflush.4K.dirty.t1 pass %.3f ns\n", p[0].ci.centre);
	assert_non_null(strstr(t, want));
	assert_non_null(strstr(t, "\nflush.4K.dirty.t1.runs pass 3 runs\n"));
	snprintf(want, sizeof(want), "\nflush.4K.dirty.t1.ci95_lo pass %.3f ns\n", p[0].ci.lo);
	assert_non_null(strstr(t, want));
	assert_non_null(strstr(t, "\n# flush.4K.dirty.t1.2: 1 run: no ci95\n"));
	assert_non_null(strstr(t, "\nflush pass\n"));
	assert_non_null(strstr(t, "\nnull fail\n"));
	assert_non_null(strstr(t, "\nnull.t1 fail\n"));
	assert_non_null(strstr(t, "\n# kmap: skip: no highmem: CONFIG_HIGHMEM not set\nkmap skip\n"));
	/* Not asked for is not "cannot run": a comment, no case, no set. */
	assert_non_null(strstr(t, "\n# vm_map_ram: not asked for in this run: no case\n"));
	assert_null(strstr(t, "\nvm_map_ram skip"));
	assert_null(strstr(t, "start vm_map_ram\n"));
	/* Every line is a comment, a set boundary, or a case send-to-lava.sh parses. */
	assert_int_equal(regcomp(&meas, "^[-_.a-zA-Z0-9]+ (pass|fail|skip) [0-9]+(\\.[0-9]+)? "
				 "[a-z]+$", REG_EXTENDED | REG_NOSUB), 0);
	assert_int_equal(regcomp(&plain, "^[-_.a-zA-Z0-9]+ (pass|fail|skip)$",
				 REG_EXTENDED | REG_NOSUB), 0);
	assert_int_equal(regcomp(&set, "^lava-test-set (start|stop) [-_.a-zA-Z0-9]+$",
				 REG_EXTENDED | REG_NOSUB), 0);
	for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (!regexec(&meas, line, 0, NULL, 0))
			nmeas++;
		else if (!regexec(&plain, line, 0, NULL, 0))
			nplain++;
		else if (!regexec(&set, line, 0, NULL, 0))
			nset++;
		else
			fail_msg("not a LAVA line: '%s'", line);
	}
	/*
	 * flush: 2 points (4 + 2 measured lines); verdicts for the 3 ops run
	 * or not runnable (flush, null, kmap) and null.t1; their 6 set lines.
	 */
	assert_int_equal(nmeas, 6);
	assert_int_equal(nplain, 3 + 1);
	assert_int_equal(nset, 6);
	regfree(&meas);
	regfree(&plain);
	regfree(&set);
	free(t);
}

static void names_use_only_safe_characters(void **state)
{
	struct cmb_point p;
	char name[112];

	(void)state;
	fake_point(&p, "iopt_map", 0, 10, 100);
	snprintf(p.fmt, sizeof(p.fmt), "v7s");
	p.pgsize = 65536;
	p.pages = 16;
	p.threads = 4;
	cmb_case_name(&p, name, sizeof(name));
	assert_int_equal(strspn(name, "-_.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				"0123456789"), strlen(name));
	assert_true(!strncmp(name, "iopt_map.v7s", 12));
	assert_non_null(strstr(name, ".t4"));
}

static void a_bad_file_is_named(void **state)
{
	char *text = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_int_equal(cmb_ktap_file(f, "/nonexistent.jsonl", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent.jsonl"));
	assert_int_equal(cmb_lava_file(f, "/nonexistent.jsonl", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent.jsonl"));
	fclose(f);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ktap_has_a_subtest_per_op),
		cmocka_unit_test(lava_lines_are_what_send_to_lava_reads),
		cmocka_unit_test(names_use_only_safe_characters),
		cmocka_unit_test(a_bad_file_is_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
