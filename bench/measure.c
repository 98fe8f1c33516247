// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "measure.h"
#include "report.h"
#include "stats.h"
#include "team.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
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

/* Adds a run's counters to the point's; the module packs them in order. */
static void add_counters(struct cmb_point *p, const struct cmbench_run_out *out)
{
	int i;

	for (i = 0; i < CMBENCH_COUNTERS && i < CMB_COUNTERS; i++)
		p->count[i] += out->counters[i];
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int was_interrupted(const struct cmb_team *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (t->m[i].req.out.flags & CMBENCH_OUTF_INTERRUPTED)
			return 1;
	return interrupted;
}

/* Warm-up: the same request on every thread, its numbers thrown away. */
static int warm_up(struct cmb_team *t, const struct cmbench_run *req, uint64_t iters)
{
	struct cmbench_run w = *req;
	int ret;

	if (!iters)
		return 0;
	w.in.iters = iters;
	ret = cmb_team_run(t, &w, &interrupted);
	if (ret)
		return ret;
	return was_interrupted(t);
}

/*
 * Folds one run of every member into the point, run is scratch space for
 * the run's merged samples; returns the run's wall ns.
 */
static uint64_t add_run(struct cmb_point *p, struct cmb_team *t, unsigned int r,
			struct cmb_dist *run)
{
	uint64_t wall = 0;
	unsigned int i;

	cmb_dist_init(run);
	for (i = 0; i < t->n; i++) {
		struct cmb_member *m = &t->m[i];
		const struct cmbench_run_out *out = &m->req.out;
		struct cmb_thread_stat *ts = &p->thr[i];

		m->dist.s = (struct cmbench_sums) {
			.n = out->count, .min = out->min_ns, .max = out->max_ns,
			.sum = out->sum_ns, .sumsq_hi = out->sumsq_hi,
			.sumsq_lo = out->sumsq_lo,
		};
		cmb_dist_merge(run, &m->dist);
		if (!ts->n || out->min_ns < ts->min)
			ts->min = out->min_ns;
		if (out->max_ns > ts->max)
			ts->max = out->max_ns;
		ts->n += out->count;
		ts->sum += out->sum_ns;
		ts->cpu = m->cpu;
		add_counters(p, out);
		p->lines = out->lines;
		if (out->wall_ns > wall)
			wall = out->wall_ns;
	}
	cmb_dist_merge(&p->dist, run);
	p->rep[r] = (struct cmb_repeat) {
		.n = run->s.n, .min = run->s.min, .max = run->s.max,
		.p50 = cmb_dist_quantile(run, 0.5), .mean = cmb_dist_mean(run),
	};
	p->repeats = r + 1;
	return wall;
}

/* Adds name to a comma-separated list of distinct names. */
static void add_name(char *list, size_t len, const char *name)
{
	size_t n = strlen(name), at;
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return;
	at = strlen(list);
	snprintf(list + at, len - at, "%s%s", at ? "," : "", name);
}

/* Every thread's counts of each event, summed; unsupported if any failed. */
static void collect_events(struct cmb_point *p, const struct cmb_team *t)
{
	uint64_t enabled, running;
	unsigned int i, k;

	p->nevents = t->n ? t->m[0].pmu.n : 0;
	for (k = 0; k < p->nevents; k++) {
		struct cmb_event *e = &p->ev[k];

		snprintf(e->name, sizeof(e->name), "%s", t->events->name[k]);
		snprintf(e->note, sizeof(e->note), "%s", cmb_event_note(e->name));
		e->supported = 1;
		e->group = t->m[0].pmu.group[k];
		enabled = running = 0;
		for (i = 0; i < t->n; i++) {
			const struct cmb_pmu *pm = &t->m[i].pmu;

			if (pm->fd[k] < 0) {
				e->supported = 0;
				snprintf(e->why, sizeof(e->why), "CPU %d: %s", t->m[i].cpu,
					 pm->why[k]);
				break;
			}
			e->count += pm->count[k];
			enabled += pm->enabled[k];
			running += pm->running[k];
			add_name(e->pmu, sizeof(e->pmu), pm->pmu[k]);
			if (!i && pm->why[k][0]) {	/* counted, with a caveat */
				size_t at = strlen(e->note);

				snprintf(e->note + at, sizeof(e->note) - at, "%s%s",
					 at ? "; " : "", pm->why[k]);
			}
			if (pm->wait_event == (int)k) {
				e->has_wait = 1;
				e->wait_ns += pm->lw.wait_ns;
				e->waits += pm->lw.waits;
				e->unpaired += pm->lw.unpaired;
				e->lost += pm->lw.lost;
			}
		}
		e->running = enabled ? (double)running / (double)enabled : NAN;
	}
}

/*
 * One point: runs of --iters on every thread at once (one ioctl each)
 * merged, until the stopping rule says the median is known well enough,
 * the budget is spent, or the fixed count is reached. 0, 1 interrupted,
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
	uint64_t wall = 0, x;
	double t0;
	int ret;

	cmb_plan_point(pl, i, &x, &threads);
	cmb_plan_request(pl, x, &req);
	cmb_plan_describe(pl, i, p);
	p->warmup = a->warmup;
	p->precision = rule.precision;
	ret = warm_up(t, &req, a->warmup);
	if (ret)
		return ret;
	cmb_team_pmu_reset(t);
	t0 = now_s();
	for (r = 0; stop == CMB_GO_ON; r++) {
		ret = cmb_team_run(t, &req, &interrupted);
		if (ret)
			return ret;
		wall += add_run(p, t, r, scratch);
		if (was_interrupted(t)) {
			p->interrupted = 1;
			return 1;
		}
		stop = cmb_should_stop(&rule, &p->dist, r + 1, now_s() - t0);
	}
	p->wall_ns = wall;
	p->ops_per_s = wall ? (double)p->dist.s.n * 1e9 / (double)wall : NAN;
	collect_events(p, t);
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
		     unsigned int from, unsigned int *done, cmb_progress_fn *progress,
		     void *arg)
{
	unsigned int i, n = cmb_plan_points(pl);
	struct cmb_point *point = malloc(sizeof(*point));
	struct cmb_dist *scratch = malloc(sizeof(*scratch));
	int ret = CMB_EXIT_OK;

	if (!point || !scratch) {
		fprintf(stderr, "cmbench: out of memory\n");
		ret = CMB_EXIT_FAIL;
		goto out;
	}
	catch_signals();
	for (i = from; i < n && !interrupted; i++) {
		int r;

		if (progress)
			progress(pl, i, arg);
		r = team_point(pl, d, i, point, scratch);
		if (r < 0) {
			fprintf(stderr, "cmbench: %s: run failed: %s\n", pl->oi->name,
				strerror(-r));
			ret = CMB_EXIT_FAIL;
			goto out;
		}
		if (r == 1) {
			interrupted = 1;	/* the point in flight is not kept */
			break;
		}
		if (cmb_result_write_point(out, point)) {
			fprintf(stderr, "cmbench: writing %s failed\n", path);
			ret = CMB_EXIT_FAIL;
			goto out;
		}
		cmb_report_row(stdout, point);
		fflush(stdout);
		(*done)++;
	}
	if (interrupted)
		ret = CMB_EXIT_INTERRUPTED;
out:
	free(point);
	free(scratch);
	return ret;
}
