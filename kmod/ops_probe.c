// SPDX-License-Identifier: GPL-2.0
/*
 * Characterization probes from the mailing-list threads: findings counted
 * over req->iters trials, not timings (the time of a trial is reported,
 * but it is the counters that answer the question).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cmbench.h"

struct probe_state {
	struct page **pool;
};

static int probe_prepare(struct cmbench_ctx *ctx, bool highmem)
{
	struct probe_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->pool = cmbench_alloc_pool(1, highmem);
	if (!st->pool) {
		kfree(st);
		return -ENOMEM;
	}
	ctx->priv = st;
	return 0;
}

static void probe_teardown(struct cmbench_ctx *ctx)
{
	struct probe_state *st = ctx->priv;

	cmbench_free_pool(st->pool, 1);
	kfree(st);
}

/*
 * Alias probe (Russell King on vm_map_ram, 2011): write a word through the
 * kernel direct map, read it through a fresh vm_map_ram() alias, once
 * without and once with cleaning the direct map's line first. An aliasing
 * (VIVT/VIPT) D-cache can return stale memory in the first case; a
 * PIPT-like cache never does, and nothing may be stale in the second.
 */
#define A_TRIALS		0
#define A_STALE_UNFLUSHED	1
#define A_STALE_FLUSHED		2

static int alias_prepare(struct cmbench_ctx *ctx)
{
	return probe_prepare(ctx, false);
}

static bool alias_reads(struct page **page, u32 want)
{
	u32 *alias = vm_map_ram(page, 1, NUMA_NO_NODE);
	u32 got;

	if (!alias)
		return false;
	got = READ_ONCE(*alias);
	vm_unmap_ram(alias, 1);
	return got == want;
}

static void alias_run(struct cmbench_ctx *ctx)
{
	struct probe_state *st = ctx->priv;
	u32 *direct = page_address(st->pool[0]);
	u32 tag = cmbench_tag(1, ctx->iter);

	ctx->counters[A_TRIALS]++;
	WRITE_ONCE(*direct, tag);
	if (!alias_reads(st->pool, tag))
		ctx->counters[A_STALE_UNFLUSHED]++;

	WRITE_ONCE(*direct, ~tag);
	cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, direct, sizeof(*direct));
	if (!alias_reads(st->pool, ~tag))
		ctx->counters[A_STALE_FLUSHED]++;
}

static const char *alias_impl(void)
{
	return "direct-map store, vm_map_ram alias load, without and with clean+inval";
}

const struct cmbench_operation cmbench_op_probe_alias = {
	.name = "alias_probe",
	.flags = CMBENCH_OPF_PROBE,
	.counter = { "trials", "stale_unflushed", "stale_flushed" },
	.impl = alias_impl,
	.prepare = alias_prepare,
	.run = alias_run,
	.teardown = probe_teardown,
};

/*
 * Stray mapping probe (Laura Abbott, 2013): after kunmap_local() or
 * kunmap_atomic(), is the old virtual address still mapped? A mapping
 * left behind lets the CPU speculate into memory that may since have been
 * handed to a secure world. Read back without faulting to find out.
 */
#define S_TRIALS		0
#define S_LOCAL_MAPPED		1
#define S_ATOMIC_MAPPED		2
#define S_SAME_PAGE		3

static int stray_prepare(struct cmbench_ctx *ctx)
{
	return probe_prepare(ctx, true);
}

/* Was addr still mapped after its unmap, and to the same page? */
static void stray_check(struct cmbench_ctx *ctx, void *addr, u32 tag, int which)
{
	u32 v;

	if (copy_from_kernel_nofault(&v, addr, sizeof(v)))
		return;
	ctx->counters[which]++;
	if (v == tag)
		ctx->counters[S_SAME_PAGE]++;
}

static void stray_run(struct cmbench_ctx *ctx)
{
	struct probe_state *st = ctx->priv;
	u32 tag = cmbench_tag(2, ctx->iter);
	u32 *p;

	ctx->counters[S_TRIALS]++;
	p = kmap_local_page(st->pool[0]);
	WRITE_ONCE(*p, tag);
	kunmap_local(p);
	stray_check(ctx, p, tag, S_LOCAL_MAPPED);

	p = kmap_atomic(st->pool[0]);
	WRITE_ONCE(*p, ~tag);
	kunmap_atomic(p);
	stray_check(ctx, p, ~tag, S_ATOMIC_MAPPED);
}

static const char *stray_impl(void)
{
	return "kmap_local_page/kmap_atomic, unmap, copy_from_kernel_nofault";
}

const struct cmbench_operation cmbench_op_probe_stray = {
	.name = "stray_probe",
	.flags = CMBENCH_OPF_PROBE,
	.counter = { "trials", "local_still_mapped", "atomic_still_mapped",
		     "same_page" },
	.why_unsupported = cmbench_no_highmem,
	.impl = stray_impl,
	.prepare = stray_prepare,
	.run = stray_run,
	.teardown = probe_teardown,
};
