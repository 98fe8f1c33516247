// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "result/result.h"
#include "result/schema.h"
#include "result/stats.h"
#include "uapi/cmbench_hist.h"

#define SIZE(s, field)	sizeof(((s *)0)->field)
#define STR(k, s, field) \
	{ .key = k, .type = CMB_F_STR, .off = offsetof(s, field), .size = SIZE(s, field) }
#define STR_IF(k, s, field, cond) \
	{ .key = k, .type = CMB_F_STR, .off = offsetof(s, field), .size = SIZE(s, field), \
	  .present = cond }
#define STR_NULL(k, s, field) \
	{ .key = k, .type = CMB_F_STR_OR_NULL, .off = offsetof(s, field), .size = SIZE(s, field) }
#define VAL(k, t, s, field)	{ .key = k, .type = t, .off = offsetof(s, field) }
#define VAL_IF(k, t, s, field, cond) \
	{ .key = k, .type = t, .off = offsetof(s, field), .present = cond }
#define OBJ(k, fields)		{ .key = k, .type = CMB_F_OBJ, .sub = fields }
#define OBJ_IF(k, fields, cond)	{ .key = k, .type = CMB_F_OBJ, .sub = fields, .present = cond }
#define CUSTOM(k, p, g)		{ .key = k, .type = CMB_F_CUSTOM, .put = p, .get = g }
#define ARRAY(k, s, field, n, fields) \
	{ .key = k, .type = CMB_F_ARRAY, .off = offsetof(s, field), \
	  .size = SIZE(s, field[0]), .sub = fields, .count_off = offsetof(s, n), \
	  .max = SIZE(s, field) / SIZE(s, field[0]) }

/* ---- header ------------------------------------------------------------ */

static json_t *put_header_type(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_string("header");
}

static json_t *put_schema(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_string(CMB_SCHEMA);
}

static json_t *put_hist_scheme(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_pack("{s:s,s:i,s:i}", "scheme", "log-linear",
			 "sub_bucket_bits", CMBENCH_HIST_BITS, "groups", CMBENCH_HIST_GROUPS);
}

/* The kernel options as an object of booleans, by name. */
static json_t *put_kconfig(const void *rec, const void *root)
{
	const struct cmb_header *h = rec;
	json_t *o = json_object();
	const char *name;
	unsigned int i;

	(void)root;

	for (i = 0; o && (name = cmb_kconfig_name(i)); i++)
		json_object_set_new(o, name, json_boolean(h->kconfig & (1ULL << i)));
	return o;
}

static int get_kconfig(json_t *v, void *rec)
{
	struct cmb_header *h = rec;
	const char *name;
	unsigned int i;
	json_t *b;

	if (!json_is_object(v))
		return -1;
	for (i = 0; (name = cmb_kconfig_name(i)); i++) {
		b = json_object_get(v, name);
		if (!json_is_boolean(b))
			return -1;
		if (json_is_true(b))
			h->kconfig |= 1ULL << i;
	}
	return 0;
}

static enum cmb_presence value_or_null(int has)
{
	return has ? CMB_WRITE : CMB_NULL;
}

static enum cmb_presence has_config(const void *rec)
{
	return value_or_null(*((const struct cmb_header *)rec)->config_sha256);
}

