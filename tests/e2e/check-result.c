// SPDX-License-Identifier: GPL-2.0
/*
 * Validates a cmbench result file field by field against what the run was
 * asked to do. It parses the JSON itself with jansson rather than through
 * bench/result/read.c, so a bug in the one reader cannot hide the same bug in
 * the one writer.
 *
 * usage: check-result FILE OP STATE OFFSET ITERS REPEAT RELEASE EMULATOR [X...]
 *   X: the sweep: buffer sizes, or with STATE "-" the page counts of a
 *   pool/mapping op (none for ops with neither). EMULATOR is the expected
 *   emulator name, e.g. qemu-system-aarch64.
 *
 * ITERS is what was asked; a point whose clock batches K iterations per
 * sample ran ITERS rounded up to a multiple of K, and has 1/K as many
 * samples. With CHECK_PRECISION=P in the environment the point was sampled
 * adaptively to P (a fraction): n is then a whole number of runs, at least
 * 3 (and REPEAT), and a point that stopped on "precision" must have a 95%
 * CI within P of its centre. Otherwise the count was fixed: REPEAT runs and
 * stop == "repeats". Any point of 2 runs or more has a CI of non-zero
 * width around its centre; one of 1 run has none ("n/a").
 *
 * The time split: wall = timed + harness + other, exactly, per run, per
 * thread and in all; the costs per op and the rates follow from it (at 1
 * thread, ops_per_s = 1e9 / sustained_per_op_ns). With CHECK_CYCLES=1 the
 * point was asked for CPU cycles and must have counted them.
 *
 * With CHECK_THREADS=1,2,4 every X was measured at each thread count, in
 * that order: n counts every thread's iterations, and per_thread must list
 * that many threads on distinct CPUs.
 *
 * Counters are checked by name wherever they appear: "mismatch",
 * "map_errors", "map_failed", "stale_flushed" and "data_lost" must be 0, "checked" and
 * "trials" must equal n, the kmap_high_get checks must hold once per
 * repeat, and no finding can exceed its trials.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmbench.h"

static int failures;
static const char *file;
static int lineno;
static int64_t timer_hz;		/* the header's */

static void expect(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void expect(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	failures++;
	printf("  %s:%d: ", file, lineno);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	expect(s != NULL, "\"%s\" is not a string", k);
	return s ? s : "";
}

static int64_t num_i(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	expect(json_is_integer(v), "\"%s\" is not an integer", k);
	return json_integer_value(v);
}

static double num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	expect(json_is_number(v), "\"%s\" is not a number", k);
	return json_number_value(v);
}

