// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/cli.h"
#include "run/measure.h"
#include "result/stats.h"
#include "run/team.h"

static volatile sig_atomic_t interrupted;

/*
 * The first Ctrl-C stops the run in flight and keeps every finished point;
 * a second one ends the process at once (finished points are on disk
 * already: the writer syncs each).
 */
static void on_signal(int sig)
{
	static const char msg[] = "cmbench: interrupted twice: stopping now\n";
	ssize_t unused;

	if (interrupted) {
		unused = write(STDERR_FILENO, msg, sizeof(msg) - 1);
		(void)unused;
		_exit(128 + sig);
	}
	interrupted = 1;
}

/*
 * No SA_RESTART: the module's loop sees the signal, stops and returns what
 * it measured with CMBENCH_OUTF_INTERRUPTED; we then stop the sweep.
 */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A member's run as a distribution: its histogram and the module's sums. */
static void member_dist(struct cmb_member *m)
{
	const struct cmbench_run_out *out = &m->req.out;

	m->dist.s = (struct cmbench_sums) {
		.n = out->count, .min = out->min_ns, .max = out->max_ns,
		.sum = out->sum_ns, .sumsq_hi = out->sumsq_hi, .sumsq_lo = out->sumsq_lo,
	};
}

static int was_interrupted(const struct cmb_team *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (t->m[i].req.out.flags & CMBENCH_OUTF_INTERRUPTED)
			return 1;
	return interrupted;
}

/*
 * A warm-up run of iters on every thread at batch k, its numbers thrown
 * away but for what --batch auto needs: the median per iteration and the
 * largest per-sample harness time. 0, 1 interrupted, -errno.
 */
static int warm_up(struct cmb_team *t, const struct cmbench_run *req, uint64_t iters,
		   unsigned int k, struct cmb_dist *scratch, double *median, double *harness)
{
	struct cmbench_run w = *req;
	unsigned int i;
	int ret;

	w.in.iters = (iters + k - 1) / k * k;
	w.in.batch = k;
	ret = cmb_team_run(t, &w, &interrupted);
	if (ret)
		return ret;
	cmb_dist_init(scratch);
	*harness = 0;
	for (i = 0; i < t->n; i++) {
		member_dist(&t->m[i]);
		cmb_dist_merge(scratch, &t->m[i].dist);
		*harness = fmax(*harness, (double)t->m[i].req.out.untimed_p50_ns);
	}
	*median = cmb_dist_quantile(scratch, 0.5);
	return was_interrupted(t);
}

/* The smallest power of two k with k * per_op >= want, at most max. */
static unsigned int pow2_for(double want, double per_op, uint64_t max)
{
	uint64_t k = 1;

	while (k * fmax(per_op, 1) < want && k < max)
		k *= 2;
	return (unsigned int)k;
}

/*
 * The warm-up, and the batch: as asked, or with auto, where the op can
 * batch and an iteration is shorter than 100 ticks, enough iterations per
 * sample that a sample spans 100 ticks. An op without a buffer does the
 * same untimed work whatever the batch: its batch also spans 32 times the
 * harness's own time per sample, so that what stalls the untimed part
 * (interrupts, softirqs run at cond_resched()) weighs little on the wall
 * time. A buffer op sets up one copy per iteration: its copies stay
 * within 16 KiB, so that the batch's buffers are still in the state asked
 * when their turn comes. The first guess comes from one iteration per
 * sample, whose median carries a counter read; a second warm-up at that
 * batch measures the iteration alone. 0, 1 interrupted, -errno.
 */
static int warm_up_and_batch(struct cmb_team *t, const struct run_plan *pl, uint64_t x,
			     const struct cmbench_run *req, struct cmb_dist *scratch,
			     struct cmb_point *p)
{
	int buffer = !!(pl->oi->flags & CMBENCH_OPF_BUFFER);
	double tick = 1e9 / (double)pl->timer_hz, m, harness, want;
	uint64_t max = CMBENCH_MAX_BATCH, copy = (x + 63) & ~63ULL;
	size_t len = sizeof(p->batch_note);
	unsigned int k;
	int ret;

