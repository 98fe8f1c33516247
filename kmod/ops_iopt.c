// SPDX-License-Identifier: GPL-2.0
/*
 * io-pgtable: the page-table code under ARM SMMU drivers, driven directly
 * through alloc_io_pgtable_ops() with no IOMMU behind it. The TLB
 * callbacks only count their calls, and only those the timed call makes
 * (not the untimed map before an unmap, say); with coherent_walk off the library
 * cleans every PTE it writes through cmbench's non-coherent device, which
 * is where that cost shows. Physical addresses are never accessed, so a
 * fixed made-up range is mapped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>

#include "iopt.h"

/* map: timed map_pages(), then checked and unmapped untimed. */
static void map_run(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (iopt_map(st, st->iova, st->paddr, st->pgsize, st->count))
		ctx->counters[IOPT_MISMATCH]++;
}

static void map_done(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (!iopt_maps_range(st))
		ctx->counters[IOPT_MISMATCH]++;
	iopt_unmap(st, st->iova, st->pgsize, st->count);
}

/* unmap: mapped untimed, timed unmap_pages(), then checked gone. */
static void unmap_setup(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (iopt_map(st, st->iova, st->paddr, st->pgsize, st->count))
		ctx->counters[IOPT_MISMATCH]++;
}

static void unmap_run(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (iopt_unmap(st, st->iova, st->pgsize, st->count) !=
	    st->count * st->pgsize)
		ctx->counters[IOPT_MISMATCH]++;
}

static void unmap_done(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (st->ops->iova_to_phys(st->ops, st->iova))
		ctx->counters[IOPT_MISMATCH]++;
}

/* iova_to_phys: one mapping made in prepare, walked page by page. */
static int i2p_prepare(struct cmbench_ctx *ctx)
{
	struct iopt_state *st;
	int ret = iopt_prepare(ctx);

	if (ret)
		return ret;
	st = ctx->priv;
	ret = iopt_map(st, st->iova, st->paddr, st->pgsize, st->count);
	if (ret)
		iopt_teardown(ctx);
	return ret;
}

static void i2p_run(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;
	size_t off = cmbench_slot(ctx, st->count) * st->pgsize + 8;

	st->seen = st->ops->iova_to_phys(st->ops, st->iova + off);
}

static void i2p_done(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;
	size_t off = cmbench_slot(ctx, st->count) * st->pgsize + 8;

	if (st->seen != st->paddr + off)
		ctx->counters[IOPT_MISMATCH]++;
}

/*
 * split: map one block of pgsize, then time the unmap of its second 4K
 * page, which must split the block into a table (LPAE, v7s sections) or,
 * for a v7s large page, rewrite its 16 entries under the split lock.
 * split_wrong counts iterations after which the table is not what a split
 * must leave: the first page still translating to its old address, the
 * second gone. It is a finding about the kernel: 6.1's
 * arm_v7s_split_blk_unmap() builds the new entries from the block's
 * attributes without its output address, so every v7s section split
 * leaves the rest of the section mapped to physical 0 + offset.
 */
static int split_validate(const struct cmbench_run_in *req)
{
	int ret = iopt_validate(req);

	if (ret)
		return ret;
	return (req->pgsize <= IOPT_GRANULE || req->pages != 1) ? -EINVAL : 0;
}

static void split_setup(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (iopt_map(st, st->iova, st->paddr, st->pgsize, 1))
		ctx->counters[IOPT_SPLIT_WRONG]++;
}

static void split_run(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;
	struct iommu_iotlb_gather gather;

	memset(&gather, 0, sizeof(gather));
	if (st->ops->unmap_pages(st->ops, st->iova + IOPT_GRANULE, IOPT_GRANULE,
				 1, &gather) != IOPT_GRANULE)
		ctx->counters[IOPT_SPLIT_WRONG]++;
}

static void split_done(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;
	size_t rest = st->pgsize / IOPT_GRANULE - 2;

	if (st->ops->iova_to_phys(st->ops, st->iova) != st->paddr ||
	    st->ops->iova_to_phys(st->ops, st->iova + IOPT_GRANULE))
		ctx->counters[IOPT_SPLIT_WRONG]++;
	iopt_unmap(st, st->iova, IOPT_GRANULE, 1);
	iopt_unmap(st, st->iova + 2 * IOPT_GRANULE, IOPT_GRANULE, rest);
}

/*
 * hammer: the timed thread maps its N pages while a worker on every other
 * CPU maps, checks and unmaps its own N pages, on disjoint IOVA ranges of
 * the same table: the lockless path, and the cost it has under contention.
 */
