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

#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "cmbench.h"

#ifndef LAST_PKMAP
#define LAST_PKMAP	0	/* no highmem: these ops never get to run */
#endif

static void (*flush_unused_fn)(void);
#ifdef ARCH_NEEDS_KMAP_HIGH_GET
static void *(*high_get_fn)(struct page *page);
#endif

void cmbench_kmap_init(void)
{
	if (!IS_ENABLED(CONFIG_HIGHMEM))
		return;
	/* kmap_flush_unused() is an inline wrapper of this one. */
	flush_unused_fn = cmbench_lookup_symbol("__kmap_flush_unused");
#ifdef ARCH_NEEDS_KMAP_HIGH_GET
	high_get_fn = cmbench_lookup_symbol("kmap_high_get");
#endif
}

const char *cmbench_no_highmem(void)
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

static const char *kmap_impl(void)
{
	return "kmap + load + kunmap (kmap_high under kmap_lock)";
}

static const char *kmap_local_impl(void)
{
	return "kmap_local_page + load + kunmap_local";
}

static const char *kmap_atomic_impl(void)
{
	return "kmap_atomic + load + kunmap_atomic";
}

#define KMAP_COUNTERS { "checked", "mismatch" }

const struct cmbench_operation cmbench_op_kmap = {
	.name = "kmap",
	.flags = CMBENCH_OPF_PAGES,
	.counter = KMAP_COUNTERS,
	.why_unsupported = cmbench_no_highmem,
	.impl = kmap_impl,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = cmbench_pool_iter_setup,
	.run = kmap_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

const struct cmbench_operation cmbench_op_kmap_local = {
	.name = "kmap_local",
	.flags = CMBENCH_OPF_PAGES,
	.counter = KMAP_COUNTERS,
	.why_unsupported = cmbench_no_highmem,
	.impl = kmap_local_impl,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = cmbench_pool_iter_setup,
	.run = kmap_local_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

const struct cmbench_operation cmbench_op_kmap_atomic = {
	.name = "kmap_atomic",
	.flags = CMBENCH_OPF_PAGES,
	.counter = KMAP_COUNTERS,
	.why_unsupported = cmbench_no_highmem,
	.impl = kmap_atomic_impl,
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
#ifdef ARCH_NEEDS_KMAP_HIGH_GET
#define C_GET_MATCHES	2
#define C_GET_NULL	3

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

static int high_get_prepare(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool;
	struct page *unmapped;
	unsigned int i;
	void *addr, *got;
	int ret = cmbench_pool_prepare_high(ctx);

	if (ret)
		return ret;
	pool = ctx->priv;
	for (i = 0; i < pool->n; i++)
		kmap(pool->pages[i]);

	addr = page_address(pool->pages[0]);
	got = high_get_fn(pool->pages[0]);
	if (got)
		kunmap_high(pool->pages[0]);
	ctx->counters[C_GET_MATCHES] = got && got == addr;

	unmapped = unmapped_highmem_page();
	if (unmapped) {
		got = high_get_fn(unmapped);
		if (got)
			kunmap_high(unmapped);
		ctx->counters[C_GET_NULL] = !got;
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
	cmbench_pool_teardown(ctx);
}

/* A NULL (no mapping) leaves seen != tag: counted as a mismatch. */
static void high_get_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	struct page *page = pool->pages[pool->slot];
	u32 *p = high_get_fn(page);

	if (!p)
		return;
	pool->seen = READ_ONCE(*p);
	kunmap_high(page);
}

/* Every pool page stays kmapped: leave half of the pkmap area to others. */
static int high_get_validate(const struct cmbench_run *req)
{
	return req->pages > LAST_PKMAP / 2 ? -EINVAL : 0;
}

static const char *high_get_why(void)
{
	const char *why = cmbench_no_highmem();

	if (why)
		return why;
	if (!high_get_fn)
		return "kmap_high_get is not exported and a kprobe lookup failed";
	return NULL;
}

/*
 * Pin probe (Nicolas Pitre, 2009): the race kmap_high_get() exists for. A
 * page's pkmap mapping is pinned with kmap_high_get(), written and flushed
 * by VA as dma_map_page() does, while every other CPU kmaps enough pages
 * to wrap the pkmap area and recycle unpinned entries. A correct kernel
 * never unmaps the pinned address early and never loses the data; pins
 * that found the mapping already recycled show the churn is real.
 */
#define P_NOT_PINNED	0
#define P_PREMATURE	1
#define P_CORRUPT	2
#define P_WORKER_KMAPS	3
#define PIN_POOL	(LAST_PKMAP + LAST_PKMAP / 4)

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
	st->n = PIN_POOL;
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
	ctx->counters[P_WORKER_KMAPS] = atomic64_read(&st->workers.calls);
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

	p = high_get_fn(st->victim);
	if (!p) {
		ctx->counters[P_NOT_PINNED]++;
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
		ctx->counters[P_PREMATURE]++;
	kunmap_high(st->victim);

	check = kmap_local_page(st->victim);
	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		if (READ_ONCE(check[i]) != (tag ^ i))
			break;
	kunmap_local(check);
	if (i != PAGE_SIZE / sizeof(u32))
		ctx->counters[P_CORRUPT]++;
}
#else
static const char *high_get_why(void)
{
	const char *why = cmbench_no_highmem();

	if (why)
		return why;
	if (IS_ENABLED(CONFIG_ARM_ERRATA_798181))
		return "not built: ARM_ERRATA_798181 set, ARCH_NEEDS_KMAP_HIGH_GET undefined";
	return "not built: ARCH_NEEDS_KMAP_HIGH_GET undefined on this architecture";
}

#define high_get_prepare	NULL
#define high_get_run		NULL
#define high_get_teardown	NULL
#define high_get_validate	NULL
#define pin_prepare		NULL
#define pin_run			NULL
#define pin_teardown		NULL
#endif

static const char *pin_impl(void)
{
	return "kmap_high_get pin + write + flush by VA while other CPUs wrap pkmap";
}

const struct cmbench_operation cmbench_op_probe_pin = {
	.name = "pin_probe",
	.flags = CMBENCH_OPF_PROBE,
	.counter = { "not_pinned", "premature_unmap", "corrupt", "worker_kmaps" },
	.why_unsupported = high_get_why,
	.impl = pin_impl,
	.prepare = pin_prepare,
	.run = pin_run,
	.teardown = pin_teardown,
};

static const char *high_get_impl(void)
{
	return "kmap_high_get (found by kprobe lookup) + load + kunmap_high";
}

const struct cmbench_operation cmbench_op_kmap_high_get = {
	.name = "kmap_high_get",
	.flags = CMBENCH_OPF_PAGES,
	.counter = { "checked", "mismatch", "get_matches_kmap", "get_null_unmapped" },
	.why_unsupported = high_get_why,
	.impl = high_get_impl,
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

static const char *flush_unused_why(void)
{
	const char *why = cmbench_no_highmem();

	if (why)
		return why;
	if (!flush_unused_fn)
		return "__kmap_flush_unused is not exported and a kprobe lookup failed";
	return NULL;
}

static const char *flush_unused_impl(void)
{
	return "kmap_flush_unused: __kmap_flush_unused (found by kprobe lookup)";
}

static int flush_unused_validate(const struct cmbench_run *req)
{
	return req->pages > LAST_PKMAP ? -EINVAL : 0;
}

const struct cmbench_operation cmbench_op_kmap_flush_unused = {
	.name = "kmap_flush_unused",
	.flags = CMBENCH_OPF_PAGES,
	.why_unsupported = flush_unused_why,
	.impl = flush_unused_impl,
	.validate = flush_unused_validate,
	.prepare = cmbench_pool_prepare_high,
	.iter_setup = flush_unused_setup,
	.run = flush_unused_run,
	.teardown = cmbench_pool_teardown,
};
