// SPDX-License-Identifier: GPL-2.0
/*
 * Cache maintenance by VA over a buffer: what dma_map_* and
 * flush_dcache_area-style callers pay, line by line.
 */
#include "cmbench.h"

static void flush_run(struct cmbench_ctx *ctx)
{
	cmbench_dcache_clean_inval_poc(ctx->va, ctx->size);
}

const struct cmbench_operation cmbench_op_flush = {
	.name = "flush",
	.flags = CMBENCH_OPF_BUFFER,
	.impl = cmbench_dcache_clean_inval_impl,
	.run = flush_run,
};
