// SPDX-License-Identifier: GPL-2.0
/*
 * vm_map_ram()/vmap(): kernel virtual aliases of arbitrary pages. Mappings
 * up to VMAP_MAX_ALLOC pages come from per-CPU vmap blocks, larger ones
 * from the global vmap area allocator: sweep req->pages across that limit.
 * Each timed iteration loads, through the new alias, the first word of
 * page i of the pool (i = iter % pages), and the tag it reads is checked
 * afterwards: alias page i must map pool page i.
 */
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "cmbench.h"

enum vmap_counter {
	VMAP_MAP_FAILED = CMBENCH_POOL_NR,
};

/* The first word of the alias's page slot. */
static u32 read_slot(const struct cmbench_pool *pool, const void *alias)
{
	return READ_ONCE(*(const u32 *)(alias + pool->slot * PAGE_SIZE));
}

static void vm_map_ram_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	void *p = vm_map_ram(pool->pages, pool->n, NUMA_NO_NODE);

	if (!p) {
		ctx->counters[VMAP_MAP_FAILED]++;
		return;
	}
	pool->seen = read_slot(pool, p);
	vm_unmap_ram(p, pool->n);
}

static void vmap_run(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	void *p = vmap(pool->pages, pool->n, VM_MAP, PAGE_KERNEL);

	if (!p) {
		ctx->counters[VMAP_MAP_FAILED]++;
		return;
	}
	pool->seen = read_slot(pool, p);
	vunmap(p);
}

static const struct cmbench_operation vm_map_ram_op = {
	.op = CMBENCH_OP_VM_MAP_RAM,
	.name = "vm_map_ram",
	.doc = "vm_map_ram() + load + vm_unmap_ram() of N pages (per-CPU vmap blocks, then global)",
	.exercise = "--pages 1,128,16",
	.exercise_high = "+highmem:--pages 4 --highmem 1",
	.flags = CMBENCH_OPF_PAGES | CMBENCH_OPF_HIGHMEM,
	.impl = "vm_map_ram + load + vm_unmap_ram",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
		[VMAP_MAP_FAILED] = "map_failed",
	},
	.prepare = cmbench_pool_prepare,
	.iter_setup = cmbench_pool_iter_setup,
	.run = vm_map_ram_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

static const struct cmbench_operation vmap_op = {
	.op = CMBENCH_OP_VMAP,
	.name = "vmap",
	.doc = "vmap() + load + vunmap() of N pages",
	.exercise = "--pages 1,128",
	.flags = CMBENCH_OPF_PAGES | CMBENCH_OPF_HIGHMEM,
	.impl = "vmap(VM_MAP, PAGE_KERNEL) + load + vunmap",
	.counter = {
		[CMBENCH_POOL_CHECKED] = "checked",
		[CMBENCH_POOL_MISMATCH] = "mismatch",
		[VMAP_MAP_FAILED] = "map_failed",
	},
	.prepare = cmbench_pool_prepare,
	.iter_setup = cmbench_pool_iter_setup,
	.run = vmap_run,
	.iter_done = cmbench_pool_iter_done,
	.teardown = cmbench_pool_teardown,
};

/* Each iteration leaves a lazily freed alias behind for the flush to find. */
static void unmap_aliases_setup(struct cmbench_ctx *ctx)
{
	struct cmbench_pool *pool = ctx->priv;
	void *p = vm_map_ram(pool->pages, pool->n, NUMA_NO_NODE);

	if (p)
		vm_unmap_ram(p, pool->n);
	else
		ctx->counters[VMAP_MAP_FAILED]++;
}

static void unmap_aliases_run(struct cmbench_ctx *ctx)
{
	vm_unmap_aliases();
}

static const struct cmbench_operation vm_unmap_aliases_op = {
	.op = CMBENCH_OP_VM_UNMAP_ALIASES,
	.name = "vm_unmap_aliases",
	.doc = "vm_unmap_aliases() after one lazily freed alias of N pages",
	.exercise = "--pages 4",
	.flags = CMBENCH_OPF_PAGES | CMBENCH_OPF_HIGHMEM,
	.impl = "vm_unmap_aliases after one vm_map_ram/vm_unmap_ram of req pages",
	.counter = { [VMAP_MAP_FAILED] = "map_failed" },
	.prepare = cmbench_pool_prepare,
	.iter_setup = unmap_aliases_setup,
	.run = unmap_aliases_run,
	.teardown = cmbench_pool_teardown,
};

const struct cmbench_operation *const cmbench_vmap_ops[] = {
	&vm_map_ram_op, &vmap_op, &vm_unmap_aliases_op,
	NULL
};
