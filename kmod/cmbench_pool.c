// SPDX-License-Identifier: GPL-2.0
/*
 * The page pool the kmap and vmap ops cycle through, and the tags that
 * say whether a new mapping points at the right page.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "cmbench.h"

unsigned int cmbench_slot(const struct cmbench_ctx *ctx, unsigned int n)
{
	u32 rem;

	div_u64_rem(ctx->iter, n, &rem);
	return rem;
}

u32 cmbench_tag(unsigned int i, u64 iter)
{
	return 0xcb000000u ^ (i << 12) ^ (u32)iter;
}

void cmbench_write_tag(struct page *page, u32 tag)
{
	u32 *p = kmap_local_page(page);

	WRITE_ONCE(*p, tag);
	kunmap_local(p);
}

struct page **cmbench_alloc_pool(unsigned int n, bool highmem)
{
	gfp_t gfp = highmem ? GFP_HIGHUSER : GFP_KERNEL;
	struct page **pool;
	unsigned int i;

	pool = kvcalloc(n, sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	for (i = 0; i < n; i++) {
		/*
		 * Thousands of pages, each mapped to be tagged, take seconds
		 * under emulation: a killed caller should not wait for them
		 * (it never sees this NULL's -ENOMEM).
		 */
		if (fatal_signal_pending(current)) {
			cmbench_free_pool(pool, i);
			return NULL;
		}
		cond_resched();
		pool[i] = alloc_page(gfp | __GFP_NOWARN);
		/* GFP_HIGHUSER falls back to lowmem: that is not what was asked. */
		if (!pool[i] || (highmem && !PageHighMem(pool[i]))) {
			if (pool[i])
				__free_page(pool[i]);
			cmbench_free_pool(pool, i);
			return NULL;
		}
		cmbench_write_tag(pool[i], cmbench_tag(i, 0));
	}
	return pool;
}

void cmbench_free_pool(struct page **pool, unsigned int n)
{
	unsigned int i;

	if (!pool)
		return;
	for (i = 0; i < n; i++)
		__free_page(pool[i]);
	kvfree(pool);
}

static int pool_prepare(struct cmbench_ctx *ctx, bool highmem)
{
	struct cmbench_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	unsigned int i;

	if (!pool)
		return -ENOMEM;
	pool->n = ctx->req->pages;
	pool->tags = kvcalloc(pool->n, sizeof(*pool->tags), GFP_KERNEL);
	pool->pages = cmbench_alloc_pool(pool->n, highmem);
	if (!pool->pages || !pool->tags) {
		cmbench_free_pool(pool->pages, pool->n);
		kvfree(pool->tags);
		kfree(pool);
		return -ENOMEM;
	}
	for (i = 0; i < pool->n; i++)
		pool->tags[i] = cmbench_tag(i, 0);
	ctx->priv = pool;
	return 0;
}

int cmbench_pool_prepare(struct cmbench_ctx *ctx)
{
	return pool_prepare(ctx, ctx->req->flags & CMBENCH_RUNF_HIGHMEM);
}

int cmbench_pool_prepare_high(struct cmbench_ctx *ctx)
{
	return pool_prepare(ctx, true);
}

void cmbench_pool_teardown(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;

	cmbench_free_pool(pool->pages, pool->n);
	kvfree(pool->tags);
	kfree(pool);
}

/*
 * Every 16th use of a slot gives its page a new tag (written through
 * kmap_local, untimed): often enough that a mapping of stale memory is
 * caught, rarely enough that the harness stays small next to the op.
 */
void cmbench_pool_iter_setup(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	u64 round = div_u64_rem(ctx->iter, pool->n, &pool->slot);

	if (!(round & 15)) {
		pool->tags[pool->slot] = cmbench_tag(pool->slot, ctx->iter);
		cmbench_write_tag(pool->pages[pool->slot], pool->tags[pool->slot]);
	}
	pool->seen = ~pool->tags[pool->slot];
}

void cmbench_pool_iter_done(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;

	ctx->counters[CMBENCH_POOL_CHECKED]++;
	if (pool->seen != pool->tags[pool->slot])
		ctx->counters[CMBENCH_POOL_MISMATCH]++;
}
