// SPDX-License-Identifier: GPL-2.0
/*
 * CPU cycles beside the architected counter, for --clock cycles: a kernel
 * perf event on the timed thread, read around every timed sample. 6.1
 * exports perf_event_read_value() but not perf_event_read_local(), so a
 * read is a function call with locks rather than one register read: its
 * own cost is measured once (the smallest of a few back-to-back read
 * pairs) and reported beside the count, for user space to subtract.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/perf_event.h>
#include <linux/sched.h>

#include "cmbench.h"

u64 cmbench_cycles_read(struct cmbench_cycles *c)
{
	u64 enabled, running;

	return perf_event_read_value(c->ev, &enabled, &running);
}

/* Never fails the run: without cycles, c->err says why and c->ev is NULL. */
void cmbench_cycles_open(struct cmbench_cycles *c)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_HARDWARE,
		.config = PERF_COUNT_HW_CPU_CYCLES,
		.size = sizeof(attr),
		.pinned = 1,		/* never multiplexed away */
		.exclude_hv = 1,
	};
	u64 a, b, best = U64_MAX;
	int i;

	c->err = 0;
	c->overhead = 0;
	c->ev = perf_event_create_kernel_counter(&attr, -1, current, NULL, NULL);
	if (IS_ERR(c->ev)) {
		c->err = PTR_ERR(c->ev);
		c->ev = NULL;
		return;
	}
	for (i = 0; i < 8; i++) {
		a = cmbench_cycles_read(c);
		b = cmbench_cycles_read(c);
		best = min(best, b - a);
	}
	c->overhead = best;
}

/* A pinned event that could not be scheduled counted nothing: say so. */
void cmbench_cycles_close(struct cmbench_cycles *c)
{
	u64 enabled, running;

	if (!c->ev)
		return;
	perf_event_read_value(c->ev, &enabled, &running);
	if (running < enabled)
		c->err = -EBUSY;
	perf_event_release_kernel(c->ev);
	c->ev = NULL;
}
