// SPDX-License-Identifier: GPL-2.0
/*
 * The one timed loop every operation runs in: set the buffer state, read
 * the counter, run the op once, read the counter, record. Requests reach
 * it already validated by cmbench_main.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

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
 * Put the op's buffer in the state the iteration must start from. Dirty
 * writes every byte (a store to every line); clean additionally writes the
 * lines back and reads them in again; cold writes them back and leaves them
 * invalid, so the op sees lines absent from the cache.
 */
static void set_state(struct cmbench_ctx *ctx, u32 state, u8 fill)
{
	memset(ctx->va, fill, ctx->size);
	if (state == CMBENCH_STATE_DIRTY)
		return;
	cmbench_dcache_clean_inval_poc(ctx->va, ctx->size);
	if (state == CMBENCH_STATE_CLEAN)
		touch_lines(ctx->va, ctx->size, cmbench_dcache_line());
}

static u64 lines_spanned(const struct cmbench_ctx *ctx)
{
	unsigned long line = cmbench_dcache_line();
	unsigned long start = (unsigned long)ctx->va & ~(line - 1);
	unsigned long end = ALIGN((unsigned long)ctx->va + ctx->size, line);

	return (end - start) / line;
}

static int alloc_buffer(struct cmbench_ctx *ctx)
{
	const struct cmbench_run *req = ctx->req;

	/* vmalloc for every size, so the mapping does not change with size. */
	ctx->buf = __vmalloc(req->size + req->offset,
			     GFP_KERNEL | __GFP_NOWARN);
	if (!ctx->buf)
		return -ENOMEM;
	ctx->va = ctx->buf + req->offset;
	ctx->size = req->size;
	return 0;
}

static void timed_loop(const struct cmbench_operation *op, struct cmbench_ctx *ctx,
		       struct cmbench_stats *st, struct cmbench_run *req)
{
	bool buffer = op->flags & CMBENCH_OPF_BUFFER;
	u64 i, t0, t1;

	for (i = 0; i < req->iters; i++) {
		if (signal_pending(current)) {
			req->out_flags |= CMBENCH_OUTF_INTERRUPTED;
			break;
		}
		if (buffer)
			set_state(ctx, req->state, (u8)i);
		t0 = cmbench_counter();
		op->run(ctx);
		t1 = cmbench_counter();
		cmbench_record(&st->s, st->hist, cmbench_ticks_to_ns(t1 - t0));
		cond_resched();
	}
}

int cmbench_harness_run(const struct cmbench_operation *op, struct cmbench_run *req)
{
	void __user *uhist = u64_to_user_ptr(req->hist_ptr);
	size_t hist_bytes = CMBENCH_HIST_BUCKETS * sizeof(u64);
	struct cmbench_ctx ctx = { .req = req };
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
		ret = alloc_buffer(&ctx);
		if (ret)
			goto free_hist;
	}
	if (op->prepare) {
		ret = op->prepare(&ctx);
		if (ret)
			goto free_buf;
	}

	req->cpu = raw_smp_processor_id();
	req->lines = (op->flags & CMBENCH_OPF_BUFFER) ? lines_spanned(&ctx) : 0;
	wall0 = cmbench_counter();
	timed_loop(op, &ctx, &st, req);
	req->wall_ns = cmbench_ticks_to_ns(cmbench_counter() - wall0);

	if (op->teardown)
		op->teardown(&ctx);

	req->count = st.s.n;
	req->min_ns = st.s.min;
	req->max_ns = st.s.max;
	req->sum_ns = st.s.sum;
	req->sumsq_hi = st.s.sumsq_hi;
	req->sumsq_lo = st.s.sumsq_lo;
	ret = copy_to_user(uhist, st.hist, hist_bytes) ? -EFAULT : 0;

free_buf:
	vfree(ctx.buf);
free_hist:
	kvfree(st.hist);
	return ret;
}