	if (buffer && copy && (16384 / copy) < max)
		max = 16384 / copy ? 16384 / copy : 1;
	p->batch = pl->a.batch ? pl->a.batch : 1;
	if (pl->a.batch)
		snprintf(p->batch_note, len, "--batch %u", p->batch);
	if (!pl->a.warmup) {
		if (!pl->a.batch)
			snprintf(p->batch_note, len, "auto: no warm-up to choose from "
				 "(--warmup 0): one iteration per sample");
		return 0;
	}
	ret = warm_up(t, req, pl->a.warmup, 1, scratch, &m, &harness);
	if (ret || pl->a.batch)
		return ret;
	if (m >= 100 * tick) {
		snprintf(p->batch_note, len, "auto: median %.0f ns spans 100 ticks: one "
			 "iteration per sample", m);
	} else if (!(pl->oi->flags & CMBENCH_OPF_BATCH)) {
		snprintf(p->batch_note, len, "the op sets up every iteration, so it cannot "
			 "batch: median %.0f ns is %.1f ticks", m, m / tick);
	} else {
		k = pow2_for(100 * tick, m, max);
		ret = warm_up(t, req, pl->a.warmup, k, scratch, &m, &harness);
		if (ret)
			return ret;
		want = buffer ? 100 * tick : fmax(100 * tick, 32 * harness);
		p->batch = pow2_for(want, m, max);
		snprintf(p->batch_note, len, "auto: %.1f ns per iteration in batches of %u, "
			 "harness %.0f ns per sample: batches of %u%s", m, k, harness, p->batch,
			 buffer && p->batch == max && max < CMBENCH_MAX_BATCH ?
			 " (16 KiB of copies)" : "");
	}
	return 0;
}

/*
 * Folds one run of every member into the point: the run's samples, each
 * thread's time split, the run's statistics; run is scratch for its
 * merged samples.
 */
static void add_run(struct cmb_point *p, struct cmb_team *t, unsigned int r,
		    struct cmb_dist *run)
{
	uint64_t begin = UINT64_MAX, end = 0, first_end = UINT64_MAX, last_begin = 0;
	struct cmb_clock_count *clk = p->cyc.asked ? &p->cyc : p->ins.asked ? &p->ins : NULL;
	struct cmb_run *rs = &p->rep[r];
	unsigned int i, k;

	cmb_dist_init(run);
	memset(rs, 0, sizeof(*rs));
	for (i = 0; i < t->n; i++) {
		struct cmb_member *m = &t->m[i];
		const struct cmbench_run_out *out = &m->req.out;
		struct cmb_thread_stat *ts = &p->thr[i];
		uint64_t harness = out->untimed_p50_ns * out->count;

		/* The harness's own work: its typical untimed time per sample. */
		if (harness > out->untimed_ns)
			harness = out->untimed_ns;
		member_dist(m);
		cmb_dist_merge(run, &m->dist);
		if (!ts->n || out->min_ns < ts->min)
			ts->min = out->min_ns;
		if (out->max_ns > ts->max)
			ts->max = out->max_ns;
		ts->n += out->count;
		ts->sum += out->sum_ns;
		ts->iters += out->count * p->batch;
		ts->cpu = m->cpu;
		ts->wall_ns += out->wall_ns;
		ts->timed_ns += out->timed_ns;
		ts->harness_ns += harness;
		ts->other_ns += out->untimed_ns - harness;
		rs->iters += out->count * p->batch;
		rs->wall_ns += out->wall_ns;
		rs->timed_ns += out->timed_ns;
		rs->harness_ns += harness;
		rs->other_ns += out->untimed_ns - harness;
		for (k = 0; k < CMBENCH_COUNTERS && k < CMB_COUNTERS; k++)
			p->count[k] += out->counters[k];
		p->lines = out->lines;
		if (clk && out->clock_error) {
			snprintf(clk->why, sizeof(clk->why), "CPU %d: the kernel could not "
				 "count %s for the module: %s", m->cpu,
				 clk == &p->cyc ? "cycles" : "instructions",
				 strerror(-out->clock_error));
			clk->counted = 0;
		}
		if (clk) {
			clk->count += (double)out->clock_count;
			clk->samples += (double)out->clock_samples;
			clk->overhead = (double)out->clock_overhead;
			rs->clock_count += (double)out->clock_count;
			rs->clock_samples += (double)out->clock_samples;
		}
		if (out->serial && (!rs->serial || out->serial < rs->serial))
			rs->serial = out->serial;
		begin = begin < out->begin_ns ? begin : out->begin_ns;
		last_begin = last_begin > out->begin_ns ? last_begin : out->begin_ns;
		end = end > out->begin_ns + out->wall_ns ? end : out->begin_ns + out->wall_ns;
		if (out->begin_ns + out->wall_ns < first_end)
			first_end = out->begin_ns + out->wall_ns;
	}
	cmb_dist_merge(&p->dist, run);
	rs->n = run->s.n;
	rs->min = run->s.min;
	rs->max = run->s.max;
	rs->p50 = cmb_dist_quantile(run, 0.5);
	rs->p99 = cmb_dist_quantile(run, 0.99);
	rs->mean = cmb_dist_mean(run);
	rs->overlap = end > begin && first_end > last_begin ?
		(double)(first_end - last_begin) / (double)(end - begin) : 0;
	p->repeats = r + 1;
}

/* What a reader must know that the numbers cannot say. */
static void warn(const struct run_plan *pl, struct cmb_point *p)
{
	if (pl->icount && p->threads > 1) {
		/* Says so in the file, and now: a contention curve is what one asks. */
		p->overcommit = 0;
		snprintf(p->warning, sizeof(p->warning), "serialized: under QEMU's icount "
			 "the vCPUs run in turn, so %u threads do not contend; contention is "
			 "not measured", p->threads);
		cli_error("warning: %s", p->warning);
	} else if (pl->host_cpus && p->threads > pl->host_cpus) {
		p->overcommit = 1;
		snprintf(p->warning, sizeof(p->warning), "overcommitted: %u threads on an "
			 "emulator whose host has %u CPUs: a lock holder's vCPU can be "
			 "descheduled", p->threads, pl->host_cpus);
	}
}

