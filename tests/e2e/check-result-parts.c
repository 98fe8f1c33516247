// SPDX-License-Identifier: GPL-2.0
/* check-result: the parts of a point (histogram, counters, threads, clock). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-result.h"
#include "cmbench.h"

void check_hist(json_t *p, int64_t n)
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

void check_counters(json_t *p, int64_t n, int64_t repeat)
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
int close_to(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fabs(b) + 1e-9;
}

/* wall = timed + harness + other, exactly, in o. */
void check_split(json_t *o, const char *what)
{
	expect(num_i(o, "wall_ns") == num_i(o, "timed_ns") + num_i(o, "harness_ns") +
	       num_i(o, "other_ns"), "%s: wall %" PRId64 " != timed + harness + other", what,
	       num_i(o, "wall_ns"));
	expect(num_i(o, "timed_ns") > 0 && num_i(o, "harness_ns") >= 0 &&
	       num_i(o, "other_ns") >= 0, "%s: a share is negative or nothing was timed", what);
}

void check_parallel(json_t *p, int64_t threads, int64_t batch)
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
void check_events(json_t *p, int64_t batch)
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
int64_t check_clock(json_t *p)
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
void check_sampling(json_t *p, int64_t per_run, int64_t repeat)
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
