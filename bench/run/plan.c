// SPDX-License-Identifier: GPL-2.0
/*
 * Plans of runs: the options of "cmbench run", checked against the
 * module's operations and this machine, and the points they lay out.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "run/plan.h"

/* The uapi's names of its enums, by value: each name written once, there. */
const char *const cmb_state_names[] = CMBENCH_STATE_NAMES;
const char *const cmb_dir_names[] = CMBENCH_DIR_NAMES;
const char *const cmb_fmt_names[] = CMBENCH_IOPT_NAMES;
static const char *const clock_names[] = CMBENCH_CLOCK_NAMES;

_Static_assert(CMB_NELEM(cmb_state_names) == CMBENCH_STATE_MAX, "a name per state");
_Static_assert(CMB_NELEM(cmb_dir_names) == CMBENCH_DIR_MAX, "a name per direction");
_Static_assert(CMB_NELEM(cmb_fmt_names) == CMBENCH_IOPT_MAX, "a name per format");
_Static_assert(CMB_NELEM(clock_names) == CMBENCH_CLOCK_MAX, "a name per clock");

const struct cmb_option cmb_run_opts[] = {
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
	  .off = offsetof(struct run_args, state), CMB_NAMES(cmb_state_names),
	  .def = "dirty",
	  .help = "buffer state before each iteration: dirty, clean, cold",
	  .applies = CMBENCH_OPF_BUFFER },
	{ .name = "pages", .type = CMB_OPT_SIZES,
	  .off = offsetof(struct run_args, pages),
	  .min = 1, .max = CMBENCH_MAX_PAGES, .def = "1",
	  .help = "page pool (kmap), pages per mapping (vmap) or per call (iopt), list",
	  .applies = CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT },
	{ .name = "dir", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, dir), CMB_NAMES(cmb_dir_names),
	  .def = "to_device",
	  .help = "DMA direction: to_device, from_device, bidirectional",
	  .applies = CMBENCH_OPF_DIR },
	{ .name = "highmem", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, highmem), .min = 0, .max = 1,
	  .def = "0", .metavar = "0|1",
	  .help = "1: buffer or pool pages from highmem",
	  .applies = CMBENCH_OPF_HIGHMEM },
	{ .name = "fmt", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, fmt), CMB_NAMES(cmb_fmt_names),
	  .def = "lpae-s1",
	  .help = "io-pgtable format: lpae-s1, lpae-s2, lpae32-s1, v7s",
	  .applies = CMBENCH_OPF_IOPT },
	{ .name = "pgsize", .type = CMB_OPT_SIZE,
	  .off = offsetof(struct run_args, pgsize),
	  .min = 4096, .max = CMBENCH_MAX_PGSIZE, .def = "4K",
	  .help = "io-pgtable page (or block) size", .applies = CMBENCH_OPF_IOPT },
	{ .name = "coherent-walk", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, coherent_walk), .min = 0, .max = 1,
	  .def = "0", .metavar = "0|1",
	  .help = "1: table walker is coherent (no PTE cache cleaning)",
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
	  .metavar = "PERCENT",
	  .help = "percent: add runs until the median's 95% CI is within it; 0: fixed" },
	{ .name = "budget", .type = CMB_OPT_DOUBLE,
	  .off = offsetof(struct run_args, budget),
	  .min = 0, .max = 86400, .def = "10",
	  .metavar = "SECONDS",
	  .help = "seconds per point before giving up on --precision" },
	{ .name = "batch", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, batch_text), .def = "auto",
	  .metavar = "K|auto",
	  .help = "iterations per timed sample (the module divides), or auto: "
		  "enough for 100 counter ticks where the median is shorter" },
	{ .name = "clock", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, clock), CMB_NAMES(clock_names), .def = "ns",
	  .help = "ns: the architected counter; cycles: CPU cycles per op as well "
		  "(a kernel perf event)" },
	{ .name = "threads", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, threads), .def = "1",
	  .metavar = "LIST",
	  .help = "thread counts to sweep, e.g. 1,2,4,all: each runs the op at once" },
	{ .name = "cpus", .type = CMB_OPT_STR, .off = offsetof(struct run_args, cpus),
	  .metavar = "LIST",
	  .help = "CPUs the threads are pinned to, in this order: 0,2-3 "
		  "(default: the online CPUs, ordered by --compact or --spread)" },
	{ .name = "compact", .type = CMB_OPT_FLAG, .off = offsetof(struct run_args, compact),
	  .help = "threads on neighbouring CPUs: fill a cluster first (the default)" },
	{ .name = "spread", .type = CMB_OPT_FLAG, .off = offsetof(struct run_args, spread),
	  .help = "threads across packages, then clusters, then cores (hwloc)" },
	{ .name = "cache", .type = CMB_OPT_STR, .off = offsetof(struct run_args, cache),
	  .metavar = "L1d=SIZE,...",
	  .help = "override cache sizes for --sizes auto: L1d=32K,L2=1M" },
	{ .name = "events", .type = CMB_OPT_STR, .off = offsetof(struct run_args, events),
	  .metavar = "LIST",
	  .help = "PMU events (libpfm4 names), kernel mode, per thread: "
		  "CPU_CYCLES,L1D_CACHE_REFILL or default" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, out),
	  .metavar = "FILE",
	  .help = "result file (default cmbench-OP-TIME.jsonl here)" },
	{ .name = "label", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, label),
	  .metavar = "NAME",
	  .help = "name for this system in tables and plots" },
	{ .name = "wide", .type = CMB_OPT_FLAG, .off = offsetof(struct run_args, wide),
	  .help = "the table printed: one line a point, with the timed and other columns "
		  "(past 100 columns)" },
	{ 0 },
};