/*
 * One point: runs of --iters on every thread at once (one ioctl each),
 * until the stopping rule says the centre is known well enough, the
 * budget is spent, or the fixed count is reached. 0, 1 interrupted,
 * -errno.
 */
static int measure_point(struct cmb_team *t, const struct run_plan *pl, unsigned int i,
			 struct cmb_point *p, struct cmb_dist *scratch)
{
	const struct run_args *a = &pl->a;
	const struct cmb_rule rule = {
		.precision = a->precision / 100, .budget_s = a->budget,
		.min_repeats = (unsigned int)a->repeat, .max_repeats = CMB_MAX_REPEATS,
	};
	enum cmb_stop stop = CMB_GO_ON;
	struct cmbench_run req;
	unsigned int r, threads;
	uint64_t x;
	double t0;
	int ret;

	cmb_plan_point(pl, i, &x, &threads);
	cmb_plan_request(pl, x, &req);
	cmb_plan_describe(pl, i, p);
	p->warmup = a->warmup;
	p->precision = rule.precision;
	p->timer_hz = pl->timer_hz;
	p->cyc.asked = p->cyc.counted = a->clock == CMBENCH_CLOCK_CYCLES;
	p->ins.asked = p->ins.counted = a->clock == CMBENCH_CLOCK_INSTRUCTIONS;
	ret = warm_up_and_batch(t, pl, x, &req, scratch, p);
	if (ret)
		return ret;
	req.in.batch = p->batch;
	/* A whole number of batches per run. */
	req.in.iters = (a->iters + p->batch - 1) / p->batch * p->batch;
	p->iters = req.in.iters;
	warn(pl, p);
	cmb_team_pmu_reset(t);
	t0 = now_s();
	for (r = 0; stop == CMB_GO_ON; r++) {
		ret = cmb_team_run(t, &req, &interrupted);
		if (ret)
			return ret;
		add_run(p, t, r, scratch);
		if (was_interrupted(t)) {
			p->interrupted = 1;
			return 1;
		}
		cmb_point_finish(p);
		stop = cmb_should_stop(&rule, &p->ci, r + 1, now_s() - t0);
	}
	cmb_team_collect_events(t, p);
	snprintf(p->stop, sizeof(p->stop), "%s", cmb_stop_name(stop));
	cmb_point_finish(p);
	return 0;
}

/*
 * One point on a team of its thread count: 0 measured, 1 interrupted,
 * -errno when a run failed.
 */
static int team_point(struct run_plan *pl, struct cmb_dev *d, unsigned int i,
		      struct cmb_point *p, struct cmb_dist *scratch)
{
	struct cmb_team team;
	unsigned int threads;
	uint64_t x;
	int r;

	cmb_plan_point(pl, i, &x, &threads);
	r = cmb_team_start(&team, d, threads, pl->cpus, &pl->events);
	if (r)
		return r;
	r = measure_point(&team, pl, i, p, scratch);
	cmb_team_stop(&team);
	return r;
}

int cmb_measure_plan(struct run_plan *pl, struct cmb_dev *d, FILE *out, const char *path,
		     unsigned int from, unsigned int *done, const struct cmb_measure_hooks *h)
{
	unsigned int i, n = cmb_plan_points(pl);
	struct cmb_point *point = malloc(sizeof(*point));
	struct cmb_dist *scratch = malloc(sizeof(*scratch));
	int ret = CMB_EXIT_OK;

	if (!point || !scratch) {
		cli_error("out of memory");
		ret = CMB_EXIT_FAIL;
		goto out;
	}
	pl->timer_hz = d->info.timer_hz;
	catch_signals();
	for (i = from; i < n && !interrupted; i++) {
		int r;

		if (h && h->before)
			h->before(pl, i, h->arg);
		r = team_point(pl, d, i, point, scratch);
		if (r < 0) {
			cli_error("%s: run failed: %s", pl->oi->name,
				strerror(-r));
			ret = CMB_EXIT_FAIL;
			goto out;
		}
		if (r == 1) {
			interrupted = 1;	/* the point in flight is not kept */
			break;
		}
		errno = 0;
		if (cmb_result_write_point(out, point)) {
			cli_error("writing %s: %s", path,
				errno ? strerror(errno) : "short write");
			ret = CMB_EXIT_FAIL;
			goto out;
		}
		if (h && h->after)
			h->after(point, h->arg);
		(*done)++;
	}
	if (interrupted)
		ret = CMB_EXIT_INTERRUPTED;
out:
	free(point);
	free(scratch);
	return ret;
}
