// SPDX-License-Identifier: GPL-2.0
/*
 * The io-pgtable ops' shared layer: formats, one table per run through
 * alloc_io_pgtable_ops(), TLB callbacks that count the timed call's own,
 * whole-range map and unmap, and the exercise of each op (iopt.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "iopt.h"

const struct iopt_fmt iopt_fmts[CMBENCH_IOPT_MAX] = {
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
int iopt_map(struct iopt_state *st, unsigned long iova, phys_addr_t paddr,
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

size_t iopt_unmap(struct iopt_state *st, unsigned long iova, size_t pgsize, size_t count)
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
bool iopt_range_fits(const struct iopt_fmt *f, u64 pages, u64 pgsize, u64 ranges)
{
	u64 bytes;

	if (check_mul_overflow(pages, pgsize, &bytes) ||
	    check_mul_overflow(bytes, ranges, &bytes))
		return false;
	return bytes <= (1ULL << (f->ias - 1)) && bytes <= ULONG_MAX && bytes <= SIZE_MAX &&
	       bytes - 1 <= (u64)(phys_addr_t)~0 - f->paddr;
}

int iopt_validate(const struct cmbench_run_in *req)
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

int iopt_prepare(struct cmbench_ctx *ctx)
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

void iopt_teardown(struct cmbench_ctx *ctx)
{
	struct iopt_state *st = ctx->priv;

	if (IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE))
		free_io_pgtable_ops(st->ops);
	kfree(st);
}

/* The first and the last page must translate to what was mapped. */
bool iopt_maps_range(struct iopt_state *st)
{
	size_t last = (st->count - 1) * st->pgsize;

	return st->ops->iova_to_phys(st->ops, st->iova + 8) == st->paddr + 8 &&
	       st->ops->iova_to_phys(st->ops, st->iova + last) == st->paddr + last;
}

const char *iopt_why(const struct cmbench_operation *op)
{
	if (!IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE))
		return "no io-pgtable: CONFIG_IOMMU_IO_PGTABLE_LPAE and _ARMV7S not set";
	if (!cmbench_dma_dev())
		return "no device for page-table DMA: platform device registration failed";
	return NULL;
}

static const char *const fmt_names[] = CMBENCH_IOPT_NAMES;

/* Appends one variant "NAME:ARGS" (ARGS a format string) to buf. */
static __printf(4, 5) void variant(char *buf, size_t len, const char *name,
				   const char *args, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 2 >= len)
		return;
	n += scnprintf(buf + n, len - n, "%s%s:", n ? ";" : "", name);
	va_start(ap, args);
	vscnprintf(buf + n, len - n, args, ap);
	va_end(ap);
}

/*
 * One variant per format built, named after it. The LPAE formats share
 * io-pgtable-arm.c's unmap and walk, so for those two ops the LPAE formats
 * after the first are variants only a full check needs ("+").
 */
void iopt_exercise(const struct cmbench_operation *op, char *buf, size_t len)
{
	bool shared = op->op == CMBENCH_OP_IOPT_UNMAP || op->op == CMBENCH_OP_IOPT_IOVA_TO_PHYS;
	bool lpae_seen = false;
	char name[32];
	unsigned int f;

	buf[0] = '\0';
	for (f = 0; f < CMBENCH_IOPT_MAX; f++) {
		const char *fmt = fmt_names[f];
		bool v7s = f == CMBENCH_IOPT_V7S;

		if (!iopt_fmts[f].built)
			continue;
		snprintf(name, sizeof(name), "%s%s", shared && !v7s && lpae_seen ? "+" : "", fmt);
		lpae_seen |= !v7s;
		switch (op->op) {
		case CMBENCH_OP_IOPT_SPLIT:
			if (v7s) {
				variant(buf, len, "v7s-64K", "--fmt v7s --pgsize 64K");
				variant(buf, len, "v7s-1M", "--fmt v7s --pgsize 1M");
			} else {
				variant(buf, len, name, "--fmt %s --pgsize 2M", fmt);
			}
			break;
		case CMBENCH_OP_IOPT_HAMMER:
			variant(buf, len, name, "--fmt %s --pgsize 4K --pages 16", fmt);
			break;
		default:
			variant(buf, len, name, "--fmt %s --pgsize 4K --pages 1,64,16", fmt);
			snprintf(name, sizeof(name), "+%s-cw", fmt);
			variant(buf, len, name, "--fmt %s --pgsize 4K --pages 16 --coherent-walk 1",
				fmt);
			break;
		}
	}
}
