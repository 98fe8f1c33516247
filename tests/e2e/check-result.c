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

#include "check-result.h"
#include "cmbench.h"

int failures;
const char *file;
int lineno;
int64_t timer_hz;		/* the header's */

void expect(int ok, const char *fmt, ...)
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

const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	expect(s != NULL, "\"%s\" is not a string", k);
	return s ? s : "";
}

int64_t num_i(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	expect(json_is_integer(v), "\"%s\" is not an integer", k);
	return json_integer_value(v);
}

double num(json_t *o, const char *k)
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
	expect(num_i(h, "schema_version") == 7, "schema_version != 7");
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
	/* Schema 7: the header says icount exactly when the boot asked for it. */
	expect(!json_object_get(e, "icount") == !strstr(str(s, "cmdline"), "cmbench_icount="),
	       "emulator.icount and the cmdline's cmbench_icount disagree");
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
