// SPDX-License-Identifier: GPL-2.0
/*
 * The one timed loop every operation runs in. Per sample: put the buffer
 * (each of the batch's copies) in its state and run the op's setup,
 * untimed; read the counter, run the op once or a batch of times, read
 * the counter, record the time per iteration; run the op's check and let
 * the scheduler in, untimed. The untimed part is timed too, so that the
 * loop's wall time splits exactly into what was measured and the rest.
 * Requests reach it already validated by cmbench_main.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel_stat.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cmbench.h"
#include "uapi/cmbench_hist.h"

#define CREATE_TRACE_POINTS
#include "cmbench_trace.h"

/* What a run adds up, in counter ticks where sums must stay exact. */
struct cmbench_stats {
	u64 *hist;		/* ns per iteration of each sample */
	struct cmbench_sums s;
	u64 *untimed_hist;	/* the untimed part of each sample, ns */
	u64 timed_ticks, untimed_ticks;
	u64 clock_count, clock_samples;
	struct cmbench_clock_event clk;
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
 * The state pass below walks a buffer in pieces this big, checking for a
 * fatal signal between them: a 64M buffer under a debug kernel took
 * seconds to dirty, and SIGKILL waited for it.
 */
#define STATE_CHUNK	SZ_1M

/*
 * Put [va, va + size) in the state an iteration starts from. Dirty writes
 * every byte (a store to every line); clean additionally writes the lines
 * back and reads them in again; cold writes them back and leaves them
 * invalid, so the op sees lines absent from the cache. Each pass runs over
 * the whole range before the next, as one memset() and one CMO would.
 * -EINTR when a fatal signal came first: the sample is abandoned.
 */
static int set_range_state(u8 *va, size_t size, u32 state, u8 fill)
{
	size_t at, n;
	int pass;

	for (pass = 0; pass < 3; pass++) {
		if ((pass == 1 && state == CMBENCH_STATE_DIRTY) ||
		    (pass == 2 && state != CMBENCH_STATE_CLEAN))
			break;
		for (at = 0; at < size; at += n) {
			n = min_t(size_t, size - at, STATE_CHUNK);
			if (at && fatal_signal_pending(current))
				return -EINTR;
			if (pass == 0)
				memset(va + at, fill, n);
			else if (pass == 1)
				cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, va + at, n);
			else
				touch_lines(va + at, n, cmbench_dcache_line());
		}
	}
	return 0;
}

