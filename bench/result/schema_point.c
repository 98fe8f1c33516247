// SPDX-License-Identifier: GPL-2.0
/* A result file's point records as field tables: one measured point each. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "result/result.h"
#include "result/schema.h"
#include "result/stats.h"
#include "uapi/cmbench_hist.h"

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
	return cmb_value_or_null(e->has_wait);
}

static void ev_mark_wait(void *rec)
{
	((struct cmb_event *)rec)->has_wait = 1;
}

static const struct cmb_field lock_wait_fields[] = {
	CMB_VAL("wait_ns", CMB_F_U64, struct cmb_event, wait_ns),
	CMB_CUSTOM("per_op_ns", put_wait_per_op, NULL),
	CMB_VAL("waits", CMB_F_U64, struct cmb_event, waits),
	CMB_VAL("unpaired", CMB_F_U64, struct cmb_event, unpaired),
	CMB_VAL("lost", CMB_F_U64, struct cmb_event, lost),
	{ 0 }
};

static const struct cmb_field event_fields[] = {
	CMB_STR("event", struct cmb_event, name),
	CMB_VAL("supported", CMB_F_BOOL, struct cmb_event, supported),
	CMB_VAL_IF("count", CMB_F_NUM, struct cmb_event, count, ev_supported),
	{ .key = "per_op", .type = CMB_F_CUSTOM, .put = put_event_per_op,
	  .present = ev_supported },
	CMB_VAL_IF("running_ratio", CMB_F_NUM, struct cmb_event, running, ev_supported),
	CMB_STR_IF("pmu", struct cmb_event, pmu, ev_supported),
	CMB_VAL_IF("group", CMB_F_INT, struct cmb_event, group, ev_supported),
	{ .key = "lock_wait", .type = CMB_F_OBJ, .sub = lock_wait_fields,
	  .present = ev_wait, .mark = ev_mark_wait },
	CMB_STR_IF("note", struct cmb_event, note, ev_supported),
	CMB_STR_IF("why", struct cmb_event, why, ev_unsupported),
	{ 0 }
};

static const struct cmb_field params_fields[] = {
	CMB_VAL("pages", CMB_F_U64, struct cmb_point, pages),
	CMB_VAL("pgsize", CMB_F_U64, struct cmb_point, pgsize),
	CMB_STR("dir", struct cmb_point, dir),
	CMB_STR("fmt", struct cmb_point, fmt),
	CMB_VAL("highmem", CMB_F_BOOL, struct cmb_point, highmem),
	CMB_VAL("coherent_walk", CMB_F_BOOL, struct cmb_point, coherent_walk),
	{ 0 }
};


static const struct cmb_field thread_fields[] = {
	CMB_VAL("cpu", CMB_F_INT, struct cmb_thread_stat, cpu),
	CMB_VAL("n", CMB_F_U64, struct cmb_thread_stat, n),
	CMB_VAL("iters", CMB_F_U64, struct cmb_thread_stat, iters),
	CMB_VAL("min_ns", CMB_F_U64, struct cmb_thread_stat, min),
	CMB_VAL("max_ns", CMB_F_U64, struct cmb_thread_stat, max),
	CMB_VAL("sum_ns", CMB_F_U64, struct cmb_thread_stat, sum),
	CMB_VAL("wall_ns", CMB_F_U64, struct cmb_thread_stat, wall_ns),
	CMB_VAL("timed_ns", CMB_F_U64, struct cmb_thread_stat, timed_ns),
	CMB_VAL("harness_ns", CMB_F_U64, struct cmb_thread_stat, harness_ns),
	CMB_VAL("other_ns", CMB_F_U64, struct cmb_thread_stat, other_ns),
	{ 0 }
};

static const struct cmb_field parallel_fields[] = {
	CMB_VAL("threads", CMB_F_U32, struct cmb_point, threads),
	CMB_STR("placement", struct cmb_point, placement),
	CMB_VAL("ops_per_s", CMB_F_NUM, struct cmb_point, ops_per_s),
	CMB_VAL("timed_ops_per_s", CMB_F_NUM, struct cmb_point, timed_ops_per_s),
	CMB_VAL("overcommit", CMB_F_BOOL, struct cmb_point, overcommit),
	CMB_ARRAY("per_thread", struct cmb_point, thr, threads, thread_fields),
	{ 0 }
};

/* A run counts its clock event only with --clock cycles or instructions. */
static enum cmb_presence run_counted(const void *rec)
{
	return ((const struct cmb_run *)rec)->clock_count > 0 ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence run_has_serial(const void *rec)
{
	return ((const struct cmb_run *)rec)->serial ? CMB_WRITE : CMB_OMIT;
}

static const struct cmb_field run_fields[] = {
	CMB_VAL("n", CMB_F_U64, struct cmb_run, n),
	CMB_VAL("iters", CMB_F_U64, struct cmb_run, iters),
	CMB_VAL("min_ns", CMB_F_U64, struct cmb_run, min),
	CMB_VAL("p50_ns", CMB_F_NUM, struct cmb_run, p50),
	CMB_VAL("p99_ns", CMB_F_NUM, struct cmb_run, p99),
	CMB_VAL("mean_ns", CMB_F_NUM, struct cmb_run, mean),
	CMB_VAL("max_ns", CMB_F_U64, struct cmb_run, max),
	CMB_VAL("wall_ns", CMB_F_U64, struct cmb_run, wall_ns),
	CMB_VAL("timed_ns", CMB_F_U64, struct cmb_run, timed_ns),
	CMB_VAL("harness_ns", CMB_F_U64, struct cmb_run, harness_ns),
	CMB_VAL("other_ns", CMB_F_U64, struct cmb_run, other_ns),
	CMB_VAL("overlap", CMB_F_NUM, struct cmb_run, overlap),
	CMB_VAL_IF("clock_count", CMB_F_NUM, struct cmb_run, clock_count, run_counted),
	CMB_VAL_IF("clock_samples", CMB_F_NUM, struct cmb_run, clock_samples, run_counted),
	CMB_VAL_IF("serial", CMB_F_U64, struct cmb_run, serial, run_has_serial),
	{ 0 }
};

static json_t *put_bound(const void *rec, const void *root)
{
	(void)root;
	return json_string(cmb_bound_name(((const struct cmb_point *)rec)->ci.bound));
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
	CMB_VAL("histogram_ns", CMB_F_NUM, struct cmb_point, ci.res_hist),
	CMB_VAL("timer_ns", CMB_F_NUM, struct cmb_point, ci.res_timer),
	{ 0 }
};

static const struct cmb_field clock_fields[] = {
	CMB_CONST("name", "architected counter"),
	CMB_VAL("hz", CMB_F_U64, struct cmb_point, timer_hz),
	CMB_VAL("tick_ns", CMB_F_NUM, struct cmb_point, tick_ns),
	CMB_VAL("batch", CMB_F_U32, struct cmb_point, batch),
	CMB_CUSTOM("sample", put_sample, NULL),
	CMB_VAL("quantisation_ns", CMB_F_NUM, struct cmb_point, quantum_ns),
	CMB_STR("note", struct cmb_point, batch_note),
	{ 0 }
};

/* Files before the module said which samples it counted have no key. */
static enum cmb_presence has_samples(const void *rec)
{
	return ((const struct cmb_clock_count *)rec)->samples > 0 ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence cycles_asked(const void *rec)
{
	return ((const struct cmb_point *)rec)->cyc.asked ? CMB_WRITE : CMB_NULL;
}

static void mark_cycles(void *rec)
{
	((struct cmb_point *)rec)->cyc.asked = 1;
}

/* Files written before --clock instructions have no key: not asked. */
static enum cmb_presence insns_asked(const void *rec)
{
	return ((const struct cmb_point *)rec)->ins.asked ? CMB_WRITE : CMB_OMIT;
}

static void mark_insns(void *rec)
{
	((struct cmb_point *)rec)->ins.asked = 1;
}

#define CLOCK_FIELDS(source)						\
	CMB_VAL("counted", CMB_F_BOOL, struct cmb_clock_count, counted),	\
	CMB_VAL("count", CMB_F_NUM, struct cmb_clock_count, count),		\
	CMB_VAL_IF("samples", CMB_F_NUM, struct cmb_clock_count, samples, has_samples), \
	CMB_VAL("overhead_per_sample", CMB_F_NUM, struct cmb_clock_count, overhead), \
	CMB_VAL("per_op", CMB_F_NUM, struct cmb_clock_count, per_op),		\
	CMB_CONST("source", source),						\
	CMB_STR("why", struct cmb_clock_count, why),				\
	{ 0 }

static const struct cmb_field cycles_fields[] = {
	CLOCK_FIELDS("kernel perf event PERF_COUNT_HW_CPU_CYCLES on the timed "
		     "thread, read around each sample")
};

static const struct cmb_field insns_fields[] = {
	CLOCK_FIELDS("kernel perf event PERF_COUNT_HW_INSTRUCTIONS on the timed "
		     "thread, read around each sample")
};

static const struct cmb_field time_fields[] = {
	CMB_VAL("wall_ns", CMB_F_U64, struct cmb_point, wall_ns),
	CMB_VAL("timed_ns", CMB_F_U64, struct cmb_point, timed_ns),
	CMB_VAL("harness_ns", CMB_F_U64, struct cmb_point, harness_ns),
	CMB_VAL("other_ns", CMB_F_U64, struct cmb_point, other_ns),
	CMB_VAL("timed_per_op_ns", CMB_F_NUM, struct cmb_point, timed_per_op),
	CMB_VAL("sustained_per_op_ns", CMB_F_NUM, struct cmb_point, sustained_per_op),
	CMB_VAL("harness_per_op_ns", CMB_F_NUM, struct cmb_point, harness_per_op),
	CMB_VAL("other_per_op_ns", CMB_F_NUM, struct cmb_point, other_per_op),
	{ 0 }
};

static const struct cmb_field sampling_fields[] = {
	CMB_VAL("warmup", CMB_F_U64, struct cmb_point, warmup),
	CMB_VAL("precision", CMB_F_NUM, struct cmb_point, precision),
	CMB_STR("stop", struct cmb_point, stop),
	CMB_VAL("centre_ns", CMB_F_NUM, struct cmb_point, ci.centre),
	CMB_VAL("ci95_lo_ns", CMB_F_NUM, struct cmb_point, ci.lo),
	CMB_VAL("ci95_hi_ns", CMB_F_NUM, struct cmb_point, ci.hi),
	CMB_CUSTOM("ci_bound", put_bound, NULL),
	CMB_OBJ("resolution", resolution_fields),
	CMB_VAL("samples_ci95_lo_ns", CMB_F_NUM, struct cmb_point, samples_lo),
	CMB_VAL("samples_ci95_hi_ns", CMB_F_NUM, struct cmb_point, samples_hi),
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

json_t *cmb_hist_bucket_json(uint32_t idx, uint64_t count)
{
	return json_pack("[I,o,I]", (json_int_t)cmbench_hist_lower(idx),
			 idx == CMBENCH_HIST_BUCKETS - 1 ? json_null() :
			 json_integer((json_int_t)cmbench_hist_upper(idx)), (json_int_t)count);
}

/* The non-empty buckets as [lower, upper or null, count]. */
static json_t *put_hist(const void *rec, const void *root)
{
	const struct cmb_point *p = rec;
	json_t *b = json_array();
	unsigned int i;

	(void)root;

	for (i = 0; b && i < CMBENCH_HIST_BUCKETS; i++)
		if (p->dist.hist[i])
			json_array_append_new(b, cmb_hist_bucket_json(i, p->dist.hist[i]));
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

static enum cmb_presence modelled(const void *rec)
{
	return ((const struct cmb_point *)rec)->model.cycles.centre > 0 ? CMB_WRITE : CMB_OMIT;
}

/* A model.txt before barriers were counted has none: leave them out. */
static enum cmb_presence has_barriers(const void *rec)
{
	const struct cmb_point *p = rec;

	return p->model.dsb > 0 || p->model.tlbi > 0 ? CMB_WRITE : CMB_OMIT;
}

/* cmbench model's figures, MODELLED: per op. Read back as written. */
static const struct cmb_field model_fields[] = {
	CMB_VAL("cycles_per_op", CMB_F_NUM, struct cmb_point, model.cycles.centre),
	CMB_VAL("cycles_ci95_lo", CMB_F_NUM, struct cmb_point, model.cycles.lo),
	CMB_VAL("cycles_ci95_hi", CMB_F_NUM, struct cmb_point, model.cycles.hi),
	CMB_VAL("runs", CMB_F_U32, struct cmb_point, model.cycles.runs),
	CMB_VAL("insns_per_op", CMB_F_NUM, struct cmb_point, model.insns),
	CMB_VAL("dc_per_op", CMB_F_NUM, struct cmb_point, model.dc),
	CMB_VAL("l1_miss_per_op", CMB_F_NUM, struct cmb_point, model.l1_miss),
	CMB_VAL("l1_wb_per_op", CMB_F_NUM, struct cmb_point, model.l1_wb),
	CMB_VAL("l2_miss_per_op", CMB_F_NUM, struct cmb_point, model.l2_miss),
	CMB_VAL("l2_wb_per_op", CMB_F_NUM, struct cmb_point, model.l2_wb),
	CMB_VAL("mem_rd_per_op", CMB_F_NUM, struct cmb_point, model.mem_rd),
	CMB_VAL("mem_wr_per_op", CMB_F_NUM, struct cmb_point, model.mem_wr),
	CMB_VAL_IF("dsb_per_op", CMB_F_NUM, struct cmb_point, model.dsb, has_barriers),
	CMB_VAL_IF("tlbi_per_op", CMB_F_NUM, struct cmb_point, model.tlbi, has_barriers),
	{ 0 }
};

/*
 * The centre, CI, summary statistics, time per op and rates are derived
 * from the runs, threads and samples: written for readers of the file,
 * recomputed by cmb_point_finish() after reading.
 */
const struct cmb_field cmb_point_fields[] = {
	CMB_CONST("type", "point"),
	CMB_STR("op", struct cmb_point, op),
	CMB_STR("impl", struct cmb_point, impl),
	CMB_VAL("finding", CMB_F_BOOL, struct cmb_point, finding),
	CMB_OBJ("params", params_fields),
	CMB_CUSTOM("counters", put_counters, get_counters),
	CMB_OBJ("sampling", sampling_fields),
	CMB_OBJ("clock", clock_fields),
	{ .key = "cycles", .type = CMB_F_OBJ, .off = offsetof(struct cmb_point, cyc),
	  .sub = cycles_fields, .present = cycles_asked, .mark = mark_cycles },
	{ .key = "instructions", .type = CMB_F_OBJ, .off = offsetof(struct cmb_point, ins),
	  .sub = insns_fields, .present = insns_asked, .mark = mark_insns },
	CMB_OBJ("time", time_fields),
	CMB_OBJ("parallel", parallel_fields),
	CMB_STR_NULL("warning", struct cmb_point, warning),
	CMB_ARRAY("pmu", struct cmb_point, ev, nevents, event_fields),
	CMB_STR("state", struct cmb_point, state),
	CMB_VAL("size", CMB_F_U64, struct cmb_point, size),
	CMB_VAL("offset", CMB_F_U64, struct cmb_point, offset),
	CMB_VAL("iters", CMB_F_U64, struct cmb_point, iters),
	CMB_VAL("runs", CMB_F_U32, struct cmb_point, repeats),
	CMB_VAL("interrupted", CMB_F_BOOL, struct cmb_point, interrupted),
	CMB_VAL("lines", CMB_F_U64, struct cmb_point, lines),
	CMB_VAL("n", CMB_F_U64, struct cmb_point, dist.s.n),
	CMB_VAL("min_ns", CMB_F_U64, struct cmb_point, dist.s.min),
	CMB_VAL("p50_ns", CMB_F_NUM, struct cmb_point, sum.p50),
	CMB_VAL("p90_ns", CMB_F_NUM, struct cmb_point, sum.p90),
	CMB_VAL("p99_ns", CMB_F_NUM, struct cmb_point, sum.p99),
	CMB_VAL("p999_ns", CMB_F_NUM, struct cmb_point, sum.p999),
	CMB_VAL("max_ns", CMB_F_U64, struct cmb_point, dist.s.max),
	CMB_VAL("mean_ns", CMB_F_NUM, struct cmb_point, sum.mean),
	CMB_VAL("stddev_ns", CMB_F_NUM, struct cmb_point, sum.stddev),
	CMB_VAL("ns_per_line", CMB_F_NUM, struct cmb_point, ns_per_line),
	CMB_VAL("sum_ns", CMB_F_U64, struct cmb_point, dist.s.sum),
	CMB_CUSTOM("sumsq_ns2", put_sumsq, get_sumsq),
	CMB_ARRAY("run_stats", struct cmb_point, rep, repeats, run_fields),
	{ .key = "model", .type = CMB_F_OBJ, .sub = model_fields, .present = modelled },
	CMB_CUSTOM("hist", put_hist, get_hist),
	{ 0 }
};