static enum cmb_presence is_emulated(const void *rec)
{
	return ((const struct cmb_header *)rec)->emu.emulated ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence has_sweep(const void *rec)
{
	return value_or_null(*((const struct cmb_header *)rec)->sweep_digest);
}

static enum cmb_presence has_cpufreq(const void *rec)
{
	return value_or_null(*((const struct cmb_cpu *)rec)->governor);
}

static enum cmb_presence has_ops(const void *rec)
{
	return ((const struct cmb_header *)rec)->n_ops ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence op_unsupported(const void *rec)
{
	return ((const struct cmb_op_status *)rec)->supported ? CMB_OMIT : CMB_WRITE;
}

static const struct cmb_field op_fields[] = {
	STR("name", struct cmb_op_status, name),
	VAL("supported", CMB_F_BOOL, struct cmb_op_status, supported),
	STR_IF("why_unsupported", struct cmb_op_status, why, op_unsupported),
	{ 0 }
};

static const struct cmb_field module_fields[] = {
	STR("version", struct cmb_header, module_version),
	VAL("abi_version", CMB_F_U32, struct cmb_header, abi_version),
	STR("built_for", struct cmb_header, module_release),
	STR_NULL("build_id", struct cmb_header, module_build_id),
	VAL("timer_hz", CMB_F_U64, struct cmb_header, timer_hz),
	VAL("page_size", CMB_F_U32, struct cmb_header, page_size),
	VAL("ctr", CMB_F_HEX32, struct cmb_header, ctr),
	VAL("dcache_line", CMB_F_U32, struct cmb_header, dcache_line),
	VAL("icache_line", CMB_F_U32, struct cmb_header, icache_line),
	VAL("cwg", CMB_F_U32, struct cmb_header, cwg),
	/* Optional: files written before it have no list. */
	{ .key = "ops", .type = CMB_F_ARRAY, .off = offsetof(struct cmb_header, ops),
	  .size = SIZE(struct cmb_header, ops[0]), .sub = op_fields,
	  .count_off = offsetof(struct cmb_header, n_ops),
	  .max = CMB_MAX_OPS, .present = has_ops },
	{ 0 }
};

static const struct cmb_field config_file_fields[] = {
	STR("path", struct cmb_header, config_path),
	STR("sha256", struct cmb_header, config_sha256),
	{ 0 }
};

static const struct cmb_field cpufreq_fields[] = {
	STR("governor", struct cmb_cpu, governor),
	VAL("cur_khz", CMB_F_U32, struct cmb_cpu, cur_khz),
	VAL("min_khz", CMB_F_U32, struct cmb_cpu, min_khz),
	VAL("max_khz", CMB_F_U32, struct cmb_cpu, max_khz),
	{ 0 }
};

static const struct cmb_field cpu_fields[] = {
	VAL("cpu", CMB_F_INT, struct cmb_cpu, cpu),
	VAL("online", CMB_F_BOOL, struct cmb_cpu, online),
	VAL("midr", CMB_F_HEX32, struct cmb_cpu, midr),
	VAL("package", CMB_F_INT, struct cmb_cpu, place.package),
	VAL("cluster", CMB_F_INT, struct cmb_cpu, place.cluster),
	VAL("core", CMB_F_INT, struct cmb_cpu, place.core),
	OBJ_IF("cpufreq", cpufreq_fields, has_cpufreq),
	{ 0 }
};

static const struct cmb_field cache_fields[] = {
	VAL("level", CMB_F_U32, struct cmb_cache, level),
	STR("type", struct cmb_cache, type),
	VAL("size", CMB_F_U64, struct cmb_cache, size),
	VAL("line", CMB_F_U32, struct cmb_cache, line),
	VAL("ways", CMB_F_U32, struct cmb_cache, ways),
	VAL("sets", CMB_F_U32, struct cmb_cache, sets),
	STR("shared_by", struct cmb_cache, cpus),
	VAL("instances", CMB_F_U32, struct cmb_cache, instances),
	STR("source", struct cmb_cache, source),
	{ 0 }
};

static const struct cmb_field system_fields[] = {
	STR("kernel_release", struct cmb_header, kernel_release),
	STR("kernel_version", struct cmb_header, kernel_version),
	STR_NULL("kernel_build_id", struct cmb_header, kernel_build_id),
	OBJ_IF("kernel_config_file", config_file_fields, has_config),
	STR("machine", struct cmb_header, machine),
	VAL("n_cpus", CMB_F_U32, struct cmb_header, n_cpus),
	VAL("online_cpus", CMB_F_U32, struct cmb_header, online_cpus),
	STR_NULL("boot_id", struct cmb_header, boot_id),
	STR("cmdline", struct cmb_header, cmdline),
	VAL("uptime_s", CMB_F_NUM, struct cmb_header, uptime_s),
	VAL("midr", CMB_F_HEX32, struct cmb_header, midr),
	STR("cpu_part", struct cmb_header, cpu_part),
	CUSTOM("kernel_config", put_kconfig, get_kconfig),
	STR("preempt", struct cmb_header, preempt),
	ARRAY("cpus", struct cmb_header, cpu, n_cpu_info, cpu_fields),
	ARRAY("caches", struct cmb_header, topo.c, topo.n, cache_fields),
	{ 0 }
};

static const struct cmb_field emulator_fields[] = {
	VAL("emulated", CMB_F_BOOL, struct cmb_header, emu.emulated),
	STR_IF("name", struct cmb_header, emu.name, is_emulated),
	STR_IF("version", struct cmb_header, emu.version, is_emulated),
	STR_IF("accel", struct cmb_header, emu.accel, is_emulated),
	STR_IF("cpu", struct cmb_header, emu.cpu, is_emulated),
	STR_IF("detected_by", struct cmb_header, emu.detected_by, is_emulated),
	VAL_IF("host_cpus", CMB_F_U32, struct cmb_header, emu.host_cpus, is_emulated),
	{ 0 }
};

static const struct cmb_field sweep_fields[] = {
	STR("digest", struct cmb_header, sweep_digest),
	VAL("points", CMB_F_U32, struct cmb_header, sweep_points),
	{ 0 }
};

/* type, schema, schema_version and hist are checked by the reader first. */
const struct cmb_field cmb_header_fields[] = {
	CUSTOM("type", put_header_type, NULL),
	CUSTOM("schema", put_schema, NULL),
	VAL("schema_version", CMB_F_INT, struct cmb_header, schema_version),
	STR("created", struct cmb_header, created),
	STR("command", struct cmb_header, command),
	STR("tool_version", struct cmb_header, tool_version),
	STR("label", struct cmb_header, label),
	OBJ("module", module_fields),
	OBJ("system", system_fields),
	OBJ("emulator", emulator_fields),
	OBJ_IF("sweep", sweep_fields, has_sweep),
	CUSTOM("hist", put_hist_scheme, NULL),
	{ 0 }
};

/* ---- point ------------------------------------------------------------- */

static json_t *put_point_type(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_string("point");
}

static json_t *put_counters(const void *rec, const void *root)
{
	const struct cmb_point *p = rec;
	json_t *o = json_object();
	int i;

	(void)root;

	for (i = 0; o && i < CMB_COUNTERS; i++)
		if (p->counter[i][0])
			json_object_set_new(o, p->counter[i], json_integer((json_int_t)p->count[i]));
	return o;
}

static int get_counters(json_t *v, void *rec)
{
	struct cmb_point *p = rec;
	const char *name;
	json_t *c;
	int i = 0;

	if (!json_is_object(v) || json_object_size(v) > CMB_COUNTERS)
		return -1;
	json_object_foreach(v, name, c) {
		if (!json_is_integer(c) || json_integer_value(c) < 0)
			return -1;
		snprintf(p->counter[i], sizeof(p->counter[i]), "%s", name);
		p->count[i++] = (uint64_t)json_integer_value(c);
	}
	return 0;
}

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A total over the point's operations, per operation. */
static json_t *put_event_per_op(const void *rec, const void *root)
{
	return num(cmb_point_per_op(root, ((const struct cmb_event *)rec)->count));
}

static json_t *put_wait_per_op(const void *rec, const void *root)
{
	return num(cmb_point_per_op(root, (double)((const struct cmb_event *)rec)->wait_ns));
}

/* An event counted has its counts; one that could not be, why. */
static enum cmb_presence ev_supported(const void *rec)
{
	return ((const struct cmb_event *)rec)->supported ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence ev_unsupported(const void *rec)
{
	return ((const struct cmb_event *)rec)->supported ? CMB_OMIT : CMB_WRITE;
}

/* Lock wait time: only lock:contention_begin has it, null elsewhere. */
static enum cmb_presence ev_wait(const void *rec)
{
	const struct cmb_event *e = rec;