static void check_header(json_t *h, const char *release, const char *emulator)
{
	json_t *m = json_object_get(h, "module"), *s = json_object_get(h, "system");
	json_t *e = json_object_get(h, "emulator"), *hs = json_object_get(h, "hist");
	const char *created = str(h, "created");
	int64_t line;

	expect(!strcmp(str(h, "type"), "header"), "first record is not the header");
	expect(!strcmp(str(h, "schema"), "cmbench.result"), "schema name");
	expect(num_i(h, "schema_version") == 6, "schema_version != 6");
	expect(strlen(created) == 20 && created[10] == 'T' && created[19] == 'Z',
	       "created '%s' is not UTC ISO 8601", created);
	expect(strstr(str(h, "command"), "cmbench run") != NULL, "command line missing");
	expect(*str(h, "tool_version") != '\0', "tool_version empty");
	expect(*str(h, "label") != '\0', "label empty");
	expect(json_is_object(m) && json_is_object(s) && json_is_object(e) &&
	       json_is_object(hs), "module/system/emulator/hist objects missing");
	if (failures)
		return;
	expect(num_i(m, "abi_version") == CMBENCH_ABI_VERSION, "module ABI version");
	expect(*str(m, "version") != '\0', "module version empty");
	expect(!strcmp(str(m, "built_for"), release), "module built for '%s', not %s",
	       str(m, "built_for"), release);
	expect(strlen(str(m, "build_id")) == 40 &&
	       strspn(str(m, "build_id"), "0123456789abcdef") == 40,
	       "module build_id '%s' is not a SHA-1 build ID", str(m, "build_id"));
	timer_hz = num_i(m, "timer_hz");
	expect(timer_hz > 0, "timer_hz not positive");
	expect(strlen(str(s, "boot_id")) == 36, "boot_id '%s' is not a UUID", str(s, "boot_id"));
	expect(strstr(str(s, "cmdline"), "cmbench_emulator=") != NULL, "cmdline missing");
	expect(num(s, "uptime_s") > 0, "uptime_s not positive");
	expect(num_i(s, "online_cpus") >= 1 && num_i(s, "online_cpus") <= num_i(s, "n_cpus"),
	       "online_cpus");
	expect(num_i(json_object_get(h, "emulator"), "host_cpus") >= 1, "emulator.host_cpus");
	expect(num_i(m, "page_size") == 4096, "page_size");
	line = num_i(m, "dcache_line");
	expect(line >= 16 && line <= 2048 && !(line & (line - 1)),
	       "dcache_line %" PRId64 " is not a power of two in [16, 2048]", line);
	expect(!strncmp(str(m, "ctr"), "0x", 2) && strlen(str(m, "ctr")) == 10, "ctr format");
	expect(!strcmp(str(s, "kernel_release"), release), "kernel_release '%s', want %s",
	       str(s, "kernel_release"), release);
	expect(!strncmp(str(s, "midr"), "0x", 2), "midr format");
	expect(num_i(s, "n_cpus") >= 1, "n_cpus");
	expect(json_is_object(json_object_get(s, "kernel_config")) &&
	       json_is_boolean(json_object_get(json_object_get(s, "kernel_config"), "HIGHMEM")),
	       "kernel_config.HIGHMEM missing");
	expect(!strcmp(str(s, "preempt"), "none") || !strcmp(str(s, "preempt"), "voluntary") ||
	       !strcmp(str(s, "preempt"), "full"), "preempt '%s'", str(s, "preempt"));
	expect(json_is_array(json_object_get(s, "cpus")) &&
	       (int64_t)json_array_size(json_object_get(s, "cpus")) == num_i(s, "n_cpus"),
	       "cpus: one entry per CPU");
	expect(!strcmp(str(json_array_get(json_object_get(s, "cpus"), 0), "midr"), str(s, "midr")),
	       "cpu 0's MIDR from /proc/cpuinfo differs from the module's");
	expect(strlen(str(json_object_get(s, "kernel_config_file"), "sha256")) == 64,
	       "kernel_config_file.sha256 missing");
	for (size_t i = 0; i < json_array_size(json_object_get(s, "cpus")); i++) {
		json_t *c = json_array_get(json_object_get(s, "cpus"), i);

		expect(json_is_integer(json_object_get(c, "package")) &&
		       json_is_integer(json_object_get(c, "cluster")) &&
		       json_is_integer(json_object_get(c, "core")),
		       "cpus[%zu]: package/cluster/core missing", i);
	}
	expect(json_is_array(json_object_get(s, "caches")) &&
	       json_array_size(json_object_get(s, "caches")) >= 2 &&
	       !strcmp(str(json_array_get(json_object_get(s, "caches"), 0), "source"),
		       "CLIDR/CCSIDR"), "caches: CLIDR/CCSIDR levels missing");
	expect(json_is_true(json_object_get(e, "emulated")), "emulated is not true");
	expect(!strcmp(str(e, "name"), emulator), "emulator '%s', want %s",
	       str(e, "name"), emulator);
	expect(!strcmp(str(e, "accel"), "tcg"), "accel is not tcg");
	expect(!strcmp(str(hs, "scheme"), "log-linear") &&
	       num_i(hs, "sub_bucket_bits") == CMBENCH_HIST_BITS &&
	       num_i(hs, "groups") == CMBENCH_HIST_GROUPS, "hist scheme");
}

static void check_hist(json_t *p, int64_t n)
{
	json_t *b = json_object_get(p, "hist"), *bk;
	int64_t total = 0, prev_hi = 0, lo, hi, c;
	size_t i;

	expect(json_is_array(b) && json_array_size(b) > 0, "hist is not a non-empty array");
	json_array_foreach(b, i, bk) {
		lo = json_integer_value(json_array_get(bk, 0));
		hi = json_integer_value(json_array_get(bk, 1));
		c = json_integer_value(json_array_get(bk, 2));
		expect(json_array_size(bk) == 3 && c > 0, "bucket %zu malformed", i);
		expect(lo >= prev_hi, "bucket %zu out of order", i);
		expect(json_is_null(json_array_get(bk, 1)) || hi > lo, "bucket %zu empty range", i);
		/* Bounded relative error: width at most lo / 2^BITS (or 1 ns). */
		expect(json_is_null(json_array_get(bk, 1)) ||
		       hi - lo <= (lo >> CMBENCH_HIST_BITS) || hi - lo == 1,
		       "bucket %zu [%" PRId64 ", %" PRId64 ") wider than the error bound", i, lo, hi);
		prev_hi = hi;
		total += c;
	}
	expect(total == n, "hist counts sum to %" PRId64 ", n is %" PRId64, total, n);
}

