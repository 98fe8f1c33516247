/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measuring engine below "run" and "sweep": a plan's points measured
 * one by one, each on a team of pinned threads, run after run until its
 * stopping rule is met, every finished point appended to the result file
 * and handed to the caller (run prints it as a table row). Ctrl-C (SIGINT, SIGTERM) ends it cleanly:
 * the point in flight is dropped, every finished one is already on disk.
 */
#ifndef CMB_MEASURE_H
#define CMB_MEASURE_H

#include <stdio.h>

#include "run/device.h"
#include "run/plan.h"

struct cmb_point;

/* What the caller does around each point; either may be NULL. */
struct cmb_measure_hooks {
	/* before point i of pl is measured */
	void (*before)(const struct run_plan *pl, unsigned int i, void *arg);
	/* after point p is safely in the result file */
	void (*after)(const struct cmb_point *p, void *arg);
	void *arg;
};

/*
 * Measures points [from, count) of the plan, appending each to out (path
 * names it in messages). CMB_EXIT_OK, CMB_EXIT_FAIL after saying why, or
 * CMB_EXIT_INTERRUPTED; *done counts the points written.
 */
int cmb_measure_plan(struct run_plan *pl, struct cmb_dev *d, FILE *out, const char *path,
		     unsigned int from, unsigned int *done, const struct cmb_measure_hooks *h);

#endif
