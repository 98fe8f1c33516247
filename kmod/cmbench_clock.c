// SPDX-License-Identifier: GPL-2.0
/*
 * CPU cycles or instructions beside the architected counter, for --clock
 * cycles and --clock instructions: a kernel perf event on the timed
 * thread, read around every timed sample. Under QEMU's icount the
 * instructions are the guest's own and exact (its virtual time is derived
 * from them), so a figure in instructions does not move between boots.
 *
 * 6.1 exports perf_event_read_value() but not perf_event_read_local(). The
 * first takes the context's lock and, on a debug kernel, costs about
 * 29,000 instructions a read that vary from read to read (lockdep): more
 * than a vm_map_ram(). The second only reads the local PMU with IRQs off,
 * so it is found at load, as kmap_high_get() is, and used where it is
 * there. Either way a read's own cost is measured once (the smallest of a
 * few back-to-back read pairs) and reported beside the count, for user
 * space to subtract.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/perf_event.h>
#include <linux/sched.h>

#include "cmbench.h"

static int (*read_local)(struct perf_event *event, u64 *value, u64 *enabled, u64 *running);

void cmbench_clock_init(void)
{
	read_local = cmbench_lookup_symbol("perf_event_read_local");
}

u64 cmbench_clock_read(struct cmbench_clock_event *c)
{
	u64 enabled, running, value;

	if (read_local && !read_local(c->ev, &value, NULL, NULL))
		return value;
	return perf_event_read_value(c->ev, &enabled, &running);
}

/* Never fails the run: without the event, c->err says why and c->ev is NULL. */
void cmbench_clock_open(struct cmbench_clock_event *c, u32 clock)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_HARDWARE,
		.config = clock == CMBENCH_CLOCK_INSTRUCTIONS ? PERF_COUNT_HW_INSTRUCTIONS :
			  PERF_COUNT_HW_CPU_CYCLES,
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
		a = cmbench_clock_read(c);
		b = cmbench_clock_read(c);
		best = min(best, b - a);
	}
	c->overhead = best;
}

/* A pinned event that could not be scheduled counted nothing: say so. */
void cmbench_clock_close(struct cmbench_clock_event *c)
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