static void check_counters(json_t *p, int64_t n, int64_t repeat)
{
	json_t *c = json_object_get(p, "counters"), *v;
	const char *name;
	int64_t trials = -1;

	expect(json_is_object(c), "counters is not an object");
	json_object_foreach(c, name, v) {
		int64_t x = json_integer_value(v);

		expect(json_is_integer(v) && x >= 0, "counter %s not a count", name);
		if (!strcmp(name, "mismatch") || !strcmp(name, "map_errors") ||
		    !strcmp(name, "map_failed") || !strcmp(name, "stale_flushed") ||
		    !strcmp(name, "data_lost"))
			expect(x == 0, "counter %s = %" PRId64 ", want 0", name, x);
		if (!strcmp(name, "checked") || !strcmp(name, "trials"))
			expect(x == n, "counter %s = %" PRId64 ", want n %" PRId64, name, x, n);
		if (!strcmp(name, "trials"))
			trials = x;
		if (!strcmp(name, "get_matches_kmap") || !strcmp(name, "get_null_unmapped"))
			expect(x == repeat, "counter %s = %" PRId64 ", want %" PRId64
			       " (once per repeat)", name, x, repeat);
	}
	json_object_foreach(c, name, v)
		if (trials >= 0 && strcmp(name, "trials"))
			expect(json_integer_value(v) <= trials, "finding %s above trials", name);
}

/* a == b within a relative tolerance */
static int close_to(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fabs(b) + 1e-9;
}

/* wall = timed + harness + other, exactly, in o. */
static void check_split(json_t *o, const char *what)
{
	expect(num_i(o, "wall_ns") == num_i(o, "timed_ns") + num_i(o, "harness_ns") +
	       num_i(o, "other_ns"), "%s: wall %" PRId64 " != timed + harness + other", what,
	       num_i(o, "wall_ns"));
	expect(num_i(o, "timed_ns") > 0 && num_i(o, "harness_ns") >= 0 &&
	       num_i(o, "other_ns") >= 0, "%s: a share is negative or nothing was timed", what);
}

static void check_parallel(json_t *p, int64_t threads, int64_t batch)
{
	json_t *par = json_object_get(p, "parallel"), *tm = json_object_get(p, "time"), *a, *t;
	int64_t n = num_i(p, "n"), sum = 0, cpus_seen = 0, it = 0;
	int64_t wall = 0, timed = 0, harness = 0, other = 0;
	size_t i;

	expect(json_is_object(par) && json_is_object(tm), "parallel or time is not an object");
	a = json_object_get(par, "per_thread");
	expect(num_i(par, "threads") == threads, "threads %" PRId64 ", want %" PRId64,
	       num_i(par, "threads"), threads);
	expect(json_is_array(a) && (int64_t)json_array_size(a) == threads, "per_thread length");
	expect(!strcmp(str(par, "placement"), "compact") || !strcmp(str(par, "placement"), "spread") ||
	       !strcmp(str(par, "placement"), "cpus"), "placement '%s'", str(par, "placement"));
	expect(num(par, "ops_per_s") > 0 && num(par, "timed_ops_per_s") >= num(par, "ops_per_s"),
	       "ops_per_s not positive, or above what the timed calls alone allow");
	json_array_foreach(a, i, t) {
		int64_t cpu = num_i(t, "cpu"), tn = num_i(t, "n");
		int64_t d = num_i(t, "timed_ns") - batch * num_i(t, "sum_ns");

		expect(cpu >= 0 && cpu < 63 && !(cpus_seen & (1LL << cpu)),
		       "thread %zu on CPU %" PRId64 " (shared or invalid)", i, cpu);
		cpus_seen |= 1LL << cpu;
		sum += tn;
		it += num_i(t, "iters");
		expect(num_i(t, "iters") == tn * batch, "thread %zu: iters != n * batch", i);
		expect(num_i(t, "min_ns") >= num_i(p, "min_ns") &&
		       num_i(t, "max_ns") <= num_i(p, "max_ns"), "thread %zu outside min..max", i);
		/* Samples are ns per iteration, floored: timed_ns is their exact total. */
		expect(d >= 0 && d <= tn * (batch + 1), "thread %zu: timed_ns %" PRId64
		       " is not its samples times the batch (%" PRId64 " apart)", i,
		       num_i(t, "timed_ns"), d);
		check_split(t, "per_thread");
		wall += num_i(t, "wall_ns");
		timed += num_i(t, "timed_ns");
		harness += num_i(t, "harness_ns");
		other += num_i(t, "other_ns");
	}
	expect(sum == n, "per_thread n sum %" PRId64 " != n %" PRId64, sum, n);
	check_split(tm, "time");
	expect(wall == num_i(tm, "wall_ns") && timed == num_i(tm, "timed_ns") &&
	       harness == num_i(tm, "harness_ns") && other == num_i(tm, "other_ns"),
	       "time is not the sum of the threads'");
	expect(close_to(num(tm, "timed_per_op_ns"), (double)timed / (double)it) &&
	       close_to(num(tm, "sustained_per_op_ns"), (double)(wall - harness) / (double)it) &&
	       close_to(num(tm, "harness_per_op_ns"), (double)harness / (double)it) &&
	       close_to(num(tm, "other_per_op_ns"), (double)other / (double)it),
	       "costs per op do not follow from the split");
	if (threads == 1) {
		expect(close_to(num(par, "ops_per_s"), 1e9 / num(tm, "sustained_per_op_ns")),
		       "at 1 thread ops_per_s != 1e9 / sustained_per_op");
		expect(close_to(num(par, "timed_ops_per_s"), 1e9 / num(tm, "timed_per_op_ns")),
		       "at 1 thread timed_ops_per_s != 1e9 / timed_per_op");
	}
}

