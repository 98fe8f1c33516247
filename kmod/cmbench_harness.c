// SPDX-License-Identifier: GPL-2.0
/*
 * The one timed loop every operation runs in: set the buffer state, run
 * the op's untimed setup, read the counter, run the op once, read the
 * counter, record, run the op's untimed check. Requests reach it already
 * validated by cmbench_main.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cmbench.h"
#include "uapi/cmbench_hist.h"

struct cmbench_stats {
	u64 *hist;
	struct cmbench_sums s;
};

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

	if (!pool)
		return -ENOMEM;
	pool->n = ctx->req->pages;
	pool->pages = cmbench_alloc_pool(pool->n, highmem);
	if (!pool->pages) {
		kfree(pool);
		return -ENOMEM;
	}
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
	kfree(pool);
}

void cmbench_pool_iter_setup(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;

	pool->slot = cmbench_slot(ctx, pool->n);
	pool->tag = cmbench_tag(pool->slot, ctx->iter);
	pool->seen = ~pool->tag;
	cmbench_write_tag(pool->pages[pool->slot], pool->tag);
}

void cmbench_pool_iter_done(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;

	ctx->counters[CMBENCH_POOL_CHECKED]++;
	if (pool->seen != pool->tag)
		ctx->counters[CMBENCH_POOL_MISMATCH]++;
}

/* Read every line so it is present; the value is irrelevant. */
static void touch_lines(const u8 *va, size_t size, u32 line)
{
	size_t i;

	for (i = 0; i < size; i += line)
		(void)READ_ONCE(va[i]);
	if (size)
		(void)READ_ONCE(va[size - 1]);
}

/*
 * Put [va, va + size) in the state an iteration starts from. Dirty writes
 * every byte (a store to every line); clean additionally writes the lines
 * back and reads them in again; cold writes them back and leaves them
 * invalid, so the op sees lines absent from the cache.
 */
static void set_range_state(void *va, size_t size, u32 state, u8 fill)
{
	memset(va, fill, size);
	if (state == CMBENCH_STATE_DIRTY)
		return;
	cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, va, size);
	if (state == CMBENCH_STATE_CLEAN)
		touch_lines(va, size, cmbench_dcache_line());
}

/* Page buffers may be highmem: reach each page through kmap_local. */
static void set_state(struct cmbench_ctx *ctx, u8 fill)
{
	size_t off = ctx->req->offset, end = off + ctx->size;
	unsigned long i;	/* page index into the buffer */

	if (ctx->buf) {
		set_range_state(ctx->va, ctx->size, ctx->req->state, fill);
		return;
	}
	for (i = off >> PAGE_SHIFT; (i << PAGE_SHIFT) < end; i++) {
		size_t from = max_t(size_t, off, i << PAGE_SHIFT);
		size_t to = min_t(size_t, end, (i + 1) << PAGE_SHIFT);
		u8 *p = kmap_local_page(ctx->page + i);

		set_range_state(p + (from & ~PAGE_MASK), to - from,
				ctx->req->state, fill);
		kunmap_local(p);
	}
}

static u8 buffer_byte(struct cmbench_ctx *ctx, size_t i)
{
	size_t off = ctx->req->offset + i;
	u8 *p, v;

	if (ctx->buf)
		return READ_ONCE(((u8 *)ctx->va)[i]);
	p = kmap_local_page(ctx->page + (off >> PAGE_SHIFT));
	v = READ_ONCE(p[off & ~PAGE_MASK]);
	kunmap_local(p);
	return v;
}

void cmbench_check_buffer(struct cmbench_ctx *ctx)
{
	u8 fill = (u8)ctx->iter;

	if (buffer_byte(ctx, 0) != fill || buffer_byte(ctx, ctx->size / 2) != fill ||
	    buffer_byte(ctx, ctx->size - 1) != fill)
		ctx->counters[CMBENCH_DATA_LOST]++;
}

/* Lines spanned by [offset, offset + size) of a page-aligned buffer. */
static u64 lines_spanned(const struct cmbench_run_in *req)
{
	u32 line = cmbench_dcache_line();
	u64 start = req->offset & ~(u64)(line - 1);
	u64 end = ALIGN(req->offset + req->size, line);

	return div_u64(end - start, line);
}

static int alloc_buffer(const struct cmbench_operation *op,
			struct cmbench_ctx *ctx)
{
	const struct cmbench_run_in *req = ctx->req;
	size_t bytes = req->size + req->offset;