/* Page buffers may be highmem: reach each page through kmap_local. */
static int set_state(struct cmbench_ctx *ctx, u8 fill)
{
	size_t off = ctx->req->offset, end = off + ctx->size;
	unsigned long i;	/* page index into the buffer */
	int ret = 0;

	if (ctx->buf)
		return set_range_state(ctx->va, ctx->size, ctx->req->state, fill);
	for (i = off >> PAGE_SHIFT; !ret && (i << PAGE_SHIFT) < end; i++) {
		size_t from = max_t(size_t, off, i << PAGE_SHIFT);
		size_t to = min_t(size_t, end, (i + 1) << PAGE_SHIFT);
		u8 *p = kmap_local_page(ctx->page + i);

		ret = set_range_state(p + (from & ~PAGE_MASK), to - from,
				      ctx->req->state, fill);
		kunmap_local(p);
		if (!ret && fatal_signal_pending(current))
			ret = -EINTR;
	}
	return ret;
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

/*
 * The byte iteration @iter fills its buffer with: never 0, since arm64's
 * memset() of zeroes is DC ZVA, whose stores no emulator's memory
 * callback sees (the cache model could not place the lines); a dirty
 * buffer is dirty either way.
 */
static u8 fill_of(u64 iter)
{
	u32 rem;

	div_u64_rem(iter, 255, &rem);	/* no 64-bit % on 32-bit arm */
	return 1 + (u8)rem;
}

void cmbench_check_buffer(struct cmbench_ctx *ctx)
{
	u8 fill = fill_of(ctx->iter);

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

size_t cmbench_buffer_stride(const struct cmbench_run_in *req)
{
	return PAGE_ALIGN(req->offset + req->size);
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
	/*
	 * vmalloc for every size, so the mapping does not change with size;
	 * a batch works on one page-aligned copy per iteration.
	 */
	ctx->stride = cmbench_buffer_stride(req);
	ctx->buf = __vmalloc(ctx->stride * ctx->batch, GFP_KERNEL | __GFP_NOWARN);
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

/*
 * Untimed, before sample @first: every copy the batch will use in its
 * state (iteration i writes fill_of(i)), then the op's own setup.
 * Batch ops have no setup of their own (cmbench_main.c checks).
 */
static int before_sample(struct cmbench_ctx *ctx, u64 first)
{
	const struct cmbench_operation *op = ctx->op;
	unsigned int j;

	ctx->iter = first;
	if (op->flags & CMBENCH_OPF_BUFFER) {
		for (j = 0; j < ctx->batch; j++) {
			if (ctx->buf)
				ctx->va = ctx->buf + j * ctx->stride + ctx->req->offset;
			if (set_state(ctx, fill_of(first + j)))
				return -EINTR;
		}
		if (ctx->buf)
			ctx->va = ctx->buf + ctx->req->offset;
	}
	if (op->iter_setup)
		op->iter_setup(ctx);
	return 0;
}

/*
 * The timed part of one sample. A batch steps through its iterations and
 * buffer copies; on return ctx->iter and ctx->va are the last ones, which
 * iter_done checks.
 */
static void timed_sample(struct cmbench_ctx *ctx)
{
	const struct cmbench_operation *op = ctx->op;
	unsigned int j;

	if (ctx->batch == 1) {
		op->run(ctx);
		return;
	}
	for (j = 1;; j++) {
		op->run(ctx);
		if (j == ctx->batch)
			break;
		ctx->iter++;
		ctx->va += ctx->stride;
	}
}

/* The value of rank (n + 1) / 2 of a histogram of n samples. */
static u64 hist_median(const u64 *hist, u64 n)
{
	u64 seen = 0, rank = div_u64(n + 1, 2);
	u32 i;

	for (i = 0; i < CMBENCH_HIST_BUCKETS && n; i++) {
		seen += hist[i];
		if (seen >= rank)
			return (cmbench_hist_lower(i) + cmbench_hist_upper(i) - 1) / 2;
	}
	return 0;
}

/* The interrupts this CPU has taken so far, and which CPU that is. */
static unsigned long irqs_here(unsigned int *cpu)
{
	*cpu = raw_smp_processor_id();
	return READ_ONCE(per_cpu(kstat, *cpu).irqs_sum);
}

/* Every run's timed loop, numbered for an emulator's cache model. */
static atomic64_t run_serial = ATOMIC64_INIT(0);

static void timed_loop(struct cmbench_ctx *ctx, struct cmbench_stats *st,
		       struct cmbench_run_out *out)
{
	u64 samples = div_u64(ctx->req->iters, ctx->batch), s;
	u64 t_prev, t0, t1, t_end, c0 = 0, c1, ns;
	unsigned long irq0 = 0;
	unsigned int cpu0 = 0, cpu1;

	out->serial = atomic64_inc_return(&run_serial);
	cmbench_mark_run(out->serial);
	t_prev = cmbench_counter();
	out->begin_ns = cmbench_ticks_to_ns(t_prev);
	for (s = 0; s < samples; s++) {
		if (signal_pending(current)) {
			out->flags |= CMBENCH_OUTF_INTERRUPTED;
			break;
		}
		if (before_sample(ctx, s * ctx->batch)) {
			out->flags |= CMBENCH_OUTF_INTERRUPTED;
			break;
		}
		if (st->clk.ev) {
			irq0 = irqs_here(&cpu0);
			c0 = cmbench_clock_read(&st->clk);
		}
		ctx->in_run = true;
		cmbench_mark_sample_begin();
		t0 = cmbench_counter();
		timed_sample(ctx);
		t1 = cmbench_counter();
		cmbench_mark_sample_end();
		ctx->in_run = false;
		/* A sample an interrupt hit (or a migration) counts no clock. */
		if (st->clk.ev) {
			c1 = cmbench_clock_read(&st->clk);
			if (irqs_here(&cpu1) == irq0 && cpu1 == cpu0) {
				st->clock_count += c1 - c0;
				st->clock_samples++;
			}
		}
		ns = cmbench_ticks_to_ns(t1 - t0);
		cmbench_record(&st->s, st->hist,
			       ctx->batch == 1 ? ns : div_u64(ns, ctx->batch));
		if (ctx->op->iter_done)
			ctx->op->iter_done(ctx);
		cond_resched();
		t_end = cmbench_counter();
		st->timed_ticks += t1 - t0;
		st->untimed_ticks += (t_end - t_prev) - (t1 - t0);
		st->untimed_hist[cmbench_hist_index(cmbench_ticks_to_ns((t_end - t_prev) -
									(t1 - t0)))]++;
		t_prev = t_end;
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

static void fill_out(struct cmbench_ctx *ctx, struct cmbench_stats *st,
		     struct cmbench_run_out *out)
{
	out->count = st->s.n;
	out->min_ns = st->s.min;
	out->max_ns = st->s.max;
	out->sum_ns = st->s.sum;
	out->sumsq_hi = st->s.sumsq_hi;
	out->sumsq_lo = st->s.sumsq_lo;
	out->timed_ns = cmbench_ticks_to_ns(st->timed_ticks);
	/* The rest of the wall time, so that the two add up whatever the rounding. */
	out->wall_ns = cmbench_ticks_to_ns(st->timed_ticks + st->untimed_ticks);
	out->untimed_ns = out->wall_ns - out->timed_ns;
	out->untimed_p50_ns = hist_median(st->untimed_hist, st->s.n);
	out->clock_count = st->clock_count;
	out->clock_samples = st->clock_samples;
	out->clock_overhead = st->clk.overhead;
	out->clock_error = st->clk.err;
	pack_counters(ctx->op, ctx->counters, out->counters);
}

int cmbench_harness_run(const struct cmbench_operation *op,
			const struct cmbench_run_in *req,
			struct cmbench_run_out *out)
{
	void __user *uhist = u64_to_user_ptr(req->hist_ptr);
	size_t hist_bytes = CMBENCH_HIST_BUCKETS * sizeof(u64);
	struct cmbench_ctx ctx = {
		.op = op, .req = req, .task = current,
		.batch = max(req->batch, 1U),
	};
	struct cmbench_stats st = { };
	int ret;

	/* Fail on an unwritable histogram before spending the run. */
	if (clear_user(uhist, hist_bytes))
		return -EFAULT;

	st.hist = kvcalloc(CMBENCH_HIST_BUCKETS, sizeof(u64), GFP_KERNEL);
	st.untimed_hist = kvcalloc(CMBENCH_HIST_BUCKETS, sizeof(u64), GFP_KERNEL);
	ret = -ENOMEM;
	if (!st.hist || !st.untimed_hist)
		goto free_hist;

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
	if (req->clock != CMBENCH_CLOCK_COUNTER)
		cmbench_clock_open(&st.clk, req->clock);

	out->cpu = raw_smp_processor_id();
	out->lines = (op->flags & CMBENCH_OPF_BUFFER) ? lines_spanned(req) : 0;
	timed_loop(&ctx, &st, out);

	cmbench_clock_close(&st.clk);
	if (op->teardown)
		op->teardown(&ctx);

	fill_out(&ctx, &st, out);
	/* After the timed loop: the event costs the numbers nothing. */
	trace_run(op->name, req, out, ctx.batch);
	ret = copy_to_user(uhist, st.hist, hist_bytes) ? -EFAULT : 0;

free_buf:
	free_buffer(&ctx);
free_hist:
	kvfree(st.untimed_hist);
	kvfree(st.hist);
	return ret;
}