/*
 * Counts per operation: a sample is a batch, so an event's per_op is its
 * count over n times the batch (over n alone it was the batch times too
 * much, unnoticed until a cross-machine comparison read it).
 */
static void check_events(json_t *p, int64_t batch)
{
	json_t *a = json_object_get(p, "pmu"), *e;
	double ops = (double)num_i(p, "n") * (double)batch;
	size_t i;

	json_array_foreach(a, i, e) {
		if (!json_is_true(json_object_get(e, "supported")))
			continue;
		expect(close_to(num(e, "per_op"), num(e, "count") / ops),
		       "pmu %s: per_op %g is not count / (n * batch) = %g", str(e, "event"),
		       num(e, "per_op"), num(e, "count") / ops);
	}
}

/* The clock: the architected counter, batches, and cycles if asked. */
static int64_t check_clock(json_t *p)
{
	json_t *c = json_object_get(p, "clock"), *cy = json_object_get(p, "cycles");
	int64_t batch = num_i(c, "batch");

	expect(json_is_object(c), "clock is not an object");
	expect(num_i(c, "hz") == timer_hz, "clock.hz != the header's timer_hz");
	expect(close_to(num(c, "tick_ns"), 1e9 / (double)timer_hz), "clock.tick_ns");
	expect(batch >= 1 && batch <= CMBENCH_MAX_BATCH, "clock.batch %" PRId64, batch);
	expect(close_to(num(c, "quantisation_ns"), num(c, "tick_ns") / (double)batch),
	       "clock.quantisation_ns != tick / batch");
	expect(*str(c, "note") != '\0', "clock.note empty");
	expect(!strcmp(str(c, "sample"), batch == 1 ? "one iteration" : "mean of a batch of") ||
	       (batch > 1 && strstr(str(c, "sample"), "mean of a batch of")), "clock.sample");
	if (getenv("CHECK_CYCLES")) {
		expect(json_is_object(cy) && json_is_true(json_object_get(cy, "counted")),
		       "cycles asked for but not counted: %s", str(cy, "why"));
		expect(num(cy, "count") > 0 && num(cy, "per_op") > 0, "cycles not positive");
	} else {
		expect(json_is_null(cy), "cycles not null though not asked for");
	}
	return batch;
}

