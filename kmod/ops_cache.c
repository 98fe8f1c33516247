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

static const char *cmo_why(enum cmbench_cmo cmo)
{
	const char *why = NULL;

	return cmbench_cmo_impl(cmo, &why) ? NULL : why;
}

static const char *cmo_impl(enum cmbench_cmo cmo)
{
	const char *why;

	return cmbench_cmo_impl(cmo, &why);
}

static void flush_run(struct cmbench_ctx *ctx)
{
	cmbench_cmo(CMBENCH_CMO_CLEAN_INVAL_POC, ctx->va, ctx->size);
}

static const char *flush_impl(void)
{
	return cmo_impl(CMBENCH_CMO_CLEAN_INVAL_POC);
}

const struct cmbench_operation cmbench_op_flush = {
	.name = "flush",
	.flags = CMBENCH_OPF_BUFFER,
	.counter = { "data_lost" },
	.iter_done = cmbench_check_buffer,
	.impl = flush_impl,
	.run = flush_run,
};

static void clean_run(struct cmbench_ctx *ctx)
{
	cmbench_cmo(CMBENCH_CMO_CLEAN_POC, ctx->va, ctx->size);
}

static const char *clean_impl(void)
{
	return cmo_impl(CMBENCH_CMO_CLEAN_POC);
}

static const char *clean_why(void)
{
	return cmo_why(CMBENCH_CMO_CLEAN_POC);
}

const struct cmbench_operation cmbench_op_clean = {
	.name = "clean",
	.flags = CMBENCH_OPF_BUFFER,
	.counter = { "data_lost" },
	.iter_done = cmbench_check_buffer,
	.why_unsupported = clean_why,
	.impl = clean_impl,
	.run = clean_run,
};

static void inval_run(struct cmbench_ctx *ctx)
{
	cmbench_cmo(CMBENCH_CMO_INVAL_POC, ctx->va, ctx->size);
}

static const char *inval_impl(void)
{
	return cmo_impl(CMBENCH_CMO_INVAL_POC);
}

static const char *inval_why(void)
{
	return cmo_why(CMBENCH_CMO_INVAL_POC);
}

const struct cmbench_operation cmbench_op_inval = {
	.name = "inval",
	.flags = CMBENCH_OPF_BUFFER,
	.why_unsupported = inval_why,
	.impl = inval_impl,
	.run = inval_run,
};

/* What flush_icache_range() callers (module loaders, JITs) pay. */
static void clean_pou_run(struct cmbench_ctx *ctx)
{
	cmbench_cmo(CMBENCH_CMO_CLEAN_POU, ctx->va, ctx->size);
}

static const char *clean_pou_impl(void)
{
	return cmo_impl(CMBENCH_CMO_CLEAN_POU);
}

const struct cmbench_operation cmbench_op_clean_pou = {
	.name = "clean_pou",
	.flags = CMBENCH_OPF_BUFFER,
	.counter = { "data_lost" },
	.iter_done = cmbench_check_buffer,
	.impl = clean_pou_impl,
	.run = clean_pou_run,
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

static const char *fdp_impl(void)
{
	return "kernel flush_dcache_page, once per page spanned";
}

const struct cmbench_operation cmbench_op_flush_dcache_page = {
	.name = "flush_dcache_page",
	.flags = CMBENCH_OPF_BUFFER,
	.counter = { "data_lost" },
	.iter_done = cmbench_check_buffer,
	.impl = fdp_impl,
	.prepare = fdp_prepare,
	.run = fdp_run,
	.teardown = fdp_teardown,
};
