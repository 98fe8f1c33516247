// SPDX-License-Identifier: GPL-2.0
/*
 * Older result files, rewritten record by record as the current schema
 * holds them. The fixtures in tests/unit/schemas were written by the
 * cmbench of each schema; results/README.md lists what each version added.
 *
 * Schemas 1 to 5 differ from 6 in one way that matters to a reviewer:
 * their "ci95" was an interval of the iterations, not of the runs. Their
 * runs' medians are in the file (repeat_stats), so the reader computes the
 * point's CI from them as it does for a new file, and the old interval is
 * dropped (it is the samples' interval, recomputed from the histogram).
 * Schema 6 only added fields that 7 reads as optional: no rewrite.
 */
#include <stdio.h>
#include <string.h>

#include "result/result.h"
#include "result/schema.h"
#include "result/upgrade.h"
#include "uapi/cmbench_hist.h"

/*
 * Schemas before 6 had 32 sub-buckets a power of two, except the files of
 * the one commit (5c61307) whose module already had 64.
 */
#define OLD_HIST_BITS	5

/* Sets o[key] to v unless the file has the key; takes v either way. */
static void need(json_t *o, const char *key, json_t *v)
{
	if (!json_object_get(o, key))
		json_object_set(o, key, v);
	json_decref(v);
}

/* o[key] as an object, made empty when the file has none. */
static json_t *need_obj(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_object(v)) {
		v = json_object();
		json_object_set_new(o, key, v);
	}
	return v;
}

static void rename_key(json_t *o, const char *from, const char *to)
{
	json_t *v = json_object_get(o, from);

	if (v && !json_object_get(o, to)) {
		json_object_set(o, to, v);
		json_object_del(o, from);
	}
}

/* What the reader did, by the version it started from. */
static const struct {
	int below;			/* files older than this lack it */
	const char *what;
} notes[] = {
	{ 6, "CIs computed here from the runs' medians (the file's own interval was of "
	     "iterations, not runs); no time "
	     "split (sustained cost and ops/s unknown), per-run p99 or batch (one "
	     "iteration a sample)" },
	{ 5, "no probe flag" },
	{ 4, "no build IDs, config digest or PMU groups" },
	{ 3, "no warm-up, precision, threads (read as one), CPU list or caches" },
	{ 2, "no op parameters, counters or kernel config (read as unset)" },
};

static json_t *upgrade_note(const struct cmb_upgrade *u)
{
	int from = u->from;
	char text[512];
	size_t n, i;

	n = (size_t)snprintf(text, sizeof(text), "read as schema %d from schema %d:",
			     CMB_SCHEMA_VERSION, from);
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]) && n < sizeof(text); i++)
		if (from < notes[i].below)
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s %s",
					      i ? ";" : "", notes[i].what);
	if (u->hist_bits == OLD_HIST_BITS && n < sizeof(text))
		snprintf(text + n, sizeof(text) - n, "; histograms at the file's 1/32 resolution");
	return json_string(text);
}