/* How the point was sampled: runs, stop, and the interval from the runs. */
static void check_sampling(json_t *p, int64_t per_run, int64_t repeat)
{
	json_t *s = json_object_get(p, "sampling");
	const char *adaptive = getenv("CHECK_PRECISION");
	const char *stop = str(s, "stop"), *bound = str(s, "ci_bound");
	int64_t n = num_i(p, "n"), runs = num_i(p, "runs");
	double c = num(s, "centre_ns");

	expect(json_is_object(s), "sampling is not an object");
	expect(num_i(s, "warmup") >= 0, "warmup");
	expect(n == runs * per_run, "n %" PRId64 " is not %" PRId64 " runs of %" PRId64, n,
	       runs, per_run);
	if (runs < 2) {
		expect(!strcmp(bound, "n/a") && json_is_null(json_object_get(s, "ci95_lo_ns")),
		       "one run has a CI");
	} else {
		double lo = num(s, "ci95_lo_ns"), hi = num(s, "ci95_hi_ns");
		json_t *res = json_object_get(s, "resolution");

		/* Never a CI of zero width: at least the resolution either side. */
		expect(lo < c && c < hi, "CI [%.2f, %.2f] does not strictly hold centre %.2f",
		       lo, hi, c);
		expect(c - lo >= num(res, "histogram_ns") - 1e-9 &&
		       hi - c >= num(res, "timer_ns") - 1e-9, "CI narrower than the resolution");
		expect(!strcmp(bound, "runs") || !strcmp(bound, "histogram") ||
		       !strcmp(bound, "timer"), "ci_bound '%s'", bound);
	}
	if (!adaptive) {
		expect(num(s, "precision") == 0, "precision not 0 for a fixed count");
		expect(!strcmp(stop, "repeats"), "stop '%s', want repeats", stop);
		expect(runs == repeat, "%" PRId64 " runs, want %" PRId64, runs, repeat);
		return;
	}
	expect(fabs(num(s, "precision") - atof(adaptive)) < 1e-9, "precision");
	expect(runs >= 3 && runs >= repeat, "%" PRId64 " runs: --precision takes 3 at least",
	       runs);
	expect(!strcmp(stop, "precision") || !strcmp(stop, "resolution") ||
	       !strcmp(stop, "budget") || !strcmp(stop, "max_repeats"), "stop '%s'", stop);
	if (!strcmp(stop, "precision")) {
		double lo = num(s, "ci95_lo_ns"), hi = num(s, "ci95_hi_ns");

		expect(fmax(hi - c, c - lo) <= atof(adaptive) * c + 1e-9,
		       "stopped on precision with CI [%.1f, %.1f] around %.1f", lo, hi, c);
	}
	if (!strcmp(stop, "resolution"))
		expect(strcmp(bound, "runs") != 0, "stopped on resolution, bounded by the runs");
}