static int hammer_validate(const struct cmbench_run_in *req)
{
	const struct iopt_fmt *f = &iopt_fmts[req->fmt];
	int ret = iopt_validate(req);

	if (ret)
		return ret;
	/* One range per possible CPU must fit too. */
	if (!iopt_range_fits(f, req->pages, req->pgsize, nr_cpu_ids))
		return -EINVAL;
	return 0;
}

static void hammer_worker(struct cmbench_ctx *ctx, unsigned int index)
{
	struct iopt_state *st = ctx->priv;
	size_t range = st->count * st->pgsize;
	unsigned long iova = st->iova + index * range;
	phys_addr_t paddr = st->paddr + index * range;

	if (iopt_map(st, iova, paddr, st->pgsize, st->count) ||
	    st->ops->iova_to_phys(st->ops, iova + range - 8) != paddr + range - 8)
		atomic64_inc(&st->worker_mismatch);
	iopt_unmap(st, iova, st->pgsize, st->count);
}

static int hammer_prepare(struct cmbench_ctx *ctx)
{
	struct iopt_state *st;
	int ret = iopt_prepare(ctx);

	if (ret)
		return ret;
	st = ctx->priv;
	ret = cmbench_workers_start(&st->workers, ctx, hammer_worker);
	if (ret)
		iopt_teardown(ctx);
	return ret;
}

static void hammer_teardown(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	cmbench_workers_stop(&st->workers);
	ctx->counters[IOPT_WORKER_CALLS] = atomic64_read(&st->workers.calls);
	ctx->counters[IOPT_MISMATCH] += atomic64_read(&st->worker_mismatch);
	iopt_teardown(ctx);
}

static const struct cmbench_operation iopt_map_op = {
	.op = CMBENCH_OP_IOPT_MAP,
	.name = "iopt_map",
	.doc = "io_pgtable_ops->map_pages() of N pages, checked, unmapped untimed",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.exercise_fn = iopt_exercise,
	.validate = iopt_validate,
	.prepare = iopt_prepare,
	.run = map_run,
	.iter_done = map_done,
	.teardown = iopt_teardown,
};

static const struct cmbench_operation iopt_unmap_op = {
	.op = CMBENCH_OP_IOPT_UNMAP,
	.name = "iopt_unmap",
	.doc = "io_pgtable_ops->unmap_pages() of N pages mapped untimed",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.exercise_fn = iopt_exercise,
	.validate = iopt_validate,
	.prepare = iopt_prepare,
	.iter_setup = unmap_setup,
	.run = unmap_run,
	.iter_done = unmap_done,
	.teardown = iopt_teardown,
};

static const struct cmbench_operation iopt_iova_to_phys_op = {
	.op = CMBENCH_OP_IOPT_IOVA_TO_PHYS,
	.name = "iopt_iova_to_phys",
	.doc = "io_pgtable_ops->iova_to_phys() of page i mod N",
	.flags = CMBENCH_OPF_IOPT | CMBENCH_OPF_BATCH,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.exercise_fn = iopt_exercise,
	.validate = iopt_validate,
	.prepare = i2p_prepare,
	.run = i2p_run,
	.iter_done = i2p_done,
	.teardown = iopt_teardown,
};

static const struct cmbench_operation iopt_split_op = {
	.op = CMBENCH_OP_IOPT_SPLIT,
	.name = "iopt_split",
	.doc = "unmap the 2nd 4K page of a --pgsize block: LPAE, v7s section or large-page split",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_SPLIT_WRONG] = "split_wrong",
	},
	.why_unsupported = iopt_why,
	.exercise_fn = iopt_exercise,
	.validate = split_validate,
	.prepare = iopt_prepare,
	.iter_setup = split_setup,
	.run = split_run,
	.iter_done = split_done,
	.teardown = iopt_teardown,
};

/* The workers' own TLB calls are not counted (iopt_table.c's counting()). */
static const struct cmbench_operation iopt_hammer_op = {
	.op = CMBENCH_OP_IOPT_HAMMER,
	.name = "iopt_hammer",
	.doc = "map_pages() of N pages while threads on every other CPU map the same table",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_WORKER_CALLS] = "worker_calls",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.exercise_fn = iopt_exercise,
	.validate = hammer_validate,
	.prepare = hammer_prepare,
	.run = map_run,
	.iter_done = map_done,
	.teardown = hammer_teardown,
};

const struct cmbench_operation *const cmbench_iopt_ops[] = {
	&iopt_map_op, &iopt_unmap_op, &iopt_iova_to_phys_op, &iopt_split_op, &iopt_hammer_op,
	NULL
};
