/* SPDX-License-Identifier: GPL-2.0 */
/* cmbench's subcommands; each takes the arguments after its name. */
#ifndef CMB_CMD_H
#define CMB_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "device.h"
#include "options.h"
#include "pmu.h"
#include "result.h"
#include "topo.h"

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
	const char *threads;
	const char *cpus;
	unsigned int spread, compact;	/* placement when --cpus is not given */
	const char *events;
	const char *cache;
	const char *out;
	const char *label;
};

/* One run, parsed and checked against the module: its points and how. */
struct run_plan {
	struct run_args a;
	struct cmbench_op_info oi;
	int op;
	const struct cmb_sizes *axis;	/* sizes or pages, or NULL: one point */
	unsigned int threads[16];
	int nthreads;
	int cpus[CMB_MAX_THREADS];
	int ncpus;
	const char *placement;		/* "compact", "spread", or "cpus": --cpus order */
	struct cmb_event_spec events;
	struct cmb_topo topo;		/* what --sizes auto was placed around */
	int given_out, given_label;
};

int cmb_plan_make(struct run_plan *pl, struct cmb_dev *d, const char *sub,
		  int argc, char **argv);
unsigned int cmb_plan_points(const struct run_plan *pl);
void cmb_plan_point(const struct run_plan *pl, unsigned int i, uint64_t *x,
		    unsigned int *threads);
/* Point i as its result record will name it, before it is measured. */
void cmb_plan_describe(const struct run_plan *pl, unsigned int i, struct cmb_point *p);
int cmb_plan_execute(struct run_plan *pl, struct cmb_dev *d, FILE *out,
		     const char *path, unsigned int from, unsigned int *done,
		     void (*progress)(const struct run_plan *pl, unsigned int i));

int cmd_info(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv, int full_argc, char **full_argv);
int cmd_export(int argc, char **argv);
int cmd_sweep(int argc, char **argv, int full_argc, char **full_argv);
int cmd_topo(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Prints "cmbench SUB: msg" and SUB's options; returns exit status 2. */
int cmd_usage_error(const char *sub, const struct cmb_option *tbl, const char *msg);
/*
 * Parses SUB's options into args. Returns 0 to go on; otherwise the caller
 * returns *status at once (0 after --help, 2 after a usage error).
 */
int cmd_parse(const char *sub, const struct cmb_option *tbl, void *args,
	      int argc, char **argv, struct cmb_parsed *pa, int *status);

#endif
