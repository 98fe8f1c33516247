// SPDX-License-Identifier: GPL-2.0
/*
 * Every schema cmbench wrote stays readable. The fixtures in schemas/ were
 * written by the cmbench of each schema in a QEMU boot (schemas/README);
 * each is read here and checked against its own raw JSON, read apart
 * with jansson: what the file recorded survives, what it did not is "not
 * known", and the CI comes from its runs, never from its iterations.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "result/result.h"
#include "uapi/cmbench_hist.h"

#ifndef CMB_SCHEMAS
#define CMB_SCHEMAS "tests/unit/schemas"
#endif

static const char *const fixtures[] = {
	"v1-null", "v1-flush", "v2-null", "v2-flush", "v2-params", "v3-null", "v3-flush",
	"v4-null", "v4-flush", "v4-threads", "v5-null", "v5-flush", "v5-threads",
	"v5-hist6-threads", "v6-null",
};

static struct cmb_point pt;

static void path_of(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.jsonl", CMB_SCHEMAS, name);
}

/* The raw records of a fixture, apart from the reader. */
static json_t *raw_line(const char *path, unsigned int line)
{
	char buf[65536];
	unsigned int i = 0;
	FILE *f = fopen(path, "r");
	json_t *o = NULL;

	assert_non_null(f);
	while (fgets(buf, sizeof(buf), f))
		if (i++ == line) {
			o = json_loads(buf, 0, NULL);
			break;
		}
	fclose(f);
	return o;
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* The old point's facts against what the reader made of it. */
static void check_point(json_t *raw, int from, const struct cmb_point *p)
{
	json_t *runs = json_object_get(raw, from < 6 ? "repeat_stats" : "run_stats");
	json_t *hist = json_object_get(raw, "hist"), *b;
	double logs = 0, tick = 1e9 / 62500000.0;
	uint64_t total = 0;
	size_t i;

	assert_string_equal(p->op, json_string_value(json_object_get(raw, "op")));
	assert_int_equal(p->dist.s.n, (uint64_t)num(raw, "n"));
	assert_int_equal(p->dist.s.sum, (uint64_t)num(raw, "sum_ns"));
	assert_int_equal(p->dist.s.min, (uint64_t)num(raw, "min_ns"));
	assert_int_equal(p->dist.s.max, (uint64_t)num(raw, "max_ns"));
	assert_int_equal(p->repeats, json_array_size(runs));
	/* The centre is the geometric mean of the runs' medians, as recorded. */
	json_array_foreach(runs, i, b) {
		assert_true(fabs(p->rep[i].p50 - num(b, "p50_ns")) < 1e-9);
		logs += log(num(b, "p50_ns"));
	}
	assert_true(fabs(p->ci.centre - exp(logs / (double)json_array_size(runs))) <
		    1e-9 * p->ci.centre);
	/* Never a CI of width 0, whatever the old file said (one tick a sample). */
	if (from >= 6)
		tick /= num(json_object_get(raw, "clock"), "batch");
	if (p->repeats >= 2) {
		assert_true(p->ci.hi - p->ci.centre >= tick - 1e-9);
		assert_true(p->ci.centre - p->ci.lo >= tick - 1e-9);
	}
	/* Every sample is in the histogram, each old bucket's in its own range. */
	json_array_foreach(hist, i, b) {
		uint64_t lo = (uint64_t)json_integer_value(json_array_get(b, 0));
		json_t *hi_v = json_array_get(b, 1);
		uint64_t hi = json_is_null(hi_v) ? lo + 1 : (uint64_t)json_integer_value(hi_v);
		uint64_t in = 0, v;

		for (v = lo; v < hi; v++)
			if (cmbench_hist_lower(cmbench_hist_index(v)) == v)
				in += p->dist.hist[cmbench_hist_index(v)];
		assert_int_equal(in, (uint64_t)json_integer_value(json_array_get(b, 2)));
		total += in;
	}
	if (json_array_size(hist))
		assert_int_equal(total, p->dist.s.n);
	if (from < 6) {
		/* One iteration a sample: timed is the samples' sum. */
		assert_int_equal(p->batch, 1);
		assert_true(fabs(p->timed_per_op - num(raw, "sum_ns") / num(raw, "n")) < 1e-9);
		assert_true(isnan(p->sustained_per_op));
		assert_true(isnan(p->ops_per_s));
		assert_int_equal(p->timer_hz, 62500000);
	}
}

static void every_schema_reads(void **state)
{
	char path[256], err[256];
	unsigned int k, line;

	(void)state;
	for (k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
		struct cmb_header h;
		struct cmb_reader r;
		json_t *head;
		int from, ret;

		path_of(fixtures[k], path, sizeof(path));
		head = raw_line(path, 0);
		assert_non_null(head);
		from = (int)num(head, "schema_version");
		assert_int_equal(from, fixtures[k][1] - '0');
		if (cmb_result_open(&r, path, &h, err, sizeof(err)))
			fail_msg("%s", err);
		assert_int_equal(h.schema_version, from < 6 ? CMB_SCHEMA_VERSION : from);
		assert_string_equal(h.tool_version,
				    json_string_value(json_object_get(head, "tool_version")));
		assert_int_equal(h.timer_hz, 62500000);
		if (from < 6) {
			char want[64];

			assert_int_equal(h.upgraded_from, from);
			snprintf(want, sizeof(want), "from schema %d:", from);
			assert_non_null(strstr(h.upgraded_note, want));
			assert_non_null(strstr(h.upgraded_note, "not runs"));
		} else {
			assert_int_equal(h.upgraded_from, 0);
		}
		for (line = 1; (ret = cmb_result_next(&r, &pt, err, sizeof(err))) > 0; line++) {
			json_t *raw = raw_line(path, line);

			assert_non_null(raw);
			check_point(raw, from, &pt);
			json_decref(raw);
		}
		if (ret < 0)
			fail_msg("%s", err);
		assert_true(line >= 2);
		cmb_result_close(&r);
		json_decref(head);
	}
}

static void read_one(const char *name, struct cmb_header *h, struct cmb_point *p)
{
	char path[256], err[256];
	struct cmb_reader r;

	path_of(name, path, sizeof(path));
	if (cmb_result_open(&r, path, h, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(cmb_result_next(&r, p, err, sizeof(err)), 1);
	cmb_result_close(&r);
}

/* What each version added is kept; what it lacked is unknown, not made up. */
static void what_each_version_recorded(void **state)
{
	static struct cmb_header h;

	(void)state;
	read_one("v1-null", &h, &pt);
	assert_int_equal(pt.threads, 1);
	assert_int_equal(pt.thr[0].cpu, -1);
	assert_string_equal(h.preempt, "");
	assert_int_equal(h.n_cpu_info, 0);
	assert_int_equal(h.kconfig, 0);
	assert_non_null(strstr(h.upgraded_note, "no op parameters"));
	assert_non_null(strstr(h.upgraded_note, "1/32 resolution"));

	read_one("v2-params", &h, &pt);
	assert_int_equal(pt.pages, 4);
	assert_string_equal(pt.counter[0], "checked");
	assert_int_equal(pt.count[0], 800);
	assert_null(strstr(h.upgraded_note, "no op parameters"));

	read_one("v3-flush", &h, &pt);
	assert_string_equal(h.preempt, "voluntary");
	assert_int_equal(h.n_cpu_info, 2);
	assert_true(h.topo.n > 0);
	assert_int_equal(pt.thr[0].cpu, 0);
	assert_string_equal(h.module_build_id, "");
	assert_non_null(strstr(h.upgraded_note, "build IDs"));
	assert_int_equal(pt.size, 4096);
	assert_string_equal(pt.state, "dirty");

	read_one("v4-threads", &h, &pt);
	assert_int_equal(pt.threads, 2);
	assert_int_equal(pt.thr[1].cpu, 1);
	assert_int_equal(pt.nevents, 1);
	assert_string_equal(pt.ev[0].name, "cycles");
	assert_true(pt.ev[0].count > 0);
	assert_true(*h.module_build_id);
	assert_null(strstr(h.upgraded_note, "build IDs"));

	read_one("v5-threads", &h, &pt);
	assert_true(*h.module_build_id);
	assert_null(strstr(h.upgraded_note, "probe flag"));
	assert_non_null(strstr(h.upgraded_note, "1/32 resolution"));
	/* The one commit whose schema 5 files had the finer histogram. */
	read_one("v5-hist6-threads", &h, &pt);
	assert_null(strstr(h.upgraded_note, "1/32"));
}

/* An upgraded file written again is a current file that says where it came from. */
static void upgraded_file_writes_as_current(void **state)
{
	static struct cmb_header h, h2;
	static struct cmb_point p2;
	char path[] = "/tmp/cmbench-upgraded-XXXXXX", err[256];
	struct cmb_reader r;
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	read_one("v1-flush", &h, &pt);
	assert_int_equal(cmb_result_write_header(f, &h), 0);
	assert_int_equal(cmb_result_write_point(f, &pt), 0);
	fclose(f);
	if (cmb_result_open(&r, path, &h2, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(h2.upgraded_from, 1);
	assert_string_equal(h2.upgraded_note, h.upgraded_note);
	assert_int_equal(cmb_result_next(&r, &p2, err, sizeof(err)), 1);
	assert_memory_equal(p2.dist.hist, pt.dist.hist, sizeof(pt.dist.hist));
	assert_true(p2.ci.centre == pt.ci.centre && p2.ci.lo == pt.ci.lo);
	assert_true(isnan(p2.sustained_per_op));
	cmb_result_close(&r);
	unlink(path);
}

static void expect_refused(const char *text, const char *msg)
{
	char path[] = "/tmp/cmbench-schema-XXXXXX", err[256];
	struct cmb_header h;
	struct cmb_reader r;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), -1);
	if (!strstr(err, msg))
		fail_msg("'%s' does not say '%s'", err, msg);
	unlink(path);
}

static void unknown_schemas_are_refused(void **state)
{
	(void)state;
	expect_refused("{\"type\":\"header\",\"schema\":\"cmbench.result\",\"schema_version\":8}\n",
		       "written by a newer cmbench; upgrade this one");
	expect_refused("{\"type\":\"header\",\"schema\":\"cmbench.result\",\"schema_version\":0}\n",
		       "older than this cmbench reads (1 to");
	expect_refused("{\"type\":\"header\",\"schema\":\"cmbench.result\",\"schema_version\":3,"
		       "\"module\":{},\"hist\":{\"sub_bucket_bits\":7,\"groups\":36}}\n",
		       "schema 3 with a histogram scheme cmbench never wrote");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_schema_reads),
		cmocka_unit_test(what_each_version_recorded),
		cmocka_unit_test(upgraded_file_writes_as_current),
		cmocka_unit_test(unknown_schemas_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