/* The request for one run: only what the op takes, zero elsewhere. */
static void fill_request(struct cmbench_run *req, uint32_t op, uint32_t flags,
			 const struct run_args *a, uint64_t x)
{
	struct cmbench_run_in *in = &req->in;

	memset(req, 0, sizeof(*req));
	in->op = op;
	in->iters = a->iters;
	in->clock = a->clock;
	if (flags & CMBENCH_OPF_BUFFER) {
		in->size = x;
		in->offset = a->offset;
		in->state = a->state;
	}
	if (flags & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT))
		in->pages = (uint32_t)x;
	if (flags & CMBENCH_OPF_DIR)
		in->dir = a->dir;
	if ((flags & CMBENCH_OPF_HIGHMEM) && a->highmem)
		in->flags |= CMBENCH_RUNF_HIGHMEM;
	if (flags & CMBENCH_OPF_IOPT) {
		in->fmt = a->fmt;
		in->pgsize = a->pgsize;
		if (a->coherent_walk)
			in->flags |= CMBENCH_RUNF_COHERENT_WALK;
	}
}

void cmb_plan_request(const struct run_plan *pl, uint64_t x, struct cmbench_run *req)
{
	fill_request(req, (uint32_t)pl->op, pl->oi->flags, &pl->a, x);
}

/* The point's description, before anything is measured. */
static void describe_point(struct cmb_point *p, const struct cmbench_op_info *oi,
			   const struct cmbench_run_in *req)
{
	int i;

	memset(p, 0, sizeof(*p));
	snprintf(p->op, sizeof(p->op), "%s", oi->name);
	snprintf(p->impl, sizeof(p->impl), "%s", oi->impl);
	p->finding = !!(oi->flags & CMBENCH_OPF_PROBE);
	p->iters = req->iters;
	if (oi->flags & CMBENCH_OPF_BUFFER)
		snprintf(p->state, sizeof(p->state), "%s",
			 cmb_state_names[req->state]);
	p->size = req->size;
	p->offset = req->offset;
	p->pages = req->pages;
	p->pgsize = req->pgsize;
	if (oi->flags & CMBENCH_OPF_DIR)
		snprintf(p->dir, sizeof(p->dir), "%s",
			 cmb_dir_names[req->dir]);
	if (oi->flags & CMBENCH_OPF_IOPT)
		snprintf(p->fmt, sizeof(p->fmt), "%s",
			 cmb_fmt_names[req->fmt]);
	p->highmem = !!(req->flags & CMBENCH_RUNF_HIGHMEM);
	p->coherent_walk = !!(req->flags & CMBENCH_RUNF_COHERENT_WALK);
	/* The module packs its named counters into the first slots. */
	for (i = 0; i < CMBENCH_COUNTERS && i < CMB_COUNTERS && oi->counter[i][0]; i++)
		snprintf(p->counter[i], sizeof(p->counter[0]), "%s", oi->counter[i]);
}

int cmb_parse_threads(const char *s, unsigned int *v, int max, int ncpus)
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

/*
 * --cpus names each CPU once, and only CPUs this process may run on:
 * checked before any result file is made, so a bad list leaves nothing
 * behind (two threads on one CPU would measure the scheduler).
 */
static int check_cpus(const int *cpus, int n, char *err, size_t len)
{
	cpu_set_t may, seen;
	int i;

	if (sched_getaffinity(0, sizeof(may), &may)) {
		snprintf(err, len, "--cpus: cannot read this process's CPUs: %s",
			 strerror(errno));
		return -1;
	}
	CPU_ZERO(&seen);
	for (i = 0; i < n; i++) {
		if (cpus[i] >= CPU_SETSIZE || !CPU_ISSET(cpus[i], &may)) {
			snprintf(err, len, "--cpus: CPU %d is not one this process may run on "
				 "(online and in its affinity)", cpus[i]);
			return -1;
		}
		if (CPU_ISSET(cpus[i], &seen)) {
			snprintf(err, len, "--cpus: CPU %d twice: each thread needs a CPU of "
				 "its own", cpus[i]);
			return -1;
		}
		CPU_SET(cpus[i], &seen);
	}
	return 0;
}

