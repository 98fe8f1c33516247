/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A run's plan: the arguments of "cmbench run" (and of each line of a
 * sweep), parsed once with cmb_run_opts, then checked against the module's
 * operations and this machine, and laid out as points: the axis (sizes or
 * pages) times the thread counts.
 */
#ifndef CMB_PLAN_H
#define CMB_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "run/device.h"
#include "util/options.h"
#include "run/pmu.h"
#include "result/result.h"
#include "run/topo.h"

#define CMB_MAX_THREAD_COUNTS	16

/* What "cmbench run" (and each line of a sweep) takes. */
struct run_args {
	struct cmb_sizes sizes;
	uint64_t offset;
	unsigned int state;
	struct cmb_sizes pages;
	unsigned int dir;
	uint64_t highmem;
	unsigned int fmt;
	uint64_t pgsize;
	uint64_t coherent_walk;
	uint64_t iters;
	uint64_t repeat;
	uint64_t warmup;
	double precision;	/* percent */
	double budget;		/* seconds per point */
	const char *batch_text;	/* "auto" or iterations per sample */
	unsigned int batch;	/* from batch_text; 0: auto */
	unsigned int clock;	/* enum cmbench_clock */
	const char *threads;
	const char *cpus;
	unsigned int spread, compact;	/* placement when --cpus is not given */
	const char *events;
	const char *cache;
	const char *out;
	const char *label;
	unsigned int wide;	/* the table on stdout: one line a point */
};

/* The uapi's names of --state, --dir and --fmt, by value. */
extern const char *const cmb_state_names[], *const cmb_dir_names[], *const cmb_fmt_names[];

/* The options table of "cmbench run"; .applies holds CMBENCH_OPF_* bits. */
extern const struct cmb_option cmb_run_opts[];

/* One run, parsed and checked against the module: its points and how. */
struct run_plan {
	struct run_args a;
	const struct cmbench_op_info *oi;	/* in the device's catalog */
	int op;
	const struct cmb_sizes *axis;	/* sizes or pages, or NULL: one point */
	unsigned int threads[CMB_MAX_THREAD_COUNTS];
	int nthreads;
	int cpus[CMB_MAX_THREADS];
	int ncpus;
	const char *placement;		/* "compact", "spread", or "cpus": --cpus order */
	struct cmb_event_spec events;
	struct cmb_topo topo;		/* what --sizes auto was placed around */
	int given_out, given_label;
	/* what the measuring engine needs to know of the system */
	uint64_t timer_hz;
	unsigned int host_cpus;		/* an emulator's host; 0 not emulated or unknown */
	int icount;			/* under QEMU's icount: vCPUs run in turn */
};

/*
 * Checks the arguments in pl->a (parsed with cmb_run_opts; pa says which
 * were given and holds the op name) against the device's operations and
 * this machine. 0; or CMB_EXIT_USAGE with the bad option named in err, or
 * CMB_EXIT_SKIP with why the op cannot run here in err.
 */
int cmb_plan_make(struct run_plan *pl, const struct cmb_parsed *pa,
		  const struct cmb_dev *d, char *err, size_t len);
unsigned int cmb_plan_points(const struct run_plan *pl);
/* Point i of the plan: its axis value and thread count. */
void cmb_plan_point(const struct run_plan *pl, unsigned int i, uint64_t *x,
		    unsigned int *threads);
/* The request for one run of point i's op at axis value x. */
void cmb_plan_request(const struct run_plan *pl, uint64_t x, struct cmbench_run *req);
/* Point i as its result record will name it, before it is measured. */
void cmb_plan_describe(const struct run_plan *pl, unsigned int i, struct cmb_point *p);

/* "1,2,all" into thread counts, each 1..ncpus; how many, or -1. */
int cmb_parse_threads(const char *s, unsigned int *v, int max, int ncpus);

#endif
