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

#include <linux/io-pgtable.h>
#include <linux/overflow.h>
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "cmbench.h"

/* Each op reports four of these; which four is in its table entry. */
enum iopt_counter {
	IOPT_TLB_FLUSH_ALL,
	IOPT_TLB_FLUSH_WALK,
	IOPT_TLB_ADD_PAGE,
	IOPT_WORKER_CALLS,	/* iopt_hammer: map/check/unmap rounds of others */
	IOPT_MISMATCH,
	IOPT_SPLIT_WRONG,	/* iopt_split: a finding, not a cmbench error */
};

#define IOPT_PROT	(IOMMU_READ | IOMMU_WRITE)
#define IOPT_GRANULE	SZ_4K

struct iopt_fmt {
	enum io_pgtable_fmt fmt;
	bool built;
	unsigned int ias, oas;
	unsigned long pgsizes;
	phys_addr_t paddr;	/* base of the made-up range, 1G aligned */
};

static const struct iopt_fmt iopt_fmts[CMBENCH_IOPT_MAX] = {
	[CMBENCH_IOPT_LPAE_S1] = {
		ARM_64_LPAE_S1, IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE),
		48, 48, SZ_4K | SZ_2M | SZ_1G, SZ_1G },
	[CMBENCH_IOPT_LPAE_S2] = {
		ARM_64_LPAE_S2, IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE),
		40, 40, SZ_4K | SZ_2M | SZ_1G, SZ_1G },
	[CMBENCH_IOPT_LPAE32_S1] = {
		ARM_32_LPAE_S1, IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE),
		32, 40, SZ_4K | SZ_2M | SZ_1G, SZ_1G },
	[CMBENCH_IOPT_V7S] = {
		ARM_V7S, IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_ARMV7S),
		32, 32, SZ_4K | SZ_64K | SZ_1M | SZ_16M, SZ_1G },
};

struct iopt_state {
	struct io_pgtable_ops *ops;
	struct cmbench_workers workers;	/* iopt_hammer */
	atomic64_t worker_mismatch;
	struct io_pgtable_cfg cfg;
	const struct iopt_fmt *f;
	unsigned long iova;	/* base of the range an iteration works on */
	phys_addr_t paddr;
	size_t pgsize, count;
	phys_addr_t seen;	/* iova_to_phys result of the iteration */
};

/* Only the timed call of the timed thread counts, never a worker's. */
static bool counting(const struct cmbench_ctx *ctx)
{
	return ctx->in_run && current == ctx->task;
}

static void tlb_flush_all(void *cookie)
{
	struct cmbench_ctx *ctx = cookie;

	if (counting(ctx))
		ctx->counters[IOPT_TLB_FLUSH_ALL]++;
}

static void tlb_flush_walk(unsigned long iova, size_t size, size_t granule,
			   void *cookie)
{
	struct cmbench_ctx *ctx = cookie;

	if (counting(ctx))
		ctx->counters[IOPT_TLB_FLUSH_WALK]++;
}

static void tlb_add_page(struct iommu_iotlb_gather *gather, unsigned long iova,
			 size_t granule, void *cookie)
{
	struct cmbench_ctx *ctx = cookie;

	if (counting(ctx))
		ctx->counters[IOPT_TLB_ADD_PAGE]++;
}

static const struct iommu_flush_ops iopt_flush_ops = {
	.tlb_flush_all = tlb_flush_all,
	.tlb_flush_walk = tlb_flush_walk,
	.tlb_add_page = tlb_add_page,
};

/* map_pages() stops at the end of a table: call it until all are mapped. */
static int iopt_map(struct iopt_state *st, unsigned long iova, phys_addr_t paddr,
		    size_t pgsize, size_t count)
{
	while (count) {
		size_t mapped = 0;
		int ret;

		ret = st->ops->map_pages(st->ops, iova, paddr, pgsize, count,
					 IOPT_PROT, GFP_KERNEL, &mapped);
		/*
		 * The range was checked to fit and to be free: any refusal
		 * but a failed allocation is a bug here or in io-pgtable.
		 */
		if (ret == -ENOMEM)
			return ret;
		if (ret || !mapped) {
			pr_warn_ratelimited("map_pages(iova %#lx, %zu x %#zx) mapped %zu: %d\n",
					    iova, count, pgsize, mapped, ret);
			return -EIO;
		}
		iova += mapped;
		paddr += mapped;
		count -= mapped / pgsize;
	}
	return 0;
}

static size_t iopt_unmap(struct iopt_state *st, unsigned long iova,
			 size_t pgsize, size_t count)
{
	struct iommu_iotlb_gather gather;
	size_t done = 0, n;

	memset(&gather, 0, sizeof(gather));
	while (count) {
		n = st->ops->unmap_pages(st->ops, iova, pgsize, count, &gather);
		if (!n)
			break;
		done += n;
		iova += n;
		count -= n / pgsize;
	}
	return done;
}

/*
 * ranges of pages * pgsize bytes each, from IOVA 0 and from f->paddr,
 * must stay in the lower half of the input address space and fit the
 * types that carry them: the IOVA and 'mapped' are unsigned long, the
 * range a size_t, the address a phys_addr_t. On a 32-bit kernel 5 x 1G
 * would wrap to 1G and map it a second time (a WARN in io-pgtable-arm),
 * 4 x 1G to 0.
 */