	ctx->size = req->size;
	if (op->page_buffer) {
		gfp_t gfp = (req->flags & CMBENCH_RUNF_HIGHMEM) ?
			    GFP_HIGHUSER : GFP_KERNEL;

		ctx->order = get_order(bytes);
		ctx->page = alloc_pages(gfp | __GFP_NOWARN, ctx->order);
		if (!ctx->page)
			return -ENOMEM;
		if ((req->flags & CMBENCH_RUNF_HIGHMEM) && !PageHighMem(ctx->page)) {
			__free_pages(ctx->page, ctx->order);
			ctx->page = NULL;
			return -ENOMEM;
		}
		return 0;
	}
	/* vmalloc for every size, so the mapping does not change with size. */
	ctx->buf = __vmalloc(bytes, GFP_KERNEL | __GFP_NOWARN);
	if (!ctx->buf)
		return -ENOMEM;
	ctx->va = ctx->buf + req->offset;
	return 0;
}

static void free_buffer(struct cmbench_ctx *ctx)
{
	vfree(ctx->buf);
	if (ctx->page)
		__free_pages(ctx->page, ctx->order);
}

static void timed_loop(struct cmbench_ctx *ctx, struct cmbench_stats *st,
		       struct cmbench_run_out *out)
{
	const struct cmbench_operation *op = ctx->op;
	bool buffer = op->flags & CMBENCH_OPF_BUFFER;
	u64 t0, t1;

	for (ctx->iter = 0; ctx->iter < ctx->req->iters; ctx->iter++) {
		if (signal_pending(current)) {
			out->flags |= CMBENCH_OUTF_INTERRUPTED;
			break;
		}
		if (buffer)
			set_state(ctx, (u8)ctx->iter);
		if (op->iter_setup)
			op->iter_setup(ctx);
		ctx->in_run = true;
		t0 = cmbench_counter();
		op->run(ctx);
		t1 = cmbench_counter();
		ctx->in_run = false;
		cmbench_record(&st->s, st->hist, cmbench_ticks_to_ns(t1 - t0));
		if (op->iter_done)
			op->iter_done(ctx);
		cond_resched();
	}
}

/* The op's named counters, in index order, into the ABI's slots. */
static void pack_counters(const struct cmbench_operation *op, const u64 *from,
			  u64 *to)
{
	int i, n = 0;

	for (i = 0; i < CMBENCH_OP_COUNTERS && n < CMBENCH_COUNTERS; i++)
		if (op->counter[i])
			to[n++] = from[i];
}

int cmbench_harness_run(const struct cmbench_operation *op,
			const struct cmbench_run_in *req,
			struct cmbench_run_out *out)
{
	void __user *uhist = u64_to_user_ptr(req->hist_ptr);
	size_t hist_bytes = CMBENCH_HIST_BUCKETS * sizeof(u64);
	struct cmbench_ctx ctx = { .op = op, .req = req, .task = current };
	struct cmbench_stats st = { };
	u64 wall0;
	int ret;

	/* Fail on an unwritable histogram before spending the run. */
	if (clear_user(uhist, hist_bytes))
		return -EFAULT;

	st.hist = kvcalloc(CMBENCH_HIST_BUCKETS, sizeof(u64), GFP_KERNEL);
	if (!st.hist)
		return -ENOMEM;

	if (op->flags & CMBENCH_OPF_BUFFER) {
		ret = alloc_buffer(op, &ctx);
		if (ret)
			goto free_hist;
	}
	if (op->prepare) {
		ret = op->prepare(&ctx);
		if (ret)
			goto free_buf;
	}

	out->cpu = raw_smp_processor_id();
	out->lines = (op->flags & CMBENCH_OPF_BUFFER) ? lines_spanned(req) : 0;
	wall0 = cmbench_counter();
	timed_loop(&ctx, &st, out);
	out->wall_ns = cmbench_ticks_to_ns(cmbench_counter() - wall0);

	if (op->teardown)
		op->teardown(&ctx);

	out->count = st.s.n;
	out->min_ns = st.s.min;
	out->max_ns = st.s.max;
	out->sum_ns = st.s.sum;
	out->sumsq_hi = st.s.sumsq_hi;
	out->sumsq_lo = st.s.sumsq_lo;
	pack_counters(op, ctx.counters, out->counters);
	ret = copy_to_user(uhist, st.hist, hist_bytes) ? -EFAULT : 0;

free_buf:
	free_buffer(&ctx);
free_hist:
	kvfree(st.hist);
	return ret;
}
