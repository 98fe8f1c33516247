// SPDX-License-Identifier: GPL-2.0
/* The result writer and reader: a round trip, and every way a file is bad. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "result/result.h"
#include "uapi/cmbench.h"

static struct cmb_header hdr;
static struct cmb_point pts[2], got;

static void fill(void)
{
	int i;

	memset(&hdr, 0, sizeof(hdr));
	hdr.schema_version = CMB_SCHEMA_VERSION;
	strcpy(hdr.created, "2026-11-21T12:00:00Z");
	strcpy(hdr.command, "cmbench run flush --sizes '4K,1M'");
	strcpy(hdr.tool_version, "v0.1-3-gabcdef");
	strcpy(hdr.label, "aarch64 6.1.0-50-arm64 (emulated cortex-a57)");
	strcpy(hdr.module_version, "0.1.0 abcdef");
	hdr.abi_version = 1;
	strcpy(hdr.module_release, "6.1.0-50-arm64");
	hdr.timer_hz = 62500000;
	hdr.page_size = 4096;
	hdr.ctr = 0x8444c004;
	hdr.dcache_line = 64;
	hdr.icache_line = 64;
	hdr.cwg = 64;
	hdr.midr = 0x410fd083;
	strcpy(hdr.cpu_part, "Cortex-A72");
	hdr.n_ops = 2;
	hdr.ops[0] = (struct cmb_op_status){ "flush", 1, "" };
	hdr.ops[1] = (struct cmb_op_status){ "kmap_high_get", 0,
					     "not built: ARM_ERRATA_798181 set" };
	strcpy(hdr.kernel_release, "6.1.0-50-arm64");
	strcpy(hdr.kernel_version, "#1 SMP Debian 6.1.176-1");
	strcpy(hdr.machine, "aarch64");
	hdr.n_cpus = 2;
	hdr.online_cpus = 2;
	strcpy(hdr.boot_id, "0f0e0d0c-0b0a-4909-8807-060504030201");
	strcpy(hdr.cmdline, "console=ttyAMA0 cmbench_emulator=qemu-system-aarch64,7.2.22,tcg,"
	       "cortex-a57 cmbench_host_cpus=2");
	hdr.uptime_s = 12.5;
	hdr.kconfig = 0x19;
	strcpy(hdr.preempt, "voluntary");
	hdr.n_cpu_info = 2;
	hdr.cpu[0] = (struct cmb_cpu){ 0, 1, 0x410fd070, "", 0, 0, 0, { 0, -1, 0 } };
	hdr.cpu[1] = (struct cmb_cpu){ 1, 0, 0x410fd034, "schedutil", 1200000, 600000, 1800000,
				       { 0, 1, 1 } };
	strcpy(hdr.config_path, "/boot/config-6.1.0-50-arm64");
	strcpy(hdr.config_sha256, "c143969c2e1cb7ee817abbd2465d0b40e247a6159bf587c3e6b9eddfbb565562");
	strcpy(hdr.module_build_id, "0123456789abcdef0123456789abcdef01234567");
	/* kernel_build_id stays "": written as null, read back as "" */
	hdr.emu.emulated = 1;
	strcpy(hdr.emu.name, "qemu-system-aarch64");
	strcpy(hdr.emu.version, "7.2.22");
	strcpy(hdr.emu.accel, "tcg");
	strcpy(hdr.emu.cpu, "cortex-a57");
	strcpy(hdr.emu.detected_by, "kernel command line");
	hdr.emu.host_cpus = 2;

	for (i = 0; i < 2; i++) {
		struct cmb_point *p = &pts[i];
		uint64_t v;

		memset(p, 0, sizeof(*p));
		strcpy(p->op, "flush");
		strcpy(p->impl, "kernel dcache_clean_inval_poc");
		p->finding = i;
		strcpy(p->state, i ? "cold" : "dirty");
		p->size = i ? 1 << 20 : 4096;
		p->offset = (uint64_t)i * 8;
		p->iters = 500;
		p->repeats = 2;
		p->lines = p->size / 64;
		p->interrupted = i;
		p->warmup = 100;
		p->threads = i ? 2 : 1;
		p->thr[0] = (struct cmb_thread_stat){ 3, 500, 700, 9000, 400000, 1000,
						      900000, 400000, 300000, 200000 };
		p->thr[1] = (struct cmb_thread_stat){ 5, 500, 701, 99999, 500000, 1000,
						      1000000, 500000, 300000, 200000 };
		p->batch = i ? 2 : 1;
		p->timer_hz = 62500000;
		strcpy(p->batch_note, i ? "auto: median 40 ns is 2.5 ticks: batches of 2" :
		       "--batch 1");
		p->cyc.asked = i;
		p->cyc.counted = i;
		p->cyc.count = 123456;
		p->cyc.overhead = 12;
		p->overcommit = i;
		strcpy(p->warning, i ? "overcommitted: 4 threads" : "");
		p->nevents = 2;
		p->ev[0] = (struct cmb_event){ "lock:contention_begin", 1, "", "no spinlocks", 12, 1,
					       "tracepoint", 2, 1, 81234, 11, 1, 3 };
		strcpy(p->placement, i ? "spread" : "cpus");
		p->ev[1] = (struct cmb_event){ "L2D_CACHE_REFILL", 0, "libpfm4: event not found", "", 0, 0,
					       "", -1, 0, 0, 0, 0, 0 };
		p->precision = i ? 0.01 : 0;
		strcpy(p->stop, i ? "precision" : "repeats");
		p->pages = i ? 64 : 0;
		p->pgsize = i ? 65536 : 0;
		strcpy(p->dir, i ? "from_device" : "");
		strcpy(p->fmt, i ? "v7s" : "");
		p->highmem = i;
		p->coherent_walk = !i;
		strcpy(p->counter[0], "checked");
		p->count[0] = 1000;
		if (i) {
			strcpy(p->counter[1], "mismatch");
			p->count[1] = 3;
		}
		cmb_dist_init(&p->dist);
		for (v = 0; v < 1000; v++)
			cmb_dist_add(&p->dist, 700 + v * v * (uint64_t)(i + 1));
		p->rep[0] = (struct cmb_run){ 500, 1000, 700, 9000, 800.5, 8000, 810.25,
					      1000000, 450000, 300000, 250000, 0.95, 0, 0, 41 };
		p->rep[1] = (struct cmb_run){ 500, 1000, 701, 99999999, NAN, NAN, 900,
					      900000, 450000, 300000, 150000, 1, 0, 0, 0 };
		if (i == 1) {
			/*
			 * --clock instructions, batches of 2: run 0 counted all 500
			 * samples, (700000 - 500 x 12) / (500 x 2) = 694 an op; run 1
			 * 490, 10 having taken an interrupt.
			 */
			p->ins.asked = p->ins.counted = 1;
			p->ins.count = 1392000;
			p->ins.samples = 990;
			p->ins.overhead = 12;
			p->rep[0].clock_count = 700000;
			p->rep[0].clock_samples = 500;
			p->rep[1].clock_count = 692000;
			p->rep[1].clock_samples = 490;
		}
		cmb_point_finish(p);
	}
}

