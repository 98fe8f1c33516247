// SPDX-License-Identifier: GPL-2.0
/* The TSV for the plots: its comment lines, columns and values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "report/tsv.h"
#include "fixtures.h"

/* Column k (from 1) of a TSV row. */
static const char *col(const char *row, int k, char *buf, size_t len)
{
	while (--k > 0 && row)
		row = strchr(row, '\t') ? strchr(row, '\t') + 1 : NULL;
	snprintf(buf, len, "%.*s", row ? (int)strcspn(row, "\t\n") : 0, row ? row : "");
	return buf;
}

static void rows_follow_the_points(void **state)
{
	struct cmb_header h;
	struct cmb_point p[2];
	char *text = NULL, err[256], c[64], c2[64];
	const char *path, *row;
	size_t len = 0;
	FILE *f;

	(void)state;
	fake_header(&h, "6.1.0-test", NULL);
	fake_point(&p[0], "flush", 4096, 100, 1000);
	fake_point(&p[1], "null", 0, 10, 50);
	/* A cache model's figure on the flush point, none on null. */
	snprintf(h.emu.model, sizeof(h.emu.model), "cmbench cache plugin: MODELLED, not "
		 "measured; model a72; L1 32768 B 2-way 64 B lines");
	p[0].model.cycles.centre = 1234.5;
	p[1].threads = 2;
	p[1].thr[1] = p[1].thr[0];
	p[1].thr[1].cpu = 1;
	h.n_cpus = 2;
	h.n_cpu_info = 2;
	h.cpu[0] = (struct cmb_cpu){ .cpu = 0, .online = 1, .place = { .package = 0,
				     .cluster = 1, .core = 0 } };
	h.cpu[1] = (struct cmb_cpu){ .cpu = 1, .online = 1, .place = { .package = 0,
				     .cluster = 0, .core = 1 } };
	path = fake_file(&h, p, 2, NULL);
	f = open_memstream(&text, &len);
	assert_int_equal(cmb_export_file(f, path, err, sizeof(err)), 0);
	fclose(f);
	assert_non_null(strstr(text, "# cmbench-export 1\n# label: test machine\n"));
	assert_non_null(strstr(text, "# emulated: yes (qemu-system-aarch64 7.2.22 tcg -cpu "
			       "cortex-a57): not hardware timings\n"));
	assert_non_null(strstr(text, "# cache: L1 data 32768\n"));
	assert_non_null(strstr(text, "\tstop\tthreads\tops_per_s\tcentre_ns\truns\tci_bound\t"
			       "timed_per_op_ns\tsustained_per_op_ns\tharness_per_op_ns\t"
			       "other_per_op_ns\ttimed_ops_per_s\tbatch\tovercommit\t"
			       "cycles_per_op\tplacement\tclusters\tinsns_per_op\t"
			       "model_cycles_per_op\n"));
	assert_non_null(strstr(text, "\n# model: a72: caches MODELLED (model_cycles_per_op)\n"));
	assert_non_null(strstr(text, "\n# machine: Cortex-A57, emulated, model a72\n"));
	row = strstr(text, "\nflush\t") + 1;
	assert_string_equal(col(row, 2, c, sizeof(c)), "dirty");
	assert_string_equal(col(row, 3, c, sizeof(c)), "4096");
	assert_string_equal(col(row, 5, c, sizeof(c)), "64");
	assert_string_equal(col(row, 6, c, sizeof(c)), "100");
	assert_string_equal(col(row, 7, c, sizeof(c)), "1000");
	/* p50 of 1000..1099 read from the histogram, within half a bucket. */
	assert_true(fabs(atof(col(row, 8, c, sizeof(c))) - 1049.5) <= 1049.5 / 64);
	assert_string_equal(col(row, 15, c, sizeof(c)), "4K");
	assert_string_equal(col(row, 16, c, sizeof(c)), "-");
	assert_string_equal(col(row, 20, c, sizeof(c)), "repeats");
	assert_string_equal(col(row, 21, c, sizeof(c)), "1");
	/*
	 * One run: a centre, no CI. The fixture's wall time is twice the
	 * timed, a quarter harness: sustained = 1.5 timed, and the rates
	 * follow from the costs per op.
	 */
	assert_string_equal(col(row, 18, c, sizeof(c)), "NaN");
	assert_string_equal(col(row, 23, c, sizeof(c)), col(row, 8, c2, sizeof(c2)));
	assert_string_equal(col(row, 24, c, sizeof(c)), "1");
	assert_string_equal(col(row, 25, c, sizeof(c)), "n/a");
	assert_true(fabs(atof(col(row, 26, c, sizeof(c))) - 1049.5) < 0.001);
	assert_true(fabs(atof(col(row, 27, c, sizeof(c))) - 1.5 * 1049.5) < 0.001);
	assert_true(fabs(atof(col(row, 22, c, sizeof(c))) - 1e9 / (1.5 * 1049.5)) < 0.01);
	assert_true(fabs(atof(col(row, 30, c, sizeof(c))) - 1e9 / 1049.5) < 0.01);
	assert_string_equal(col(row, 31, c, sizeof(c)), "1");
	/* The fixture's one thread ran on CPU 0, which hwloc puts in cluster 1. */
	assert_string_equal(col(row, 34, c, sizeof(c)), "compact");
	assert_string_equal(col(row, 35, c, sizeof(c)), "1");
	assert_string_equal(col(row, 37, c, sizeof(c)), "1234.500");
	row = strstr(text, "\nnull\t") + 1;
	assert_string_equal(col(row, 2, c, sizeof(c)), "-");
	assert_string_equal(col(row, 14, c, sizeof(c)), "NaN");
	assert_string_equal(col(row, 21, c, sizeof(c)), "2");
	assert_string_equal(col(row, 35, c, sizeof(c)), "0+1");
	assert_string_equal(col(row, 37, c, sizeof(c)), "NaN");
	free(text);
	unlink(path);
}

static void a_bad_file_is_named(void **state)
{
	char err[256];
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_int_equal(cmb_export_file(f, "/nonexistent.jsonl", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent.jsonl"));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_follow_the_points),
		cmocka_unit_test(a_bad_file_is_named),
	};

	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
