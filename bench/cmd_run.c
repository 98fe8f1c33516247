// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench run OP: measure one operation over a list of sizes, print the
 * table, and append every finished point to the result file as it ends,
 * so Ctrl-C loses only the point in flight.
 */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "device.h"
#include "provenance.h"
#include "report.h"
#include "result.h"
#include "stats.h"
#include "team.h"

static const char *const state_names[] = { "dirty", "clean", "cold", NULL };
static const char *const dir_names[] = { "to_device", "from_device",
					 "bidirectional", NULL };
static const char *const fmt_names[] = { "lpae-s1", "lpae-s2", "lpae32-s1",
					 "v7s", NULL };


static const struct cmb_option run_opts[] = {
	{ .name = "sizes", .type = CMB_OPT_SIZES,
	  .off = offsetof(struct run_args, sizes),
	  .min = 1, .max = CMBENCH_MAX_SIZE, .def = "4K",
	  .help = "buffer sizes, comma-separated (K, M, G suffixes), or auto: "
		  "around every cache level",
	  .applies = CMBENCH_OPF_BUFFER },
	{ .name = "offset", .type = CMB_OPT_SIZE,
	  .off = offsetof(struct run_args, offset),
	  .min = 0, .max = CMBENCH_MAX_OFFSET, .def = "0",
	  .help = "start this many bytes into the buffer",
	  .applies = CMBENCH_OPF_BUFFER },
	{ .name = "state", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, state), .choices = state_names,
	  .def = "dirty",
	  .help = "buffer state before each iteration: dirty, clean, cold",
	  .applies = CMBENCH_OPF_BUFFER },
	{ .name = "pages", .type = CMB_OPT_SIZES,
	  .off = offsetof(struct run_args, pages),
	  .min = 1, .max = CMBENCH_MAX_PAGES, .def = "1",
	  .help = "page pool (kmap), pages per mapping (vmap) or per call (iopt), list",
	  .applies = CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT },
	{ .name = "dir", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, dir), .choices = dir_names,
	  .def = "to_device",
	  .help = "DMA direction: to_device, from_device, bidirectional",
	  .applies = CMBENCH_OPF_DIR },
	{ .name = "highmem", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, highmem), .min = 0, .max = 1,
	  .def = "0", .help = "1: buffer or pool pages from highmem",
	  .applies = CMBENCH_OPF_HIGHMEM },
	{ .name = "fmt", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, fmt), .choices = fmt_names,
	  .def = "lpae-s1",
	  .help = "io-pgtable format: lpae-s1, lpae-s2, lpae32-s1, v7s",
	  .applies = CMBENCH_OPF_IOPT },
	{ .name = "pgsize", .type = CMB_OPT_SIZE,
	  .off = offsetof(struct run_args, pgsize),
	  .min = 4096, .max = CMBENCH_MAX_PGSIZE, .def = "4K",
	  .help = "io-pgtable page (or block) size", .applies = CMBENCH_OPF_IOPT },
	{ .name = "coherent-walk", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, coherent_walk), .min = 0, .max = 1,
	  .def = "0", .help = "1: table walker is coherent (no PTE cache cleaning)",
	  .applies = CMBENCH_OPF_IOPT },
	{ .name = "iters", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, iters),
	  .min = 1, .max = CMBENCH_MAX_ITERS, .def = "1000",
	  .help = "timed iterations per repeat" },
	{ .name = "repeat", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, repeat),
	  .min = 1, .max = CMB_MAX_REPEATS, .def = "1",
	  .help = "runs of --iters per point at least (exactly, with --precision 0)" },
	{ .name = "warmup", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, warmup),
	  .min = 0, .max = CMBENCH_MAX_ITERS, .def = "100",
	  .help = "iterations run and discarded before each point" },
	{ .name = "precision", .type = CMB_OPT_DOUBLE,
	  .off = offsetof(struct run_args, precision),
	  .min = 0, .max = 100, .def = "1",
	  .help = "percent: add runs until the median's 95% CI is within it; 0: fixed" },
	{ .name = "budget", .type = CMB_OPT_DOUBLE,
	  .off = offsetof(struct run_args, budget),
	  .min = 0, .max = 86400, .def = "10",
	  .help = "seconds per point before giving up on --precision" },
	{ .name = "threads", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, threads), .def = "1",
	  .help = "thread counts to sweep, e.g. 1,2,4,all: each runs the op at once" },
	{ .name = "cpus", .type = CMB_OPT_STR, .off = offsetof(struct run_args, cpus),
	  .help = "CPUs the threads are pinned to, in this order: 0,2-3 "
		  "(default: the online CPUs, ordered by --compact or --spread)" },
	{ .name = "compact", .type = CMB_OPT_FLAG, .off = offsetof(struct run_args, compact),
	  .help = "threads on neighbouring CPUs: fill a cluster first (the default)" },
	{ .name = "spread", .type = CMB_OPT_FLAG, .off = offsetof(struct run_args, spread),
	  .help = "threads across packages, then clusters, then cores (hwloc)" },
	{ .name = "cache", .type = CMB_OPT_STR, .off = offsetof(struct run_args, cache),
	  .help = "override cache sizes for --sizes auto: L1d=32K,L2=1M" },
	{ .name = "events", .type = CMB_OPT_STR, .off = offsetof(struct run_args, events),
	  .help = "PMU events (libpfm4 names), kernel mode, per thread: "
		  "CPU_CYCLES,L1D_CACHE_REFILL or default" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, out),
	  .help = "result file (default cmbench-OP-TIME.jsonl here)" },
	{ .name = "label", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, label),
	  .help = "name for this system in tables and plots" },
	{ 0 },
};

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