/* Equal, or both NaN (a statistic that does not exist). */
static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static FILE *written(void)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(cmb_result_write_header(f, &hdr), 0);
	assert_int_equal(cmb_result_write_point(f, &pts[0]), 0);
	assert_int_equal(cmb_result_write_point(f, &pts[1]), 0);
	return f;
}

/* Writes what f holds to a named file the reader can open. */
static const char *to_path(FILE *f, const char *extra)
{
	static char path[] = "/tmp/cmbench-test-XXXXXX";
	char buf[65536];
	size_t n;
	FILE *o;
	int fd;

	strcpy(path, "/tmp/cmbench-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	o = fdopen(fd, "w");
	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, o);
	if (extra)
		fputs(extra, o);
	fclose(o);
	fclose(f);
	return path;
}

static void round_trip_keeps_every_field(void **state)
{
	const char *path;
	struct cmb_reader r;
	struct cmb_header h;
	char err[256];
	int i;

	(void)state;
	fill();
	path = to_path(written(), NULL);
	assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), 0);
	assert_memory_equal(&h, &hdr, sizeof(h));
	for (i = 0; i < 2; i++) {
		assert_int_equal(cmb_result_next(&r, &got, err, sizeof(err)), 1);
		assert_string_equal(got.op, pts[i].op);
		assert_string_equal(got.impl, pts[i].impl);
		assert_int_equal(got.finding, pts[i].finding);
		assert_string_equal(got.state, pts[i].state);
		assert_int_equal(got.size, pts[i].size);
		assert_int_equal(got.offset, pts[i].offset);
		assert_int_equal(got.iters, pts[i].iters);
		assert_int_equal(got.lines, pts[i].lines);
		assert_int_equal(got.wall_ns, pts[i].wall_ns);
		assert_int_equal(got.batch, pts[i].batch);
		assert_string_equal(got.batch_note, pts[i].batch_note);
		assert_int_equal(got.timer_hz, pts[i].timer_hz);
		assert_int_equal(got.cyc.asked, pts[i].cyc.asked);
		assert_int_equal(got.ins.asked, i == 1);
		if (i == 1) {
			assert_true(got.rep[1].clock_count == 692000);
			assert_true(got.rep[1].clock_samples == 490);
			assert_true(got.ins.samples == 990);
			/* Per op over the samples counted, each with its read pair. */
			assert_true(fabs(cmb_run_clock_per_op(&got, &got.rep[0]) - 694) < 1e-9);
			assert_true(fabs(cmb_point_insns(&got) -
					 (1392000 - 990 * 12) / (990 * 2.0)) < 1e-9);
		} else {
			assert_true(isnan(cmb_point_insns(&got)));
		}
		assert_int_equal(got.cyc.counted, pts[i].cyc.counted);
		assert_true(got.cyc.count == pts[i].cyc.count || !i);
		assert_int_equal(got.overcommit, pts[i].overcommit);
		assert_string_equal(got.warning, pts[i].warning);
		assert_true(same(got.ci.centre, pts[i].ci.centre));
		assert_true(same(got.ci.lo, pts[i].ci.lo) && same(got.ci.hi, pts[i].ci.hi));
		assert_int_equal(got.repeats, pts[i].repeats);
		assert_int_equal(got.interrupted, pts[i].interrupted);
		assert_int_equal(got.warmup, pts[i].warmup);
		assert_int_equal(got.threads, pts[i].threads);
		assert_memory_equal(got.thr, pts[i].thr, got.threads * sizeof(got.thr[0]));
		assert_string_equal(got.placement, pts[i].placement);
		assert_true(got.ops_per_s == pts[i].ops_per_s);
		assert_int_equal(got.nevents, 2);
		assert_memory_equal(&got.ev[0], &pts[i].ev[0], sizeof(got.ev[0]));
		assert_string_equal(got.ev[1].name, "L2D_CACHE_REFILL");
		assert_int_equal(got.ev[1].supported, 0);
		assert_string_equal(got.ev[1].why, pts[i].ev[1].why);
		assert_true(got.precision == pts[i].precision);
		assert_string_equal(got.stop, pts[i].stop);
		assert_int_equal(got.pages, pts[i].pages);
		assert_int_equal(got.pgsize, pts[i].pgsize);
		assert_string_equal(got.dir, pts[i].dir);
		assert_string_equal(got.fmt, pts[i].fmt);
		assert_int_equal(got.highmem, pts[i].highmem);
		assert_int_equal(got.coherent_walk, pts[i].coherent_walk);
		assert_memory_equal(got.counter, pts[i].counter, sizeof(got.counter));
		assert_memory_equal(got.count, pts[i].count, sizeof(got.count));
		assert_memory_equal(&got.dist, &pts[i].dist, sizeof(got.dist));
		assert_memory_equal(&got.rep[0], &pts[i].rep[0], sizeof(got.rep[0]));
		assert_true(isnan(got.rep[1].p50) && got.rep[1].max == 99999999);
		assert_int_equal(got.rep[1].other_ns, 150000);
		/* The time split is derived from the threads and adds up. */
		assert_int_equal(got.timed_ns + got.harness_ns + got.other_ns, got.wall_ns);
	}
	assert_int_equal(cmb_result_next(&r, &got, err, sizeof(err)), 0);
	cmb_result_close(&r);
	unlink(path);
}