	if (!e->supported)
		return CMB_OMIT;
	return value_or_null(e->has_wait);
}

static void ev_mark_wait(void *rec)
{
	((struct cmb_event *)rec)->has_wait = 1;
}

static const struct cmb_field lock_wait_fields[] = {
	VAL("wait_ns", CMB_F_U64, struct cmb_event, wait_ns),
	CUSTOM("per_op_ns", put_wait_per_op, NULL),
	VAL("waits", CMB_F_U64, struct cmb_event, waits),
	VAL("unpaired", CMB_F_U64, struct cmb_event, unpaired),
	VAL("lost", CMB_F_U64, struct cmb_event, lost),
	{ 0 }
};

static const struct cmb_field event_fields[] = {
	STR("event", struct cmb_event, name),
	VAL("supported", CMB_F_BOOL, struct cmb_event, supported),
	VAL_IF("count", CMB_F_NUM, struct cmb_event, count, ev_supported),
	{ .key = "per_op", .type = CMB_F_CUSTOM, .put = put_event_per_op,
	  .present = ev_supported },
	VAL_IF("running_ratio", CMB_F_NUM, struct cmb_event, running, ev_supported),
	STR_IF("pmu", struct cmb_event, pmu, ev_supported),
	VAL_IF("group", CMB_F_INT, struct cmb_event, group, ev_supported),
	{ .key = "lock_wait", .type = CMB_F_OBJ, .sub = lock_wait_fields,
	  .present = ev_wait, .mark = ev_mark_wait },
	STR_IF("note", struct cmb_event, note, ev_supported),
	STR_IF("why", struct cmb_event, why, ev_unsupported),
	{ 0 }
};

static const struct cmb_field params_fields[] = {
	VAL("pages", CMB_F_U64, struct cmb_point, pages),
	VAL("pgsize", CMB_F_U64, struct cmb_point, pgsize),
	STR("dir", struct cmb_point, dir),
	STR("fmt", struct cmb_point, fmt),
	VAL("highmem", CMB_F_BOOL, struct cmb_point, highmem),
	VAL("coherent_walk", CMB_F_BOOL, struct cmb_point, coherent_walk),
	{ 0 }
};


static const struct cmb_field thread_fields[] = {
	VAL("cpu", CMB_F_INT, struct cmb_thread_stat, cpu),
	VAL("n", CMB_F_U64, struct cmb_thread_stat, n),
	VAL("iters", CMB_F_U64, struct cmb_thread_stat, iters),
	VAL("min_ns", CMB_F_U64, struct cmb_thread_stat, min),
	VAL("max_ns", CMB_F_U64, struct cmb_thread_stat, max),
	VAL("sum_ns", CMB_F_U64, struct cmb_thread_stat, sum),
	VAL("wall_ns", CMB_F_U64, struct cmb_thread_stat, wall_ns),
	VAL("timed_ns", CMB_F_U64, struct cmb_thread_stat, timed_ns),
	VAL("harness_ns", CMB_F_U64, struct cmb_thread_stat, harness_ns),
	VAL("other_ns", CMB_F_U64, struct cmb_thread_stat, other_ns),
	{ 0 }
};

static const struct cmb_field parallel_fields[] = {
	VAL("threads", CMB_F_U32, struct cmb_point, threads),
	STR("placement", struct cmb_point, placement),
	VAL("ops_per_s", CMB_F_NUM, struct cmb_point, ops_per_s),
	VAL("timed_ops_per_s", CMB_F_NUM, struct cmb_point, timed_ops_per_s),
	VAL("overcommit", CMB_F_BOOL, struct cmb_point, overcommit),
	ARRAY("per_thread", struct cmb_point, thr, threads, thread_fields),
	{ 0 }
};

static const struct cmb_field run_fields[] = {
	VAL("n", CMB_F_U64, struct cmb_run, n),
	VAL("iters", CMB_F_U64, struct cmb_run, iters),
	VAL("min_ns", CMB_F_U64, struct cmb_run, min),
	VAL("p50_ns", CMB_F_NUM, struct cmb_run, p50),
	VAL("p99_ns", CMB_F_NUM, struct cmb_run, p99),
	VAL("mean_ns", CMB_F_NUM, struct cmb_run, mean),
	VAL("max_ns", CMB_F_U64, struct cmb_run, max),
	VAL("wall_ns", CMB_F_U64, struct cmb_run, wall_ns),
	VAL("timed_ns", CMB_F_U64, struct cmb_run, timed_ns),
	VAL("harness_ns", CMB_F_U64, struct cmb_run, harness_ns),
	VAL("other_ns", CMB_F_U64, struct cmb_run, other_ns),
	VAL("overlap", CMB_F_NUM, struct cmb_run, overlap),
	{ 0 }
};

static json_t *put_bound(const void *rec, const void *root)
{
	(void)root;
	return json_string(cmb_bound_name(((const struct cmb_point *)rec)->ci.bound));
}

static json_t *put_clock_name(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_string("architected counter");
}

static json_t *put_sample(const void *rec, const void *root)
{
	const struct cmb_point *p = rec;
	char text[48];

	(void)root;
	if (p->batch <= 1)
		return json_string("one iteration");
	snprintf(text, sizeof(text), "mean of a batch of %u iterations", p->batch);
	return json_string(text);
}

static const struct cmb_field resolution_fields[] = {
	VAL("histogram_ns", CMB_F_NUM, struct cmb_point, ci.res_hist),
	VAL("timer_ns", CMB_F_NUM, struct cmb_point, ci.res_timer),
	{ 0 }
};

static const struct cmb_field clock_fields[] = {
	CUSTOM("name", put_clock_name, NULL),
	VAL("hz", CMB_F_U64, struct cmb_point, timer_hz),
	VAL("tick_ns", CMB_F_NUM, struct cmb_point, tick_ns),
	VAL("batch", CMB_F_U32, struct cmb_point, batch),
	CUSTOM("sample", put_sample, NULL),
	VAL("quantisation_ns", CMB_F_NUM, struct cmb_point, quantum_ns),
	STR("note", struct cmb_point, batch_note),
	{ 0 }
};

static enum cmb_presence cycles_asked(const void *rec)
{
	return ((const struct cmb_point *)rec)->cycles_asked ? CMB_WRITE : CMB_NULL;
}

static void mark_cycles(void *rec)
{
	((struct cmb_point *)rec)->cycles_asked = 1;
}

static json_t *put_cycles_source(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_string("kernel perf event PERF_COUNT_HW_CPU_CYCLES on the timed thread, "
			   "read around each sample");
}

static const struct cmb_field cycles_fields[] = {
	VAL("counted", CMB_F_BOOL, struct cmb_point, has_cycles),
	VAL("count", CMB_F_NUM, struct cmb_point, cycles),
	VAL("overhead_per_sample", CMB_F_NUM, struct cmb_point, cycles_overhead),
	VAL("per_op", CMB_F_NUM, struct cmb_point, cycles_per_op),
	CUSTOM("source", put_cycles_source, NULL),
	STR("why", struct cmb_point, cycles_why),
	{ 0 }
};

static const struct cmb_field time_fields[] = {
	VAL("wall_ns", CMB_F_U64, struct cmb_point, wall_ns),
	VAL("timed_ns", CMB_F_U64, struct cmb_point, timed_ns),
	VAL("harness_ns", CMB_F_U64, struct cmb_point, harness_ns),
	VAL("other_ns", CMB_F_U64, struct cmb_point, other_ns),
	VAL("timed_per_op_ns", CMB_F_NUM, struct cmb_point, timed_per_op),
	VAL("sustained_per_op_ns", CMB_F_NUM, struct cmb_point, sustained_per_op),
	VAL("harness_per_op_ns", CMB_F_NUM, struct cmb_point, harness_per_op),
	VAL("other_per_op_ns", CMB_F_NUM, struct cmb_point, other_per_op),
	{ 0 }
};

static const struct cmb_field sampling_fields[] = {
	VAL("warmup", CMB_F_U64, struct cmb_point, warmup),
	VAL("precision", CMB_F_NUM, struct cmb_point, precision),
	STR("stop", struct cmb_point, stop),
	VAL("centre_ns", CMB_F_NUM, struct cmb_point, ci.centre),
	VAL("ci95_lo_ns", CMB_F_NUM, struct cmb_point, ci.lo),
	VAL("ci95_hi_ns", CMB_F_NUM, struct cmb_point, ci.hi),
	CUSTOM("ci_bound", put_bound, NULL),
	OBJ("resolution", resolution_fields),
	VAL("samples_ci95_lo_ns", CMB_F_NUM, struct cmb_point, samples_lo),
	VAL("samples_ci95_hi_ns", CMB_F_NUM, struct cmb_point, samples_hi),
	{ 0 }
};

/* The sum of squares, 128 bits, as "0x" and 32 hex digits. */
static json_t *put_sumsq(const void *rec, const void *root)
{
	const struct cmb_point *p = rec;
	char hex[40];

	(void)root;

	snprintf(hex, sizeof(hex), "0x%016llx%016llx", p->dist.s.sumsq_hi, p->dist.s.sumsq_lo);
	return json_string(hex);
}

static int get_sumsq(json_t *v, void *rec)
{
	struct cmb_point *p = rec;
	const char *s = json_string_value(v);

	return s && strlen(s) == 34 && s[0] == '0' && s[1] == 'x' &&
	       strspn(s + 2, "0123456789abcdefABCDEF") == 32 &&
	       sscanf(s, "0x%16llx%16llx", &p->dist.s.sumsq_hi, &p->dist.s.sumsq_lo) == 2 ?
	       0 : -1;
}

/* The non-empty buckets as [lower, upper or null, count]. */
static json_t *put_hist(const void *rec, const void *root)
{
	const struct cmb_point *p = rec;
	json_t *b = json_array();
	unsigned int i;

	(void)root;

	for (i = 0; b && i < CMBENCH_HIST_BUCKETS; i++) {
		if (!p->dist.hist[i])
			continue;
		json_array_append_new(b, json_pack("[I,o,I]", (json_int_t)cmbench_hist_lower(i),
			i == CMBENCH_HIST_BUCKETS - 1 ? json_null() :
			json_integer((json_int_t)cmbench_hist_upper(i)),
			(json_int_t)p->dist.hist[i]));
	}
	return b;
}

/* Each bucket must be one of the scheme's: its lower bound, exactly. */
static int get_hist(json_t *v, void *rec)
{
	struct cmb_point *p = rec;
	json_t *b, *lo, *count;
	uint32_t idx;
	size_t i;

	if (!json_is_array(v))
		return -1;
	json_array_foreach(v, i, b) {
		lo = json_array_get(b, 0);
		count = json_array_get(b, 2);
		if (!json_is_array(b) || json_array_size(b) != 3 || !json_is_integer(lo) ||
		    !json_is_integer(count) || json_integer_value(lo) < 0 ||
		    json_integer_value(count) < 0)
			return -1;
		idx = cmbench_hist_index((uint64_t)json_integer_value(lo));
		if (cmbench_hist_lower(idx) != (uint64_t)json_integer_value(lo))
			return -1;
		p->dist.hist[idx] += (uint64_t)json_integer_value(count);
	}
	return 0;
}

/*
 * The centre, CI, summary statistics, time per op and rates are derived
 * from the runs, threads and samples: written for readers of the file,
 * recomputed by cmb_point_finish() after reading.
 */
const struct cmb_field cmb_point_fields[] = {
	CUSTOM("type", put_point_type, NULL),
	STR("op", struct cmb_point, op),
	STR("impl", struct cmb_point, impl),
	VAL("finding", CMB_F_BOOL, struct cmb_point, finding),
	OBJ("params", params_fields),
	CUSTOM("counters", put_counters, get_counters),
	OBJ("sampling", sampling_fields),
	OBJ("clock", clock_fields),
	{ .key = "cycles", .type = CMB_F_OBJ, .sub = cycles_fields, .present = cycles_asked,
	  .mark = mark_cycles },
	OBJ("time", time_fields),
	OBJ("parallel", parallel_fields),
	STR_NULL("warning", struct cmb_point, warning),
	ARRAY("pmu", struct cmb_point, ev, nevents, event_fields),
	STR("state", struct cmb_point, state),
	VAL("size", CMB_F_U64, struct cmb_point, size),
	VAL("offset", CMB_F_U64, struct cmb_point, offset),
	VAL("iters", CMB_F_U64, struct cmb_point, iters),
	VAL("runs", CMB_F_U32, struct cmb_point, repeats),
	VAL("interrupted", CMB_F_BOOL, struct cmb_point, interrupted),
	VAL("lines", CMB_F_U64, struct cmb_point, lines),
	VAL("n", CMB_F_U64, struct cmb_point, dist.s.n),
	VAL("min_ns", CMB_F_U64, struct cmb_point, dist.s.min),
	VAL("p50_ns", CMB_F_NUM, struct cmb_point, sum.p50),
	VAL("p90_ns", CMB_F_NUM, struct cmb_point, sum.p90),
	VAL("p99_ns", CMB_F_NUM, struct cmb_point, sum.p99),
	VAL("p999_ns", CMB_F_NUM, struct cmb_point, sum.p999),
	VAL("max_ns", CMB_F_U64, struct cmb_point, dist.s.max),
	VAL("mean_ns", CMB_F_NUM, struct cmb_point, sum.mean),
	VAL("stddev_ns", CMB_F_NUM, struct cmb_point, sum.stddev),
	VAL("ns_per_line", CMB_F_NUM, struct cmb_point, ns_per_line),
	VAL("sum_ns", CMB_F_U64, struct cmb_point, dist.s.sum),
	CUSTOM("sumsq_ns2", put_sumsq, get_sumsq),
	ARRAY("run_stats", struct cmb_point, rep, repeats, run_fields),
	CUSTOM("hist", put_hist, get_hist),
	{ 0 }
};