/* The request for one repeat of a point: only what the op takes. */
static void fill_request(struct cmbench_run *req, uint32_t op, uint32_t flags,
			 const struct run_args *a, uint64_t x)
{
	memset(req, 0, sizeof(*req));
	req->op = op;
	req->iters = a->iters;
	if (flags & CMBENCH_OPF_BUFFER) {
		req->size = x;
		req->offset = a->offset;
		req->state = a->state;
	}
	if (flags & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT))
		req->pages = (uint32_t)x;
	if (flags & CMBENCH_OPF_DIR)
		req->dir = a->dir;
	if ((flags & CMBENCH_OPF_HIGHMEM) && a->highmem)
		req->flags |= CMBENCH_RUNF_HIGHMEM;
	if (flags & CMBENCH_OPF_IOPT) {
		req->fmt = a->fmt;
		req->pgsize = a->pgsize;
		if (a->coherent_walk)
			req->flags |= CMBENCH_RUNF_COHERENT_WALK;
	}
}

/* The point's description, before anything is measured. */
static void describe_point(struct cmb_point *p, const struct cmbench_op_info *oi,
			   const struct cmbench_run *req)
{
	int i, n = 0;

	memset(p, 0, sizeof(*p));
	snprintf(p->op, sizeof(p->op), "%s", oi->name);
	snprintf(p->impl, sizeof(p->impl), "%s", oi->impl);
	p->iters = req->iters;
	if (oi->flags & CMBENCH_OPF_BUFFER)
		snprintf(p->state, sizeof(p->state), "%s", state_names[req->state]);
	p->size = req->size;
	p->offset = req->offset;
	p->pages = req->pages;
	p->pgsize = req->pgsize;
	if (oi->flags & CMBENCH_OPF_DIR)
		snprintf(p->dir, sizeof(p->dir), "%s", dir_names[req->dir]);
	if (oi->flags & CMBENCH_OPF_IOPT)
		snprintf(p->fmt, sizeof(p->fmt), "%s", fmt_names[req->fmt]);
	p->highmem = !!(req->flags & CMBENCH_RUNF_HIGHMEM);
	p->coherent_walk = !!(req->flags & CMBENCH_RUNF_COHERENT_WALK);
	/* Named counters only, packed: the result file has no empty slots. */
	for (i = 0; i < CMBENCH_COUNTERS && n < CMB_COUNTERS; i++)
		if (oi->counter[i][0])
			snprintf(p->counter[n++], sizeof(p->counter[0]), "%s", oi->counter[i]);
}

/* Adds a repeat's counters to the point's, in the point's packed order. */
static void add_counters(struct cmb_point *p, const struct cmbench_op_info *oi,
			 const struct cmbench_run *req)
{
	int i, n = 0;

	for (i = 0; i < CMBENCH_COUNTERS && n < CMB_COUNTERS; i++)
		if (oi->counter[i][0])
			p->count[n++] += req->counters[i];
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
		if (t->m[i].req.out_flags & CMBENCH_OUTF_INTERRUPTED)
			return 1;
	return interrupted;
}

