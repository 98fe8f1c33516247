// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA API's cache maintenance, as a non-coherent device sees it: the
 * path of dma_map_page() on highmem pages that kmap_high_get() exists for.
 * The module registers its own platform device and binds no driver, so no
 * firmware describes it as coherent and dma-direct does the maintenance.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/platform_device.h>

#include "cmbench.h"

static struct platform_device *dma_pdev;

enum dma_counter {
	DMA_DATA_LOST = CMBENCH_DATA_LOST,
	DMA_MAP_ERRORS = CMBENCH_BUFFER_NR,
};

static const enum dma_data_direction dma_dir[CMBENCH_DIR_MAX] = {
	[CMBENCH_DIR_TO_DEVICE] = DMA_TO_DEVICE,
	[CMBENCH_DIR_FROM_DEVICE] = DMA_FROM_DEVICE,
	[CMBENCH_DIR_BIDIRECTIONAL] = DMA_BIDIRECTIONAL,
};

struct device *cmbench_dma_dev(void)
{
	return dma_pdev ? &dma_pdev->dev : NULL;
}

int cmbench_dma_init(void)
{
	int ret;

	dma_pdev = platform_device_register_simple(KBUILD_MODNAME,
						   PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(dma_pdev)) {
		ret = PTR_ERR(dma_pdev);
		dma_pdev = NULL;
		return ret;
	}
	/* No bouncing: the whole of memory is reachable. */
	ret = dma_coerce_mask_and_coherent(&dma_pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		ret = dma_coerce_mask_and_coherent(&dma_pdev->dev, DMA_BIT_MASK(32));
	if (ret) {
		platform_device_unregister(dma_pdev);
		dma_pdev = NULL;
	}
	return ret;
}

void cmbench_dma_exit(void)
{
	if (dma_pdev)
		platform_device_unregister(dma_pdev);
	dma_pdev = NULL;
}

struct dma_state {
	struct page *page;	/* first page of the mapped range */
	unsigned long off;	/* offset into it */
	dma_addr_t addr;
	bool mapped;
};

static struct dma_state *dma_state_of(struct cmbench_ctx *ctx)
{
	return ctx->priv;
}

static int dma_prepare(struct cmbench_ctx *ctx)
{
	struct dma_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->page = ctx->page + (ctx->req->offset >> PAGE_SHIFT);
	st->off = ctx->req->offset & ~PAGE_MASK;
	ctx->priv = st;
	return 0;
}

/* The sync ops measure a mapping made once, outside the timed loop. */
static int dma_prepare_mapped(struct cmbench_ctx *ctx)
{
	enum dma_data_direction dir = dma_dir[ctx->req->dir];
	struct device *dev = cmbench_dma_dev();
	struct dma_state *st;
	int ret = dma_prepare(ctx);

	if (ret)
		return ret;
	st = dma_state_of(ctx);
	st->addr = dma_map_page(dev, st->page, st->off, ctx->size, dir);
	if (dma_mapping_error(dev, st->addr)) {
		kfree(st);
		return -ENOMEM;
	}
	st->mapped = true;
	return 0;
}

static void dma_teardown(struct cmbench_ctx *ctx)
{
	struct dma_state *st = dma_state_of(ctx);

	if (st->mapped)
		dma_unmap_page(cmbench_dma_dev(), st->addr, ctx->size,
			       dma_dir[ctx->req->dir]);
	kfree(st);
}

/* Only a FROM_DEVICE transfer may discard what the CPU wrote. */
static void dma_check(struct cmbench_ctx *ctx)
{
	if (ctx->req->dir != CMBENCH_DIR_FROM_DEVICE)
		cmbench_check_buffer(ctx);
}

static void dma_map_run(struct cmbench_ctx *ctx)
{
	enum dma_data_direction dir = dma_dir[ctx->req->dir];
	struct device *dev = cmbench_dma_dev();
	struct dma_state *st = dma_state_of(ctx);
	dma_addr_t addr;

	addr = dma_map_page(dev, st->page, st->off, ctx->size, dir);
	if (dma_mapping_error(dev, addr)) {
		ctx->counters[DMA_MAP_ERRORS]++;
		return;
	}
	dma_unmap_page(dev, addr, ctx->size, dir);
}

static void dma_sync_dev_run(struct cmbench_ctx *ctx)
{
	dma_sync_single_for_device(cmbench_dma_dev(), dma_state_of(ctx)->addr,
				   ctx->size, dma_dir[ctx->req->dir]);
}

static void dma_sync_cpu_run(struct cmbench_ctx *ctx)
{
	dma_sync_single_for_cpu(cmbench_dma_dev(), dma_state_of(ctx)->addr,
				ctx->size, dma_dir[ctx->req->dir]);
}

static const char *dma_why(const struct cmbench_operation *op)
{
	if (!cmbench_dma_dev())
		return "no DMA device: registering cmbench's platform device failed";
	if (dev_is_dma_coherent(cmbench_dma_dev()))
		return "the device is DMA-coherent here: no cache maintenance to measure";
	return NULL;
}

#define DMA_FLAGS (CMBENCH_OPF_BUFFER | CMBENCH_OPF_DIR | CMBENCH_OPF_HIGHMEM)

static const struct cmbench_operation dma_map_op = {
	.op = CMBENCH_OP_DMA_MAP,
	.name = "dma_map",
	.doc = "dma_map_page() + dma_unmap_page() of the buffer on cmbench's non-coherent device",
	.exercise = "--sizes 64K,4K --dir from_device",
	.exercise_high = "highmem:--sizes 64K,4K --dir to_device --highmem 1",
	.flags = DMA_FLAGS,
	.page_buffer = true,
	.impl = "dma_map_page + dma_unmap_page, dma-direct, non-coherent device",
	.counter = {
		[DMA_DATA_LOST] = "data_lost",
		[DMA_MAP_ERRORS] = "map_errors",
	},
	.why_unsupported = dma_why,
	.prepare = dma_prepare,
	.run = dma_map_run,
	.iter_done = dma_check,
	.teardown = dma_teardown,
};

static const struct cmbench_operation dma_sync_dev_op = {
	.op = CMBENCH_OP_DMA_SYNC_DEV,
	.name = "dma_sync_dev",
	.doc = "dma_sync_single_for_device() of a mapping made once",
	.exercise = "--sizes 64K,4K --dir from_device",
	.exercise_high = "highmem:--sizes 64K,4K --dir to_device --highmem 1",
	.flags = DMA_FLAGS,
	.page_buffer = true,
	.impl = "dma_sync_single_for_device, dma-direct, non-coherent device",
	.counter = { [DMA_DATA_LOST] = "data_lost" },
	.why_unsupported = dma_why,
	.prepare = dma_prepare_mapped,
	.run = dma_sync_dev_run,
	.iter_done = dma_check,
	.teardown = dma_teardown,
};

static const struct cmbench_operation dma_sync_cpu_op = {
	.op = CMBENCH_OP_DMA_SYNC_CPU,
	.name = "dma_sync_cpu",
	.doc = "dma_sync_single_for_cpu() of a mapping made once",
	.exercise = "--sizes 64K,4K --dir from_device",
	.exercise_high = "highmem:--sizes 64K,4K --dir to_device --highmem 1",
	.flags = DMA_FLAGS,
	.page_buffer = true,
	.impl = "dma_sync_single_for_cpu, dma-direct, non-coherent device",
	.counter = { [DMA_DATA_LOST] = "data_lost" },
	.why_unsupported = dma_why,
	.prepare = dma_prepare_mapped,
	.run = dma_sync_cpu_run,
	.iter_done = dma_check,
	.teardown = dma_teardown,
};

const struct cmbench_operation *const cmbench_dma_ops[] = {
	&dma_map_op, &dma_sync_dev_op, &dma_sync_cpu_op,
	NULL
};