static void not_emulated_round_trips(void **state)
{
	const char *path;
	struct cmb_reader r;
	struct cmb_header h;
	char err[256];

	(void)state;
	fill();
	memset(&hdr.emu, 0, sizeof(hdr.emu));
	path = to_path(written(), NULL);
	assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), 0);
	assert_int_equal(h.emu.emulated, 0);
	cmb_result_close(&r);
	unlink(path);
}

/* The reader must refuse text and say where: file and line. */
static void expect_bad(const char *content, int at_open, const char *msg)
{
	char path[] = "/tmp/cmbench-bad-XXXXXX", err[256];
	struct cmb_reader r;
	struct cmb_header h;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	if (at_open) {
		assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), -1);
	} else {
		assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), 0);
		assert_int_equal(cmb_result_next(&r, &got, err, sizeof(err)), -1);
		cmb_result_close(&r);
	}
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, msg));
	unlink(path);
}

static char *header_line(void)
{
	static char line[8192];
	FILE *f = tmpfile();

	fill();
	cmb_result_write_header(f, &hdr);
	rewind(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	return line;
}

static void bad_files_are_refused(void **state)
{
	char buf[16384], want[32], *h = header_line(), *p;

	(void)state;
	expect_bad("", 1, "empty file");
	expect_bad("{not json\n", 1, "not JSON");
	expect_bad("{\"type\":\"point\"}\n", 1, "not a cmbench.result header");

	snprintf(buf, sizeof(buf), "%s", h);
	snprintf(want, sizeof(want), "\"schema_version\":%d,", CMB_SCHEMA_VERSION);
	p = strstr(buf, want);
	assert_non_null(p);
	p[17] = '9';
	expect_bad(buf, 1, "schema version 9");

	snprintf(buf, sizeof(buf), "%s", h);
	snprintf(want, sizeof(want), "\"sub_bucket_bits\":%d", CMBENCH_HIST_BITS);
	p = strstr(buf, want);
	assert_non_null(p);
	p[18] = '4';
	expect_bad(buf, 1, "histogram scheme");

	snprintf(buf, sizeof(buf), "%s{\"type\":\"header\"}\n", h);
	expect_bad(buf, 0, "expected a point");
	snprintf(buf, sizeof(buf), "%s{\"type\":\"point\",\"op\":\"flush\"}\n", h);
	expect_bad(buf, 0, "missing or has bad fields: \"impl\"");
	snprintf(buf, sizeof(buf), "%s{\"type\":\"point\",\"op\":\"fl", h);
	expect_bad(buf, 0, ":2: not JSON");
}

static void bucket_off_the_grid_is_refused(void **state)
{
	char *text, *p, path[] = "/tmp/cmbench-grid-XXXXXX", err[256];
	struct cmb_reader r;
	struct cmb_header h;
	FILE *f;
	long n;

	(void)state;
	fill();
	f = written();
	n = ftell(f);
	text = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	/*
	 * Add 1 to the first bucket's lower bound: above 64 ns every bound is
	 * even (buckets are 2 ns or wider), so lo + 1 is not a bucket edge.
	 */
	p = strstr(text, "\"hist\":[[");
	assert_non_null(p);
	p += strlen("\"hist\":[[");
	p += strspn(p, "0123456789") - 1;
	assert_true((*p - '0') % 2 == 0);
	(*p)++;
	f = fdopen(mkstemp(path), "w");
	fputs(text, f);
	fclose(f);
	assert_int_equal(cmb_result_open(&r, path, &h, err, sizeof(err)), 0);
	assert_int_equal(cmb_result_next(&r, &got, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2:"));
	cmb_result_close(&r);
	unlink(path);
	free(text);
}

static void params_and_counters_print_compactly(void **state)
{
	char b[160];

	(void)state;
	fill();
	assert_string_equal(cmb_point_param(&pts[0], b, sizeof(b)), "4K");
	assert_string_equal(cmb_point_param(&pts[1], b, sizeof(b)), "v7s 64K x64 high");
	assert_string_equal(cmb_point_counters(&pts[1], b, sizeof(b)),
			    "checked=1000 mismatch=3");
	pts[0].counter[0][0] = '\0';
	assert_string_equal(cmb_point_counters(&pts[0], b, sizeof(b)), "");
	/* 12 contended locks and 81234 ns of waiting over 1000 operations. */
	assert_string_equal(cmb_point_events(&pts[0], b, sizeof(b)),
			    "lock:contention_begin=0.012/op wait=81.2ns/op(lower bound) "
			    "L2D_CACHE_REFILL=n/a");
	pts[0].ev[0].count = 5434000;
	pts[0].ev[0].has_wait = 0;
	assert_string_equal(cmb_point_events(&pts[0], b, sizeof(b)),
			    "lock:contention_begin=5434/op L2D_CACHE_REFILL=n/a");
	/*
	 * In batches of 8 a sample is 8 operations: the same count over 8
	 * times the operations (a count per sample was 8 times too much).
	 */
	pts[0].batch = 8;
	assert_string_equal(cmb_point_events(&pts[0], b, sizeof(b)),
			    "lock:contention_begin=679/op L2D_CACHE_REFILL=n/a");
	assert_true(fabs(cmb_point_per_op(&pts[0], 8000.0 * (double)pts[0].dist.s.n) - 1000) <
		    1e-9);
}

static void missing_file_names_it(void **state)
{
	struct cmb_reader r;
	struct cmb_header h;
	char err[256];

	(void)state;
	assert_int_equal(cmb_result_open(&r, "/nonexistent/x.jsonl", &h, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/x.jsonl"));
	assert_non_null(strstr(err, "No such file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_keeps_every_field),
		cmocka_unit_test(not_emulated_round_trips),
		cmocka_unit_test(bad_files_are_refused),
		cmocka_unit_test(bucket_off_the_grid_is_refused),
		cmocka_unit_test(params_and_counters_print_compactly),
		cmocka_unit_test(missing_file_names_it),
	};

	return cmocka_run_group_tests_name("result", tests, NULL, NULL);
}