int cmb_upgrade_header(json_t *rec, struct cmb_upgrade *u, char *err, size_t len)
{
	json_t *module, *system, *kconfig, *hist;
	const char *name;
	unsigned int i;

	u->from = (int)json_integer_value(json_object_get(rec, "schema_version"));
	/* A current file is read as it is: nothing added to it, not even here. */
	if (u->from > CMB_UPGRADE_LAST)
		return 0;
	module = need_obj(rec, "module");
	u->timer_hz = (uint64_t)json_integer_value(json_object_get(module, "timer_hz"));
	hist = json_object_get(rec, "hist");
	u->hist_bits = (int)json_integer_value(json_object_get(hist, "sub_bucket_bits"));
	if ((u->hist_bits != OLD_HIST_BITS && u->hist_bits != CMBENCH_HIST_BITS) ||
	    json_integer_value(json_object_get(hist, "groups")) != CMBENCH_HIST_GROUPS) {
		snprintf(err, len, "schema %d with a histogram scheme cmbench never wrote",
			 u->from);
		return -1;
	}
	json_object_set_new(hist, "sub_bucket_bits", json_integer(CMBENCH_HIST_BITS));

	need(module, "build_id", json_null());
	system = need_obj(rec, "system");
	need(system, "kernel_build_id", json_null());
	need(system, "online_cpus", json_integer(0));
	need(system, "boot_id", json_null());
	need(system, "cmdline", json_string(""));
	need(system, "uptime_s", json_null());
	need(system, "preempt", json_string(""));
	need(system, "cpus", json_array());
	need(system, "caches", json_array());
	kconfig = need_obj(system, "kernel_config");
	for (i = 0; (name = cmb_kconfig_name(i)); i++)
		need(kconfig, name, json_false());

	json_object_set_new(rec, "schema_version", json_integer(CMB_SCHEMA_VERSION));
	json_object_set_new(rec, "upgraded", json_pack("{s:i,s:o}", "from_schema", u->from,
						       "note", upgrade_note(u)));
	return 0;
}

/*
 * The old buckets into the new: each old bucket is exactly one or two of
 * the finer ones, and its count is shared between them (the odd one to
 * the lower), since where in the bucket the samples fell is not known.
 */
static int rebucket(json_t *rec)
{
	json_t *old = json_object_get(rec, "hist"), *out, *b;
	size_t i;

	if (!old || json_is_null(old))
		return json_object_set_new(rec, "hist", json_array());
	if (!json_is_array(old))
		return -1;
	out = json_array();
	json_array_foreach(old, i, b) {
		json_int_t lo = json_integer_value(json_array_get(b, 0));
		json_t *hi_v = json_array_get(b, 1);
		json_int_t c = json_integer_value(json_array_get(b, 2));
		uint64_t hi = json_is_integer(hi_v) ? (uint64_t)json_integer_value(hi_v) : 0;
		uint32_t first = cmbench_hist_index((uint64_t)lo), k = 1, j;

		if (!json_is_array(b) || lo < 0 || c < 0 ||
		    cmbench_hist_lower(first) != (uint64_t)lo)
			goto bad;
		while (hi && first + k < CMBENCH_HIST_BUCKETS &&
		       cmbench_hist_lower(first + k) < hi)
			k++;
		for (j = 0; j < k; j++) {
			json_int_t share = c / k + (j < (uint32_t)(c % k) ? 1 : 0);

			if (share)
				json_array_append_new(out, cmb_hist_bucket_json(first + j, (uint64_t)share));
		}
	}
	json_object_set_new(rec, "hist", out);
	return 0;
bad:
	json_decref(out);
	return -1;
}

/* Schema 2's parameters and counters, 5's probe flag: none before. */
static void upgrade_params(json_t *rec)
{
	json_t *params = need_obj(rec, "params");

	need(params, "pages", json_integer(0));
	need(params, "pgsize", json_integer(0));
	need(params, "dir", json_string(""));
	need(params, "fmt", json_string(""));
	need(params, "highmem", json_false());
	need(params, "coherent_walk", json_false());
	need(rec, "counters", json_object());
	need(rec, "finding", json_false());
	need(rec, "pmu", json_array());
}

/*
 * Threads came with schema 3; before, the one thread's samples are the
 * point's. A thread's timed time is its samples' sum; its wall time was
 * never recorded (0: not known).
 */
