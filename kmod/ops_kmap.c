// SPDX-License-Identifier: GPL-2.0
/*
 * The kmap family on highmem pages. Each op cycles through a pool of
 * req->pages highmem pages; a pool larger than LAST_PKMAP forces pkmap
 * wrap-around and flush_all_zero_pkmaps() in kmap(). Every timed iteration
 * includes one load through the new mapping, and the tag it reads is
 * checked afterwards: the counters say how many mappings pointed at the
 * right page.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "cmbench.h"

#ifndef LAST_PKMAP
#define LAST_PKMAP	0	/* no highmem: these ops never get to run */
#endif

static void (*flush_unused_fn)(void);
void *(*cmbench_kmap_high_get)(struct page *page);

void cmbench_kmap_init(void)
{
	if (!IS_ENABLED(CONFIG_HIGHMEM))
		return;
	/* kmap_flush_unused() is an inline wrapper of this one. */
	flush_unused_fn = cmbench_lookup_symbol("__kmap_flush_unused");
#ifdef ARCH_NEEDS_KMAP_HIGH_GET
	cmbench_kmap_high_get = cmbench_lookup_symbol("kmap_high_get");
#endif
}

unsigned int cmbench_pkmap_entries(void)
{
	return LAST_PKMAP;
}

const char *cmbench_no_highmem(const struct cmbench_operation *op)
{
	if (!IS_ENABLED(CONFIG_HIGHMEM))
		return "no highmem: CONFIG_HIGHMEM not set, all RAM is direct-mapped";
	if (!totalhigh_pages())
		return "no highmem: no memory above the lowmem limit on this system";
	return NULL;
}

static void kmap_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	struct page *page = pool->pages[pool->slot];
	u32 *p = kmap(page);

	pool->seen = READ_ONCE(*p);
	kunmap(page);
}

static void kmap_local_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	u32 *p = kmap_local_page(pool->pages[pool->slot]);

	pool->seen = READ_ONCE(*p);
	kunmap_local(p);
}

static void kmap_atomic_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	u32 *p = kmap_atomic(pool->pages[pool->slot]);

	pool->seen = READ_ONCE(*p);
	kunmap_atomic(p);
}

static const struct cmbench_operation kmap_op = {
	.op = CMBENCH_OP_KMAP,
	.name = "kmap",
	.doc = "kmap() + load + kunmap() of pool page i mod N; N > LAST_PKMAP wraps the pkmap area",
	.exercise = "--pages 4,600",
	.flags = CMBENCH_OPF_PAGES,
	.impl = "kmap + load + kunmap (kmap_high under kmap_lock)",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
	},
	.why_unsupported = cmbench_no_highmem,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = cmbench_pool_iter_setup,
	.run = kmap_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

static const struct cmbench_operation kmap_local_op = {
	.op = CMBENCH_OP_KMAP_LOCAL,
	.name = "kmap_local",
	.doc = "kmap_local_page() + load + kunmap_local() of pool page i mod N",
	.exercise = "--pages 4",
	.flags = CMBENCH_OPF_PAGES,
	.impl = "kmap_local_page + load + kunmap_local",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
	},
	.why_unsupported = cmbench_no_highmem,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = cmbench_pool_iter_setup,
	.run = kmap_local_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

static const struct cmbench_operation kmap_atomic_op = {
	.op = CMBENCH_OP_KMAP_ATOMIC,
	.name = "kmap_atomic",
	.doc = "kmap_atomic() + load + kunmap_atomic() of pool page i mod N",
	.exercise = "--pages 4",
	.flags = CMBENCH_OPF_PAGES,
	.impl = "kmap_atomic + load + kunmap_atomic",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
	},
	.why_unsupported = cmbench_no_highmem,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = cmbench_pool_iter_setup,
	.run = kmap_atomic_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

/*
 * kmap_high_get() pins a page's existing pkmap mapping, or returns NULL.
 * prepare checks both answers before anything is timed, then keeps every
 * pool page kmapped so the timed gets find their mapping.
 */
enum high_get_counter {
	HIGH_GET_MATCHES = CMBENCH_POOL_NR,
	HIGH_GET_NULL,
};

/*
 * kunmap_high() exists only with highmem. Where there is none, the ops that
 * call it never run (cmbench_no_highmem() says so), but they still build.
 */
void cmbench_kunmap_high(struct page *page)
{
#ifdef CONFIG_HIGHMEM
	kunmap_high(page);
#endif
}

const char *cmbench_high_get_why(const struct cmbench_operation *op)
{
	const char *why = cmbench_no_highmem(op);

	if (why)
		return why;
#ifdef ARCH_NEEDS_KMAP_HIGH_GET
	if (!cmbench_kmap_high_get)
		return "kmap_high_get is not exported and a kprobe lookup failed";
	return NULL;
#else
	if (IS_ENABLED(CONFIG_ARM_ERRATA_798181))
		return "not built: ARM_ERRATA_798181 set, ARCH_NEEDS_KMAP_HIGH_GET undefined";
	return "not built: ARCH_NEEDS_KMAP_HIGH_GET undefined on this architecture";
#endif
}

/*
 * A highmem page with no pkmap mapping, or NULL if none turned up. Freed
 * pages keep their pkmap entry until it is flushed, so flush first.
 */
static struct page *unmapped_highmem_page(void)
{
	struct page *tries[32], *found = NULL;
	int i, n;

