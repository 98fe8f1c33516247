// SPDX-License-Identifier: GPL-2.0
/*
 * Characterization probes from the mailing-list threads: findings counted
 * over req->iters trials, not timings (the time of a trial is reported,
 * but it is the counters that answer the question).
 */
#include <linux/atomic.h>
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
enum alias_counter {
	ALIASTRAY_TRIALS,
	ALIAS_STALE_UNFLUSHED,
	ALIAS_STALE_FLUSHED,
};

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

	ctx->counters[ALIASTRAY_TRIALS]++;
	WRITE_ONCE(*direct, tag);
	if (!alias_reads(st->pool, tag))
		ctx->counters[ALIAS_STALE_UNFLUSHED]++;

	WRITE_ONCE(*direct, ~tag);
	cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, direct, sizeof(*direct));
	if (!alias_reads(st->pool, ~tag))
		ctx->counters[ALIAS_STALE_FLUSHED]++;
}

static const struct cmbench_operation alias_probe_op = {
	.op = CMBENCH_OP_ALIAS_PROBE,
	.name = "alias_probe",
	.doc = "finding: a store via the direct map, read through a fresh vm_map_ram() alias",
	.exercise = "",
	.flags = CMBENCH_OPF_PROBE,
	.impl = "direct-map store, vm_map_ram alias load, without and with clean+inval",
	.counter = {
		[ALIASTRAY_TRIALS] = "trials",
		[ALIAS_STALE_UNFLUSHED] = "stale_unflushed",
		[ALIAS_STALE_FLUSHED] = "stale_flushed",
	},
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
enum stray_counter {
	STRAY_TRIALS,
	STRAY_LOCAL_MAPPED,
	STRAY_ATOMIC_MAPPED,
	STRAY_SAME_PAGE,
};

static int stray_prepare(struct cmbench_ctx *ctx)
{
	return probe_prepare(ctx, true);
}

/* Was addr still mapped after its unmap, and to the same page? */
static void stray_check(struct cmbench_ctx *ctx, void *addr, u32 tag,
			enum stray_counter which)
{
	u32 v;

	if (copy_from_kernel_nofault(&v, addr, sizeof(v)))
		return;
	ctx->counters[which]++;
	if (v == tag)
		ctx->counters[STRAY_SAME_PAGE]++;
}

static void stray_run(struct cmbench_ctx *ctx)
{
	struct probe_state *st = ctx->priv;
	u32 tag = cmbench_tag(2, ctx->iter);
	u32 *p;

	ctx->counters[STRAY_TRIALS]++;
	p = kmap_local_page(st->pool[0]);
	WRITE_ONCE(*p, tag);
	kunmap_local(p);
	stray_check(ctx, p, tag, STRAY_LOCAL_MAPPED);

	p = kmap_atomic(st->pool[0]);
	WRITE_ONCE(*p, ~tag);
	kunmap_atomic(p);
	stray_check(ctx, p, ~tag, STRAY_ATOMIC_MAPPED);
}

static const struct cmbench_operation stray_probe_op = {
	.op = CMBENCH_OP_STRAY_PROBE,
	.name = "stray_probe",
	.doc = "finding: is the address still mapped after kunmap_local() or kunmap_atomic()?",
	.exercise = "",
	.flags = CMBENCH_OPF_PROBE,
	.impl = "kmap_local_page/kmap_atomic, unmap, copy_from_kernel_nofault",
	.counter = {
		[STRAY_TRIALS] = "trials",
		[STRAY_LOCAL_MAPPED] = "local_still_mapped",
		[STRAY_ATOMIC_MAPPED] = "atomic_still_mapped",
		[STRAY_SAME_PAGE] = "same_page",
	},
	.why_unsupported = cmbench_no_highmem,
	.prepare = stray_prepare,
	.run = stray_run,
	.teardown = probe_teardown,
};

/*
 * Pin probe (Nicolas Pitre, 2009): the race kmap_high_get() exists for. A
 * page's pkmap mapping is pinned with kmap_high_get(), written and flushed
 * by VA as dma_map_page() does, while every other CPU kmaps enough pages
 * to wrap the pkmap area and recycle unpinned entries. A correct kernel
 * never unmaps the pinned address early and never loses the data; pins
 * that found the mapping already recycled show the churn is real.
 */
enum pin_counter {
	PIN_NOT_PINNED,
	PIN_PREMATURE,
	PIN_CORRUPT,
	PIN_WORKER_KMAPS,
};

struct pin_state {
	struct page **pool;		/* what the workers churn */
	unsigned int n;
	struct page *victim;
	atomic_t next;
	struct cmbench_workers workers;
};

static void pin_worker(struct cmbench_ctx *ctx, unsigned int index)
{
	struct pin_state *st = ctx->priv;
	unsigned int i = (unsigned int)atomic_inc_return(&st->next) % st->n;
	u32 *p = kmap(st->pool[i]);

	WRITE_ONCE(p[1], index);
	kunmap(st->pool[i]);
}

static int pin_prepare(struct cmbench_ctx *ctx)
{
	struct pin_state *st = kzalloc(sizeof(*st), GFP_KERNEL);
	int ret;

	if (!st)
		return -ENOMEM;
	/* A quarter more than the pkmap area holds: kmap() must recycle. */
	st->n = cmbench_pkmap_entries() + cmbench_pkmap_entries() / 4;
	st->pool = cmbench_alloc_pool(st->n, true);
	st->victim = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	if (!st->pool || !st->victim || !PageHighMem(st->victim)) {
		ret = -ENOMEM;
		goto err;
	}
	ctx->priv = st;
	ret = cmbench_workers_start(&st->workers, ctx, pin_worker);
	if (ret)
		goto err;
	return 0;
err:
	if (st->victim)
		__free_page(st->victim);
	cmbench_free_pool(st->pool, st->n);
	kfree(st);
	ctx->priv = NULL;
	return ret;
}

static void pin_teardown(struct cmbench_ctx *ctx)
{
	struct pin_state *st = ctx->priv;

	cmbench_workers_stop(&st->workers);
	ctx->counters[PIN_WORKER_KMAPS] = atomic64_read(&st->workers.calls);
	__free_page(st->victim);
	cmbench_free_pool(st->pool, st->n);
	kfree(st);
}

static void pin_run(struct cmbench_ctx *ctx)
{
	struct pin_state *st = ctx->priv;
	u32 tag = cmbench_tag(3, ctx->iter), *p, *check;
	unsigned int i, bad = 0;

	/* Leave an unpinned mapping behind (count 1), as kunmap() does. */
	p = kmap(st->victim);
	kunmap(st->victim);

	p = cmbench_kmap_high_get(st->victim);
	if (!p) {
		ctx->counters[PIN_NOT_PINNED]++;
		return;
	}
	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		WRITE_ONCE(p[i], tag ^ i);
	cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, p, PAGE_SIZE);
	/* The workers keep wrapping pkmap; the pin must hold through it. */
	for (i = 0; i < 64; i++) {
		if (page_address(st->victim) != p)
			bad = 1;
		cpu_relax();
	}
	if (bad)
		ctx->counters[PIN_PREMATURE]++;
	cmbench_kunmap_high(st->victim);

	check = kmap_local_page(st->victim);
	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		if (READ_ONCE(check[i]) != (tag ^ i))
			break;
	kunmap_local(check);
	if (i != PAGE_SIZE / sizeof(u32))
		ctx->counters[PIN_CORRUPT]++;
}

static const struct cmbench_operation pin_probe_op = {
	.op = CMBENCH_OP_PIN_PROBE,
	.name = "pin_probe",
	.doc = "finding: does a kmap_high_get() pin hold while other CPUs churn the pkmap area?",
	.exercise = "",
	.flags = CMBENCH_OPF_PROBE,
	.impl = "kmap_high_get pin + write + flush by VA while other CPUs wrap pkmap",
	.counter = {
		[PIN_NOT_PINNED] = "not_pinned",
		[PIN_PREMATURE] = "premature_unmap",
		[PIN_CORRUPT] = "corrupt",
		[PIN_WORKER_KMAPS] = "worker_kmaps",
	},
	.why_unsupported = cmbench_high_get_why,
	.prepare = pin_prepare,
	.run = pin_run,
	.teardown = pin_teardown,
};

const struct cmbench_operation *const cmbench_probe_ops[] = {
	&alias_probe_op, &stray_probe_op, &pin_probe_op,
	NULL
};