static bool iopt_range_fits(const struct iopt_fmt *f, u64 pages, u64 pgsize, u64 ranges)
{
	u64 bytes;

	if (check_mul_overflow(pages, pgsize, &bytes) ||
	    check_mul_overflow(bytes, ranges, &bytes))
		return false;
	return bytes <= (1ULL << (f->ias - 1)) && bytes <= ULONG_MAX && bytes <= SIZE_MAX &&
	       bytes - 1 <= (u64)(phys_addr_t)~0 - f->paddr;
}

static int iopt_validate(const struct cmbench_run_in *req)
{
	const struct iopt_fmt *f = &iopt_fmts[req->fmt];

	if (!f->built)
		return -EOPNOTSUPP;
	if (!(f->pgsizes & req->pgsize))
		return -EINVAL;
	if (!iopt_range_fits(f, req->pages, req->pgsize, 1))
		return -EINVAL;
	return 0;
}

static int iopt_prepare(struct cmbench_ctx *ctx)
{
	const struct cmbench_run_in *req = ctx->req;
	struct iopt_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->f = &iopt_fmts[req->fmt];
	ctx->priv = st;
	st->cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap = st->f->pgsizes,
		.ias = st->f->ias,
		.oas = st->f->oas,
		.coherent_walk = req->flags & CMBENCH_RUNF_COHERENT_WALK,
		.tlb = &iopt_flush_ops,
		.iommu_dev = cmbench_dma_dev(),
	};
	/* IS_ENABLED, not #ifdef: the call compiles away without io-pgtable. */
	if (IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE))
		st->ops = alloc_io_pgtable_ops(st->f->fmt, &st->cfg, ctx);
	if (!st->ops) {
		kfree(st);
		ctx->priv = NULL;
		return -ENOMEM;
	}
	st->pgsize = req->pgsize;
	st->count = req->pages;
	st->paddr = st->f->paddr;
	return 0;
}

static void iopt_teardown(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE))
		free_io_pgtable_ops(st->ops);
	kfree(st);
}

/* The first and the last page must translate to what was mapped. */
static bool iopt_maps_range(struct iopt_state *st)
{
	size_t last = (st->count - 1) * st->pgsize;

	return st->ops->iova_to_phys(st->ops, st->iova + 8) == st->paddr + 8 &&
	       st->ops->iova_to_phys(st->ops, st->iova + last) == st->paddr + last;
}

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

static const char *iopt_why(const struct cmbench_operation *op)
{
	if (!IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE))
		return "no io-pgtable: CONFIG_IOMMU_IO_PGTABLE_LPAE and _ARMV7S not set";
	if (!cmbench_dma_dev())
		return "no device for page-table DMA: platform device registration failed";
	return NULL;
}

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_ARMV7S) && IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#define IOPT_IMPL "io-pgtable-arm: lpae-s1 lpae-s2 lpae32-s1; io-pgtable-arm-v7s: v7s"
#elif IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#define IOPT_IMPL "io-pgtable-arm: lpae-s1 lpae-s2 lpae32-s1 (v7s: not built)"
#else
#define IOPT_IMPL "io-pgtable-arm-v7s: v7s (lpae formats: not built)"
#endif

const struct cmbench_operation cmbench_op_iopt_map = {
	.name = "iopt_map",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.validate = iopt_validate,
	.prepare = iopt_prepare,
	.run = map_run,
	.iter_done = map_done,
	.teardown = iopt_teardown,
};

const struct cmbench_operation cmbench_op_iopt_unmap = {
	.name = "iopt_unmap",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.validate = iopt_validate,
	.prepare = iopt_prepare,
	.iter_setup = unmap_setup,
	.run = unmap_run,
	.iter_done = unmap_done,
	.teardown = iopt_teardown,
};

const struct cmbench_operation cmbench_op_iopt_iova_to_phys = {
	.name = "iopt_iova_to_phys",
	.flags = CMBENCH_OPF_IOPT | CMBENCH_OPF_BATCH,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.validate = iopt_validate,
	.prepare = i2p_prepare,
	.run = i2p_run,
	.iter_done = i2p_done,
	.teardown = iopt_teardown,
};

const struct cmbench_operation cmbench_op_iopt_split = {
	.name = "iopt_split",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_TLB_ADD_PAGE] = "tlb_add_page",
		[IOPT_SPLIT_WRONG] = "split_wrong",
	},
	.why_unsupported = iopt_why,
	.validate = split_validate,
	.prepare = iopt_prepare,
	.iter_setup = split_setup,
	.run = split_run,
	.iter_done = split_done,
	.teardown = iopt_teardown,
};

/* The workers' own TLB calls are not counted: counting() says why. */
const struct cmbench_operation cmbench_op_iopt_hammer = {
	.name = "iopt_hammer",
	.flags = CMBENCH_OPF_IOPT,
	.impl = IOPT_IMPL,
	.counter = {
		[IOPT_TLB_FLUSH_ALL] = "tlb_flush_all",
		[IOPT_TLB_FLUSH_WALK] = "tlb_flush_walk",
		[IOPT_WORKER_CALLS] = "worker_calls",
		[IOPT_MISMATCH] = "mismatch",
	},
	.why_unsupported = iopt_why,
	.validate = hammer_validate,
	.prepare = hammer_prepare,
	.run = map_run,
	.iter_done = map_done,
	.teardown = hammer_teardown,
};