static void check_point(json_t *p, const char *op, const char *state, int64_t offset,
			int64_t iters, int64_t repeat, int64_t size, int64_t line,
			int64_t threads)
{
	json_t *params = json_object_get(p, "params");
	int64_t pages = 0;
	int64_t n = num_i(p, "n"), mn = num_i(p, "min_ns"), mx = num_i(p, "max_ns");
	double p50 = num(p, "p50_ns"), p90 = num(p, "p90_ns"), p99 = num(p, "p99_ns");
	double mean = num(p, "mean_ns"), sd = num(p, "stddev_ns");
	int64_t lines = num_i(p, "lines"), want_lines = 0;
	json_t *reps = json_object_get(p, "run_stats"), *r;
	int64_t batch, want_iters, per_run;
	size_t i;

	expect(!strcmp(str(p, "type"), "point"), "record is not a point");
	expect(!strcmp(str(p, "op"), op), "op '%s', want %s", str(p, "op"), op);
	expect(*str(p, "impl") != '\0', "impl empty");
	/* The probes (alias_probe, ...) are findings: their counters answer. */
	expect(json_is_boolean(json_object_get(p, "finding")) &&
	       json_is_true(json_object_get(p, "finding")) ==
	       (strlen(op) > 6 && !strcmp(op + strlen(op) - 6, "_probe")),
	       "finding is not true exactly for the probes");
	expect(!strcmp(str(p, "state"), strcmp(state, "-") ? state : ""), "state");
	expect(json_is_object(params), "params is not an object");
	if (!strcmp(state, "-")) {
		/* No buffer: the sweep value is the page count. */
		pages = size;
		size = 0;
		expect(num_i(params, "pages") == pages, "params.pages %" PRId64 ", want %"
		       PRId64, num_i(params, "pages"), pages);
	}
	expect(num_i(p, "size") == size, "size %" PRId64 ", want %" PRId64,
	       num_i(p, "size"), size);
	expect(num_i(p, "offset") == offset, "offset");
	batch = check_clock(p);
	want_iters = (iters + batch - 1) / batch * batch;
	per_run = want_iters / batch * threads;
	expect(num_i(p, "iters") == want_iters, "iters %" PRId64 ", want %" PRId64,
	       num_i(p, "iters"), want_iters);
	expect(json_is_false(json_object_get(p, "interrupted")), "interrupted");
	check_parallel(p, threads, batch);
	check_events(p, batch);
	check_sampling(p, per_run, repeat);
	expect(mn <= p50 && p50 <= p90 && p90 <= p99 && p99 <= mx,
	       "order min %" PRId64 " p50 %.1f p90 %.1f p99 %.1f max %" PRId64,
	       mn, p50, p90, p99, mx);
	expect(mean >= mn && mean <= mx, "mean %.1f outside [min, max]", mean);
	expect(fabs(mean - (double)num_i(p, "sum_ns") / (double)n) <= 1e-6 * mean + 1e-9,
	       "mean != sum_ns / n");
	expect(sd >= 0 && sd <= (double)(mx - mn), "stddev %.1f outside [0, max-min]", sd);
	if (size) {
		double c = num(json_object_get(p, "sampling"), "centre_ns");

		/* vmalloc buffers start page-aligned: lines follow from offset. */
		want_lines = (offset % line + size + line - 1) / line;
		expect(fabs(num(p, "ns_per_line") - c / (double)lines) < 1e-6 * c + 1e-3,
		       "ns_per_line != centre / lines");
	} else {
		expect(json_is_null(json_object_get(p, "ns_per_line")), "ns_per_line not null");
	}
	expect(lines == want_lines, "lines %" PRId64 ", want %" PRId64, lines, want_lines);
	expect(!strncmp(str(p, "sumsq_ns2"), "0x", 2) && strlen(str(p, "sumsq_ns2")) == 34,
	       "sumsq_ns2 format");
	expect(json_is_array(reps) &&
	       (int64_t)json_array_size(reps) == num_i(p, "runs"), "run_stats length");
	expect(p50 <= num(p, "p999_ns") + 1e-9 && num(p, "p999_ns") <= mx, "p99.9 order");
	json_array_foreach(reps, i, r) {
		expect(num_i(r, "n") == per_run && num_i(r, "iters") == want_iters * threads &&
		       num_i(r, "min_ns") >= mn && num_i(r, "max_ns") <= mx &&
		       num(r, "p50_ns") <= num(r, "p99_ns"), "run_stats[%zu]", i);
		expect(num(r, "overlap") >= 0 && num(r, "overlap") <= 1, "run_stats[%zu].overlap", i);
		check_split(r, "run_stats");
	}
	check_hist(p, n);
	check_counters(p, n * batch, repeat);
}

int main(int argc, char **argv)
{
	json_t *rec, *header = NULL;
	json_error_t je;
	static char buf[1 << 20];
	const char *tspec = getenv("CHECK_THREADS");
	int64_t line = 0, threads[16] = { 1 };
	int npoints = 0, nsizes, nthr = 1, want;
	FILE *f;

	if (argc < 9) {
		fprintf(stderr, "usage: check-result FILE OP STATE OFFSET ITERS REPEAT "
			"RELEASE EMULATOR SIZE...\n");
		return 2;
	}
	file = argv[1];
	nsizes = argc - 9;
	if (tspec) {
		char *end;

		for (nthr = 0; *tspec && nthr < 16; nthr++) {
			threads[nthr] = strtoll(tspec, &end, 10);
			tspec = *end == ',' ? end + 1 : end;
		}
	}
	want = (nsizes ? nsizes : 1) * nthr;
	f = fopen(file, "r");
	if (!f) {
		perror(file);
		return 1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		rec = json_loads(buf, 0, &je);
		expect(rec != NULL, "not JSON: %s", je.text);
		if (!rec)
			break;
		if (!header) {
			header = rec;
			check_header(rec, argv[7], argv[8]);
			line = json_integer_value(json_object_get(json_object_get(rec, "module"),
								  "dcache_line"));
			continue;
		}
		expect(npoints < want, "more points than asked for");
		if (npoints < want)
			check_point(rec, argv[2], argv[3], atoll(argv[4]), atoll(argv[5]),
				    atoll(argv[6]), nsizes ? atoll(argv[9 + npoints / nthr]) : 0,
				    line, threads[npoints % nthr]);
		npoints++;
		json_decref(rec);
	}
	fclose(f);
	lineno = 0;
	expect(header != NULL, "no header");
	expect(npoints == want, "%d points, want %d", npoints, want);
	json_decref(header);
	printf("%s %s: %s\n", failures ? "not ok" : "ok", file,
	       failures ? "field checks failed" : "every field checked");
	return failures ? 1 : 0;
}