static void upgrade_threads(json_t *rec)
{
	json_t *par = json_object_get(rec, "parallel"), *t;
	size_t i;

	if (!json_is_object(par)) {
		par = json_pack("{s:i,s:s,s:[{s:i,s:O,s:O,s:O,s:O}]}", "threads", 1,
				"placement", "compact", "per_thread", "cpu", -1,
				"n", json_object_get(rec, "n"), "min_ns",
				json_object_get(rec, "min_ns"), "max_ns",
				json_object_get(rec, "max_ns"), "sum_ns",
				json_object_get(rec, "sum_ns"));
		json_object_set_new(rec, "parallel", par);
	}
	json_object_set_new(par, "ops_per_s", json_null());
	need(par, "timed_ops_per_s", json_null());
	need(par, "overcommit", json_false());
	json_array_foreach(json_object_get(par, "per_thread"), i, t) {
		need(t, "iters", json_deep_copy(json_object_get(t, "n")));
		need(t, "wall_ns", json_integer(0));
		need(t, "timed_ns", json_deep_copy(json_object_get(t, "sum_ns")));
		need(t, "harness_ns", json_integer(0));
		need(t, "other_ns", json_integer(0));
	}
}

/* Repeats are runs; each lacked its iterations (one a sample), p99 and split. */
static void upgrade_runs(json_t *rec)
{
	json_t *run;
	size_t i;

	rename_key(rec, "repeats", "runs");
	rename_key(rec, "repeat_stats", "run_stats");
	json_array_foreach(json_object_get(rec, "run_stats"), i, run) {
		need(run, "iters", json_deep_copy(json_object_get(run, "n")));
		need(run, "p99_ns", json_null());
		need(run, "wall_ns", json_integer(0));
		need(run, "timed_ns", json_integer(0));
		need(run, "harness_ns", json_integer(0));
		need(run, "other_ns", json_integer(0));
		need(run, "overlap", json_null());
	}
}

/* How it was sampled: one iteration a sample, on the module's counter. */
static void upgrade_sampling(json_t *rec, const struct cmb_upgrade *u)
{
	json_t *s = need_obj(rec, "sampling");
	char note[64];

	need(s, "warmup", json_integer(0));
	need(s, "precision", json_integer(0));
	need(s, "stop", json_string(""));
	/* Recomputed from the runs and the histogram on reading. */
	json_object_set_new(s, "centre_ns", json_null());
	json_object_set_new(s, "ci95_lo_ns", json_null());
	json_object_set_new(s, "ci95_hi_ns", json_null());
	json_object_set_new(s, "samples_ci95_lo_ns", json_null());
	json_object_set_new(s, "samples_ci95_hi_ns", json_null());
	json_object_set_new(s, "resolution", json_pack("{s:n,s:n}", "histogram_ns",
						       "timer_ns"));
	snprintf(note, sizeof(note), "schema %d: one iteration a sample", u->from);
	json_object_set_new(rec, "clock", json_pack("{s:s,s:I,s:n,s:i,s:n,s:s}", "name",
		"architected counter", "hz", (json_int_t)u->timer_hz, "tick_ns", "batch", 1,
		"quantisation_ns", "note", note));
	json_object_set_new(rec, "time", json_pack("{s:i,s:i,s:i,s:i,s:n,s:n,s:n,s:n}",
		"wall_ns", 0, "timed_ns", 0, "harness_ns", 0, "other_ns", 0,
		"timed_per_op_ns", "sustained_per_op_ns", "harness_per_op_ns",
		"other_per_op_ns"));
	need(rec, "warning", json_null());
	need(rec, "p999_ns", json_null());
	/* The slowest thread's loop with its set-up: no field holds it now. */
	json_object_del(rec, "wall_ns");
}

int cmb_upgrade_point(json_t *rec, const struct cmb_upgrade *u, char *err, size_t len)
{
	if (u->from > CMB_UPGRADE_LAST)
		return 0;
	upgrade_params(rec);
	upgrade_threads(rec);
	upgrade_runs(rec);
	upgrade_sampling(rec, u);
	if (u->hist_bits == OLD_HIST_BITS && rebucket(rec)) {
		snprintf(err, len, "schema %d histogram bucket not of its scheme", u->from);
		return -1;
	}
	return 0;
}