static int given(const struct cmb_parsed *pa, const char *name)
{
	return !!(pa->given & (1ULL << cmb_opts_index(cmb_run_opts, name)));
}

/* --batch: auto (0), or a count the op can take. */
static int parse_batch(struct run_plan *pl, char *err, size_t len)
{
	const char *t = pl->a.batch_text;
	char *end;
	unsigned long k;

	pl->a.batch = 0;
	if (!strcmp(t, "auto"))
		return 0;
	k = strtoul(t, &end, 10);
	if (*end || !k || k > CMBENCH_MAX_BATCH) {
		snprintf(err, len, "--batch: '%s' is not auto or a count from 1 to %u", t,
			 CMBENCH_MAX_BATCH);
		return -1;
	}
	if (k > 1 && !(pl->oi->flags & CMBENCH_OPF_BATCH)) {
		snprintf(err, len, "--batch: operation %s sets up every iteration, so it "
			 "cannot batch", pl->oi->name);
		return -1;
	}
	pl->a.batch = (unsigned int)k;
	return 0;
}

/* Every option the user gave applies to the op. */
static int check_applies(const struct run_plan *pl, const struct cmb_parsed *pa,
			 char *err, size_t len)
{
	unsigned int i;

	for (i = 0; cmb_run_opts[i].name; i++) {
		if ((pa->given & (1ULL << i)) && cmb_run_opts[i].applies &&
		    !(pl->oi->flags & cmb_run_opts[i].applies)) {
			snprintf(err, len, "--%s: operation %s does not take it",
				 cmb_run_opts[i].name, pl->oi->name);
			return -1;
		}
	}
	return 0;
}

int cmb_plan_make(struct run_plan *pl, const struct cmb_parsed *pa,
		  const struct cmb_dev *d, char *err, size_t len)
{
	struct run_args *a = &pl->a;

	if (pa->npos != 1) {
		snprintf(err, len, "give exactly one operation name");
		return CMB_EXIT_USAGE;
	}
	pl->op = cmb_dev_find_op(d, pa->pos[0]);
	if (pl->op < 0) {
		snprintf(err, len, "unknown operation '%s' (cmbench list shows the module's)",
			 pa->pos[0]);
		return CMB_EXIT_USAGE;
	}
	pl->oi = &d->ops[pl->op];
	if (!(pl->oi->flags & CMBENCH_OPF_SUPPORTED)) {
		snprintf(err, len, "%s: skipped: %s", pl->oi->name, pl->oi->why_unsupported);
		return CMB_EXIT_SKIP;
	}
	if (parse_batch(pl, err, len) || check_applies(pl, pa, err, len) ||
	    cmb_events_parse(a->events, &pl->events, err, len) ||
	    cmb_topo_read(&pl->topo, &d->info, a->cache, err, len))
		return CMB_EXIT_USAGE;
	if (a->sizes.automatic &&
	    !cmb_topo_auto_sizes(&pl->topo, CMBENCH_MAX_SIZE, &a->sizes)) {
		snprintf(err, len, "--sizes auto: no cache sizes known; give them with "
			 "--cache L1d=32K,L2=1M");
		return CMB_EXIT_USAGE;
	}
	if (a->spread + a->compact + !!a->cpus > 1) {
		snprintf(err, len, "--cpus, --spread and --compact each choose the CPUs: "
			 "give one");
		return CMB_EXIT_USAGE;
	}
	pl->ncpus = pick_cpus(a, pl->cpus, CMB_MAX_THREADS, &pl->placement);
	if (pl->ncpus < 1) {
		snprintf(err, len, "--cpus: not a CPU list like 0,2-3");
		return CMB_EXIT_USAGE;
	}
	if (a->cpus && check_cpus(pl->cpus, pl->ncpus, err, len))
		return CMB_EXIT_USAGE;
	pl->nthreads = cmb_parse_threads(a->threads, pl->threads, CMB_MAX_THREAD_COUNTS,
					 pl->ncpus);
	if (pl->nthreads < 1) {
		snprintf(err, len, "--threads: '%s' is not a list of counts from 1 to %d "
			 "(the CPUs to pin to) or 'all'", a->threads, pl->ncpus);
		return CMB_EXIT_USAGE;
	}
	/* The sweep runs along sizes for buffer ops, pages for pool/mapping ops. */
	if (pl->oi->flags & CMBENCH_OPF_BUFFER)
		pl->axis = &a->sizes;
	else if (pl->oi->flags & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT))
		pl->axis = &a->pages;
	pl->given_out = given(pa, "output");
	pl->given_label = given(pa, "label");
	return 0;
}

unsigned int cmb_plan_points(const struct run_plan *pl)
{
	return (pl->axis ? pl->axis->n : 1) * (unsigned int)pl->nthreads;
}

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
	cmb_plan_request(pl, x, &req);
	describe_point(p, pl->oi, &req.in);
	p->threads = threads;
	snprintf(p->placement, sizeof(p->placement), "%s", pl->placement);
}