/* Warm-up: the same request on every thread, its numbers thrown away. */
static int warm_up(struct cmb_team *t, uint32_t op, const struct cmbench_op_info *oi,
		   const struct run_args *a, uint64_t x)
{
	struct cmbench_run req;
	int ret;

	if (!a->warmup)
		return 0;
	fill_request(&req, op, oi->flags, a, x);
	req.iters = a->warmup;
	ret = cmb_team_run(t, &req, &interrupted);
	if (ret)
		return ret;
	return was_interrupted(t);
}

/* Folds one run of every member into the point; returns the run's wall ns. */
static uint64_t add_run(struct cmb_point *p, struct cmb_team *t,
			const struct cmbench_op_info *oi, unsigned int r)
{
	static struct cmb_dist run;
	uint64_t wall = 0;
	unsigned int i;

	cmb_dist_init(&run);
	for (i = 0; i < t->n; i++) {
		struct cmb_member *m = &t->m[i];
		struct cmb_thread_stat *ts = &p->thr[i];

		m->dist.s = (struct cmbench_sums) {
			.n = m->req.count, .min = m->req.min_ns, .max = m->req.max_ns,
			.sum = m->req.sum_ns, .sumsq_hi = m->req.sumsq_hi,
			.sumsq_lo = m->req.sumsq_lo,
		};
		cmb_dist_merge(&run, &m->dist);
		if (!ts->n || m->req.min_ns < ts->min)
			ts->min = m->req.min_ns;
		if (m->req.max_ns > ts->max)
			ts->max = m->req.max_ns;
		ts->n += m->req.count;
		ts->sum += m->req.sum_ns;
		ts->cpu = m->cpu;
		add_counters(p, oi, &m->req);
		p->lines = m->req.lines;
		if (m->req.wall_ns > wall)
			wall = m->req.wall_ns;
	}
	cmb_dist_merge(&p->dist, &run);
	p->rep[r] = (struct cmb_repeat) {
		.n = run.s.n, .min = run.s.min, .max = run.s.max,
		.p50 = cmb_dist_quantile(&run, 0.5), .mean = cmb_dist_mean(&run),
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
static int measure_point(struct cmb_team *t, uint32_t op,
			 const struct cmbench_op_info *oi,
			 const struct run_args *a, uint64_t x,
			 struct cmb_point *p)
{
	const struct cmb_rule rule = {
		.precision = a->precision / 100, .budget_s = a->budget,
		.min_repeats = (unsigned int)a->repeat, .max_repeats = CMB_MAX_REPEATS,
	};
	enum cmb_stop stop = CMB_GO_ON;
	struct cmbench_run req;
	uint64_t wall = 0;
	unsigned int r;
	double t0;
	int ret;

	fill_request(&req, op, oi->flags, a, x);
	describe_point(p, oi, &req);
	p->threads = t->n;
	p->warmup = a->warmup;
	p->precision = rule.precision;
	ret = warm_up(t, op, oi, a, x);
	if (ret)
		return ret;
	cmb_team_pmu_reset(t);
	t0 = now_s();
	for (r = 0; stop == CMB_GO_ON; r++) {
		ret = cmb_team_run(t, &req, &interrupted);
		if (ret)
			return ret;
		wall += add_run(p, t, oi, r);
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
	return 0;
}

/* "1,2,all" into thread counts, each at most ncpus; count or -1. */
static int parse_threads(const char *s, unsigned int *v, int max, int ncpus)
{
	char buf[256], *tok, *save = NULL, *end;
	int n = 0;
	long k;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			k = ncpus;
		} else {
			k = strtol(tok, &end, 10);
			if (*end || k < 1 || k > ncpus)
				return -1;
		}
		if (n == max)
			return -1;
		v[n++] = (unsigned int)k;
	}
	return n ? n : -1;
}

/*
 * The CPUs threads are pinned to, in the order they take them: --cpus as
 * given, else every CPU we may run on ordered by the placement policy.
 */
static int pick_cpus(const struct run_args *a, int *cpus, int max, const char **how)
{
	cpu_set_t online;

	if (a->cpus) {
		*how = "cpus";
		return cmb_parse_cpus(a->cpus, cpus, max);
	}
	if (sched_getaffinity(0, sizeof(online), &online))
		return -1;
	*how = a->spread ? "spread" : "compact";
	return cmb_topo_order(a->spread ? CMB_PLACE_SPREAD : CMB_PLACE_COMPACT, &online,
			      cpus, max);
}

static FILE *open_output(const struct run_args *a, const char *op,
			 char *path, size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	FILE *f;

	if (a->out) {
		snprintf(path, len, "%s", a->out);
	} else {
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", gmtime(&now));
		snprintf(path, len, "cmbench-%s-%s.jsonl", op, stamp);
	}
	/* Never overwrite: an earlier run's results are worth more than a typo. */
	f = fopen(path, "wx");
	if (!f && errno == EEXIST)
		fprintf(stderr, "cmbench: %s exists; give another -o or move it away\n",
			path);
	else if (!f)
		fprintf(stderr, "cmbench: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

/*
 * Parses and checks one run's arguments against the module: the op, every
 * option it takes and none it does not, the events, CPUs and thread
 * counts. Prints the error and returns the exit status (> 0) when wrong.
 */
int cmb_plan_make(struct run_plan *pl, struct cmb_dev *d, const char *sub,
		  int argc, char **argv)
{
	struct cmb_parsed pa;
	struct run_args *a = &pl->a;
	char err[512];
	unsigned int i;
	int ret;

	memset(pl, 0, sizeof(*pl));
	if (cmd_parse(sub, run_opts, a, argc, argv, &pa, &ret))
		return ret ? ret : -1;
	if (pa.npos != 1)
		return cmd_usage_error(sub, run_opts, "give exactly one operation name");
	pl->op = cmb_dev_find_op(d, pa.pos[0], &pl->oi);
	if (pl->op < 0) {
		fprintf(stderr, "cmbench: unknown operation '%s' (cmbench list "
			"shows the module's)\n", pa.pos[0]);
		return 2;
	}
	if (!(pl->oi.flags & CMBENCH_OPF_SUPPORTED)) {
		fprintf(stderr, "cmbench: %s: skipped: %s\n", pl->oi.name,
			pl->oi.why_unsupported);
		return 3;
	}
	for (i = 0; run_opts[i].name; i++) {
		if ((pa.given & (1ULL << i)) && run_opts[i].applies &&
		    !(pl->oi.flags & run_opts[i].applies)) {
			snprintf(err, sizeof(err), "--%s: operation %s does not take it",
				 run_opts[i].name, pl->oi.name);
			return cmd_usage_error(sub, run_opts, err);
		}
	}
	if (cmb_events_parse(a->events, &pl->events, err, sizeof(err)))
		return cmd_usage_error(sub, run_opts, err);
	if (cmb_topo_read(&pl->topo, d, a->cache, err, sizeof(err)))
		return cmd_usage_error(sub, run_opts, err);
	if (a->sizes.automatic &&
	    !cmb_topo_auto_sizes(&pl->topo, CMBENCH_MAX_SIZE, &a->sizes))
		return cmd_usage_error(sub, run_opts, "--sizes auto: no cache sizes known; "
				       "give them with --cache L1d=32K,L2=1M");
	if (a->spread + a->compact + !!a->cpus > 1)
		return cmd_usage_error(sub, run_opts, "--cpus, --spread and --compact each "
				       "choose the CPUs: give one");
	pl->ncpus = pick_cpus(a, pl->cpus, CMB_MAX_THREADS, &pl->placement);
	if (pl->ncpus < 1)
		return cmd_usage_error(sub, run_opts, "--cpus: not a CPU list like 0,2-3");
	pl->nthreads = parse_threads(a->threads, pl->threads, 16, pl->ncpus);
	if (pl->nthreads < 1) {
		snprintf(err, sizeof(err), "--threads: '%s' is not a list of counts from 1 "
			 "to %d (the CPUs to pin to) or 'all'", a->threads, pl->ncpus);
		return cmd_usage_error(sub, run_opts, err);
	}
	/* The sweep runs along sizes for buffer ops, pages for pool/mapping ops. */
	if (pl->oi.flags & CMBENCH_OPF_BUFFER)
		pl->axis = &a->sizes;
	else if (pl->oi.flags & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT))
		pl->axis = &a->pages;
	pl->given_out = !!(pa.given & (1ULL << cmb_opts_index(run_opts, "output")));
	pl->given_label = !!(pa.given & (1ULL << cmb_opts_index(run_opts, "label")));
	return 0;
}

unsigned int cmb_plan_points(const struct run_plan *pl)
{
	return (pl->axis ? pl->axis->n : 1) * (unsigned int)pl->nthreads;
}

/* Point i of the plan: its axis value and thread count, for listings. */
void cmb_plan_point(const struct run_plan *pl, unsigned int i, uint64_t *x,
		    unsigned int *threads)
{
	*x = pl->axis ? pl->axis->v[i / (unsigned int)pl->nthreads] : 0;
	*threads = pl->threads[i % (unsigned int)pl->nthreads];
}

void cmb_plan_describe(const struct run_plan *pl, unsigned int i, struct cmb_point *p)
{
	struct cmbench_run req;
	unsigned int threads;
	uint64_t x;

	cmb_plan_point(pl, i, &x, &threads);
	fill_request(&req, (uint32_t)pl->op, pl->oi.flags, &pl->a, x);
	describe_point(p, &pl->oi, &req);
	p->threads = threads;
	snprintf(p->placement, sizeof(p->placement), "%s", pl->placement);
}

/*
 * Measures points [from, count) of the plan, appending each to out and
 * printing its row. progress, when set, is called before each point.
 * 0, 1 on error, 130 when interrupted; *done counts the points written.
 */
int cmb_plan_execute(struct run_plan *pl, struct cmb_dev *d, FILE *out,
		     const char *path, unsigned int from, unsigned int *done,
		     void (*progress)(const struct run_plan *pl, unsigned int i))
{
	static struct cmb_point point;
	unsigned int i, n = cmb_plan_points(pl), threads;
	struct cmb_team team;
	uint64_t x;

	catch_signals();
	for (i = from; i < n && !interrupted; i++) {
		int r;

		if (progress)
			progress(pl, i);
		cmb_plan_point(pl, i, &x, &threads);
		r = cmb_team_start(&team, d, threads, pl->cpus, &pl->events);
		if (!r) {
			r = measure_point(&team, (uint32_t)pl->op, &pl->oi, &pl->a, x, &point);
			snprintf(point.placement, sizeof(point.placement), "%s", pl->placement);
			cmb_team_stop(&team);
		}
		if (r < 0) {
			fprintf(stderr, "cmbench: %s: run failed: %s\n", pl->oi.name,
				strerror(-r));
			return 1;
		}
		if (r == 1) {
			interrupted = 1;	/* the point in flight is not kept */
			break;
		}
		if (cmb_result_write_point(out, &point)) {
			fprintf(stderr, "cmbench: writing %s failed\n", path);
			return 1;
		}
		cmb_report_row(stdout, &point);
		fflush(stdout);
		(*done)++;
	}
	return interrupted ? 130 : 0;
}

int cmd_run(int argc, char **argv, int full_argc, char **full_argv)
{
	static struct run_plan pl;
	struct cmb_header hdr;
	struct cmb_dev d;
	char err[512], path[4096];
	const char *dev = getenv("CMBENCH_DEVICE");
	unsigned int done = 0;
	int ret;
	FILE *out;

	/* Options first: a usage error needs no module. */
	memset(&pl, 0, sizeof(pl));
	{
		struct cmb_parsed pa;

		if (cmd_parse("run", run_opts, &pl.a, argc, argv, &pa, &ret))
			return ret;
	}
	if (cmb_dev_open(&d, dev ? dev : CMBENCH_DEVICE, err, sizeof(err))) {
		fprintf(stderr, "cmbench: %s\n", err);
		return 1;
	}
	ret = cmb_plan_make(&pl, &d, "run", argc, argv);
	if (ret) {
		cmb_dev_close(&d);
		return ret < 0 ? 0 : ret;
	}
	out = open_output(&pl.a, pl.oi.name, path, sizeof(path));
	if (!out) {
		cmb_dev_close(&d);
		return 1;
	}
	cmb_provenance(&hdr, &d, full_argc, full_argv, pl.a.label);
	hdr.topo = pl.topo;
	if (cmb_result_write_header(out, &hdr)) {
		fprintf(stderr, "cmbench: writing %s failed\n", path);
		ret = 1;
		goto out;
	}
	cmb_report_header(stdout, &hdr);
	printf("# %s: %s\n", pl.oi.name, pl.oi.impl);
	cmb_report_table_head(stdout);
	fflush(stdout);

	ret = cmb_plan_execute(&pl, &d, out, path, 0, &done, NULL);
	if (ret == 130)
		fprintf(stderr, "cmbench: interrupted: %u finished point%s kept in %s\n",
			done, done == 1 ? "" : "s", path);
	else if (!ret)
		printf("# %u point%s written to %s\n", done, done == 1 ? "" : "s", path);
out:
	if (fclose(out) && !ret) {
		fprintf(stderr, "cmbench: closing %s: %s\n", path, strerror(errno));
		ret = 1;
	}
	cmb_dev_close(&d);
	return ret;
}
