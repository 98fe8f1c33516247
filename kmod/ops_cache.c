// SPDX-License-Identifier: GPL-2.0
/*
 * Cache maintenance by VA over a buffer: what dma_map_* and
 * flush_dcache_area-style callers pay, line by line.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>

#include "cmbench.h"

/* The four maintenance ops differ only in which one: op->arg. */
static const char *cmo_why(const struct cmbench_operation *op)
{
	const char *why = NULL;

	return cmbench_cmo_impl(op->arg, &why) ? NULL : why;
}

static const char *cmo_impl(const struct cmbench_operation *op)
{
	const char *why;

	return cmbench_cmo_impl(op->arg, &why);
}

static void cmo_run(struct cmbench_ctx *ctx)
{
	cmbench_cmo(ctx->op->arg, ctx->va, ctx->size);
}

static const struct cmbench_operation flush_op = {
	.op = CMBENCH_OP_FLUSH,
	.name = "flush",
	.doc = "clean+invalidate to PoC by VA over the buffer",
	.exercise = "--sizes 64,4K --offset 8",
	.flags = CMBENCH_OPF_BUFFER | CMBENCH_OPF_BATCH,
	.arg = CMBENCH_CMO_CLEAN_INVAL_POC,
	.counter = { [CMBENCH_DATA_LOST] = "data_lost" },
	.impl_fn = cmo_impl,
	.why_unsupported = cmo_why,
	.run = cmo_run,
	.iter_done = cmbench_check_buffer,
};

static const struct cmbench_operation clean_op = {
	.op = CMBENCH_OP_CLEAN,
	.name = "clean",
	.doc = "clean to PoC by VA over the buffer",
	.exercise = "--sizes 64,4K --offset 8",
	.flags = CMBENCH_OPF_BUFFER | CMBENCH_OPF_BATCH,
	.arg = CMBENCH_CMO_CLEAN_POC,
	.counter = { [CMBENCH_DATA_LOST] = "data_lost" },
	.impl_fn = cmo_impl,
	.why_unsupported = cmo_why,
	.run = cmo_run,
	.iter_done = cmbench_check_buffer,
};

/* An invalidate discards what the buffer held: nothing to check. */
static const struct cmbench_operation inval_op = {
	.op = CMBENCH_OP_INVAL,
	.name = "inval",
	.doc = "invalidate to PoC by VA over the buffer",
	.exercise = "--sizes 64,4K --offset 8",
	.flags = CMBENCH_OPF_BUFFER | CMBENCH_OPF_BATCH,
	.arg = CMBENCH_CMO_INVAL_POC,
	.impl_fn = cmo_impl,
	.why_unsupported = cmo_why,
	.run = cmo_run,
};

/* What flush_icache_range() callers (module loaders, JITs) pay. */
static const struct cmbench_operation clean_pou_op = {
	.op = CMBENCH_OP_CLEAN_POU,
	.name = "clean_pou",
	.doc = "clean to PoU and invalidate the I-cache by VA (the flush_icache_range() path)",
	.exercise = "--sizes 64,4K --offset 8",
	.flags = CMBENCH_OPF_BUFFER | CMBENCH_OPF_BATCH,
	.arg = CMBENCH_CMO_CLEAN_POU,
	.counter = { [CMBENCH_DATA_LOST] = "data_lost" },
	.impl_fn = cmo_impl,
	.why_unsupported = cmo_why,
	.run = cmo_run,
	.iter_done = cmbench_check_buffer,
};

/* flush_dcache_page() on every page the buffer spans. */
struct fdp_state {
	unsigned int n;
	struct page *pages[];
};

static int fdp_prepare(struct cmbench_ctx *ctx)
{
	unsigned long first = (unsigned long)ctx->va & PAGE_MASK;
	unsigned long end = PAGE_ALIGN((unsigned long)ctx->va + ctx->size);
	unsigned int i, n = (end - first) >> PAGE_SHIFT;
	struct fdp_state *st;

	st = kvzalloc(struct_size(st, pages, n), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->n = n;
	for (i = 0; i < n; i++)
		st->pages[i] = vmalloc_to_page((void *)(first + i * PAGE_SIZE));
	ctx->priv = st;
	return 0;
}

static void fdp_run(struct cmbench_ctx *ctx)
{
	struct fdp_state *st = ctx->priv;
	unsigned int i;

	for (i = 0; i < st->n; i++)
		flush_dcache_page(st->pages[i]);
}

static void fdp_teardown(struct cmbench_ctx *ctx)
{
	kvfree(ctx->priv);
}

static const struct cmbench_operation flush_dcache_page_op = {
	.op = CMBENCH_OP_FLUSH_DCACHE_PAGE,
	.name = "flush_dcache_page",
	.doc = "flush_dcache_page() on each page the buffer spans",
	.exercise = "--sizes 64,4K --offset 8",
	.flags = CMBENCH_OPF_BUFFER,
	.impl = "kernel flush_dcache_page, once per page spanned",
	.counter = { [CMBENCH_DATA_LOST] = "data_lost" },
	.prepare = fdp_prepare,
	.run = fdp_run,
	.iter_done = cmbench_check_buffer,
	.teardown = fdp_teardown,
};

const struct cmbench_operation *const cmbench_cache_ops[] = {
	&flush_op, &clean_op, &inval_op, &clean_pou_op, &flush_dcache_page_op,
	NULL
};