	if (flush_unused_fn)
		flush_unused_fn();
	for (n = 0; n < ARRAY_SIZE(tries) && !found; n++) {
		tries[n] = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		if (!tries[n])
			break;
		if (PageHighMem(tries[n]) && !page_address(tries[n]))
			found = tries[n];
	}
	for (i = 0; i < n; i++)
		if (tries[i] && tries[i] != found)
			__free_page(tries[i]);
	return found;
}

/*
 * pkmap entries that kmap_high_get runs hold for their whole run, over all
 * of them at once. Every kmap() user on the system shares LAST_PKMAP
 * entries and sleeps when none is free, so concurrent runs together keep
 * at most half of them; a run that would pass that fails with -EBUSY.
 */
static atomic_t high_get_held = ATOMIC_INIT(0);

static int high_get_reserve(unsigned int n)
{
	if (atomic_add_return(n, &high_get_held) > LAST_PKMAP / 2) {
		atomic_sub(n, &high_get_held);
		return -EBUSY;
	}
	return 0;
}

static int high_get_prepare(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool;
	struct page *unmapped;
	unsigned int i;
	void *addr, *got;
	int ret = high_get_reserve(ctx->req->pages);

	if (ret)
		return ret;
	ret = cmbench_pool_prepare_high(ctx);
	if (ret) {
		atomic_sub(ctx->req->pages, &high_get_held);
		return ret;
	}
	pool = ctx->priv;
	for (i = 0; i < pool->n; i++)
		kmap(pool->pages[i]);

	addr = page_address(pool->pages[0]);
	got = cmbench_kmap_high_get(pool->pages[0]);
	if (got)
		cmbench_kunmap_high(pool->pages[0]);
	ctx->counters[HIGH_GET_MATCHES] = got && got == addr;

	unmapped = unmapped_highmem_page();
	if (unmapped) {
		got = cmbench_kmap_high_get(unmapped);
		if (got)
			cmbench_kunmap_high(unmapped);
		ctx->counters[HIGH_GET_NULL] = !got;
		__free_page(unmapped);
	}
	return 0;
}

static void high_get_teardown(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	unsigned int i;

	for (i = 0; i < pool->n; i++)
		kunmap(pool->pages[i]);
	atomic_sub(pool->n, &high_get_held);
	cmbench_pool_teardown(ctx);
}

/* A NULL (no mapping) leaves seen != tag: counted as a mismatch. */
static void high_get_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	struct page *page = pool->pages[pool->slot];
	u32 *p = cmbench_kmap_high_get(page);

	if (!p)
		return;
	pool->seen = READ_ONCE(*p);
	cmbench_kunmap_high(page);
}

/*
 * Every pool page stays kmapped: one run alone may hold half of the pkmap
 * area (-EINVAL above that); runs at once share that half (-EBUSY).
 */
static int high_get_validate(const struct cmbench_run_in *req)
{
	return req->pages > LAST_PKMAP / 2 ? -EINVAL : 0;
}

static const struct cmbench_operation kmap_high_get_op = {
	.op = CMBENCH_OP_KMAP_HIGH_GET,
	.name = "kmap_high_get",
	.doc = "kmap_high_get() + load + kunmap_high() of a kmapped pool page, its answers checked",
	.exercise = "--pages 4 --repeat 2",
	.flags = CMBENCH_OPF_PAGES,
	.impl = "kmap_high_get (found by kprobe lookup) + load + kunmap_high",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
		[HIGH_GET_MATCHES] = "get_matches_kmap",
		[HIGH_GET_NULL] = "get_null_unmapped",
	},
	.why_unsupported = cmbench_high_get_why,
	.validate = high_get_validate,
	.prepare = high_get_prepare,
	.iter_setup = cmbench_pool_iter_setup,
	.run = high_get_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = high_get_teardown,
};

/*
 * kmap_flush_unused(): tears down every pkmap entry nobody holds. Each
 * iteration first kmaps and kunmaps the pool, leaving req->pages entries
 * for it to flush.
 */
static void flush_unused_setup(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	unsigned int i;

	for (i = 0; i < pool->n; i++) {
		kmap(pool->pages[i]);
		kunmap(pool->pages[i]);
	}
}

static void flush_unused_run(struct cmbench_ctx *ctx)
{
	flush_unused_fn();
}

static const char *flush_unused_why(const struct cmbench_operation *op)
{
	const char *why = cmbench_no_highmem(op);

	if (why)
		return why;
	if (!flush_unused_fn)
		return "__kmap_flush_unused is not exported and a kprobe lookup failed";
	return NULL;
}

static int flush_unused_validate(const struct cmbench_run_in *req)
{
	return req->pages > LAST_PKMAP ? -EINVAL : 0;
}

static const struct cmbench_operation kmap_flush_unused_op = {
	.op = CMBENCH_OP_KMAP_FLUSH_UNUSED,
	.name = "kmap_flush_unused",
	.doc = "kmap_flush_unused() after N pages were kmapped and kunmapped",
	.exercise = "--pages 16",
	.flags = CMBENCH_OPF_PAGES,
	.impl = "kmap_flush_unused: __kmap_flush_unused (found by kprobe lookup)",
	.why_unsupported = flush_unused_why,
	.validate = flush_unused_validate,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = flush_unused_setup,
	.run = flush_unused_run,
	.teardown = cmbench_pool_teardown,
};

const struct cmbench_operation *const cmbench_kmap_ops[] = {
	&kmap_op, &kmap_local_op, &kmap_atomic_op, &kmap_high_get_op, &kmap_flush_unused_op,
	NULL
};
