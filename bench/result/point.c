// SPDX-License-Identifier: GPL-2.0
/* What a point says, derived and in words: its statistics, its parameters. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/options.h"
#include "result/result.h"
#include "result/stats.h"

/*
 * A clock event per op: over the samples it counted, each with one read
 * pair's overhead; in files from before it said which, over every sample.
 */
static double clock_per_op(const struct cmb_clock_count *c, double count, double samples,
			   double all_samples, double iters, unsigned int batch)
{
	if (!c->counted)
		return NAN;
	if (samples > 0)
		return (count - samples * c->overhead) / (samples * (batch ? batch : 1));
	return iters > 0 ? (count - all_samples * c->overhead) / iters : NAN;
}

/* Where the threads' wall time went, and the costs and rates it gives. */
static void finish_time(struct cmb_point *p)
{
	uint64_t iters = 0;
	unsigned int i;

	p->wall_ns = p->timed_ns = p->harness_ns = p->other_ns = 0;
	p->ops_per_s = p->timed_ops_per_s = 0;
	for (i = 0; i < p->threads && i < CMB_MAX_THREADS; i++) {
		const struct cmb_thread_stat *t = &p->thr[i];

		iters += t->iters;
		p->wall_ns += t->wall_ns;
		p->timed_ns += t->timed_ns;
		p->harness_ns += t->harness_ns;
		p->other_ns += t->other_ns;
		if (t->wall_ns > t->harness_ns)
			p->ops_per_s += 1e9 * (double)t->iters / (double)(t->wall_ns - t->harness_ns);
		if (t->timed_ns)
			p->timed_ops_per_s += 1e9 * (double)t->iters / (double)t->timed_ns;
	}
	if (!iters) {
		p->timed_per_op = p->sustained_per_op = p->harness_per_op = NAN;
		p->other_per_op = p->ops_per_s = p->timed_ops_per_s = NAN;
		return;
	}
	p->timed_per_op = (double)p->timed_ns / (double)iters;
	p->harness_per_op = (double)p->harness_ns / (double)iters;
	p->other_per_op = (double)p->other_ns / (double)iters;
	p->sustained_per_op = p->timed_per_op + p->other_per_op;
	if (!p->wall_ns) {
		/* Files before schema 6 timed the calls alone: the rest is unknown. */
		p->harness_per_op = p->other_per_op = p->sustained_per_op = NAN;
		p->ops_per_s = NAN;
	}
	p->cyc.per_op = clock_per_op(&p->cyc, p->cyc.count, p->cyc.samples, p->dist.s.n,
				     iters, p->batch);
	p->ins.per_op = clock_per_op(&p->ins, p->ins.count, p->ins.samples, p->dist.s.n,
				     iters, p->batch);
}

const struct cmb_clock_count *cmb_point_clock(const struct cmb_point *p)
{
	return p->cyc.asked ? &p->cyc : p->ins.asked ? &p->ins : NULL;
}

double cmb_run_clock_per_op(const struct cmb_point *p, const struct cmb_run *r)
{
	const struct cmb_clock_count *c = cmb_point_clock(p);

	if (!c || !(r->clock_count > 0))
		return NAN;
	return clock_per_op(c, r->clock_count, r->clock_samples, (double)r->n, (double)r->iters,
			    p->batch);
}

double cmb_point_insns(const struct cmb_point *p)
{
	return p->ins.per_op;
}

void cmb_point_finish(struct cmb_point *p)
{
	double medians[CMB_MAX_REPEATS];
	unsigned int r;

	cmb_dist_summary(&p->dist, &p->sum);
	for (r = 0; r < p->repeats && r < CMB_MAX_REPEATS; r++)
		medians[r] = p->rep[r].p50;
	p->tick_ns = p->timer_hz ? 1e9 / (double)p->timer_hz : NAN;
	p->quantum_ns = p->tick_ns / (p->batch ? p->batch : 1);
	cmb_runs_interval(medians, p->repeats, p->quantum_ns, &p->ci);
	p->ns_per_line = p->lines && p->ci.runs ? p->ci.centre / (double)p->lines : NAN;
	if (cmb_samples_median_ci(&p->dist, CMB_Z95, &p->samples_lo, &p->samples_hi))
		p->samples_lo = p->samples_hi = NAN;
	finish_time(p);
}

double cmb_point_per_op(const struct cmb_point *p, double total)
{
	/* A sample is a batch: the operations are the samples times the batch. */
	double ops = (double)p->dist.s.n * (p->batch ? p->batch : 1);

	return ops > 0 ? total / ops : NAN;
}

const char *cmb_point_key(const struct cmb_point *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s|%s|%" PRIu64 "|%" PRIu64 "|%" PRIu64 "|%" PRIu64 "|%s|%s|%d|%d|%u|%s",
		 p->op, p->state, p->size, p->offset, p->pages, p->pgsize, p->dir, p->fmt,
		 p->highmem, p->coherent_walk, p->threads, p->placement);
	return buf;
}

const char *cmb_point_param(const struct cmb_point *p, char *buf, size_t len)
{
	char a[16], b[16];

	if (p->fmt[0])
		snprintf(buf, len, "%s %s x%" PRIu64, p->fmt,
			 cmb_fmt_size(p->pgsize, a, sizeof(a)), p->pages);
	else if (p->state[0])	/* buffer ops, measured or not */
		snprintf(buf, len, "%s", cmb_fmt_size(p->size, a, sizeof(a)));
	else if (p->pages)
		snprintf(buf, len, "%" PRIu64 "p", p->pages);
	else
		snprintf(buf, len, "-");
	if (p->highmem) {
		snprintf(b, sizeof(b), "%s", " high");
		strncat(buf, b, len - strlen(buf) - 1);
	}
	return buf;
}

/* A count per operation: whole above 100, three digits below (0.012). */
static const char *per_op(double total, const struct cmb_point *p, char *buf, size_t len)
{
	double v = p->dist.s.n ? cmb_point_per_op(p, total) : 0.0;

	snprintf(buf, len, v >= 100 ? "%.0f" : "%.3g", v);
	return buf;
}

const char *cmb_point_events(const struct cmb_point *p, char *buf, size_t len)
{
	char r[32];
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < p->nevents && n < len; i++) {
		const struct cmb_event *e = &p->ev[i];

		if (!e->supported)
			n += (size_t)snprintf(buf + n, len - n, "%s%s=n/a", n ? " " : "", e->name);
		else
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%s/op", n ? " " : "",
					      e->name, per_op(e->count, p, r, sizeof(r)));
		if (e->supported && e->has_wait && n < len)
			n += (size_t)snprintf(buf + n, len - n, " wait=%sns/op%s",
					      per_op((double)e->wait_ns, p, r, sizeof(r)),
					      e->lost ? "(lower bound)" : "");
	}
	return buf;
}

const char *cmb_point_counters(const struct cmb_point *p, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < CMB_COUNTERS && n < len; i++)
		if (p->counter[i][0])
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%" PRIu64,
					      n ? " " : "", p->counter[i], p->count[i]);
	return buf;
}

