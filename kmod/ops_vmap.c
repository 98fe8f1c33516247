// SPDX-License-Identifier: GPL-2.0
/*
 * vm_map_ram()/vmap(): kernel virtual aliases of arbitrary pages. Mappings
 * up to VMAP_MAX_ALLOC pages come from per-CPU vmap blocks, larger ones
 * from the global vmap area allocator: sweep req->pages across that limit.
 * Each timed iteration loads the first word through the new alias and the
 * tag it reads is checked afterwards.
 */
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "cmbench.h"

#define C_CHECKED	0
#define C_MISMATCH	1
#define C_MAP_FAILED	2

struct vmap_state {
	struct page **pool;
	unsigned int n;
	u32 tag, seen;
};

static int vmap_prepare(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->n = ctx->req->pages;
	st->pool = cmbench_alloc_pool(st->n, ctx->req->flags & CMBENCH_RUNF_HIGHMEM);
	if (!st->pool) {
		kfree(st);
		return -ENOMEM;
	}
	ctx->priv = st;
	return 0;
}

static void vmap_teardown(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;

	cmbench_free_pool(st->pool, st->n);
	kfree(st);
}

static void vmap_iter_setup(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;

	st->tag = cmbench_tag(0, ctx->iter);
	st->seen = ~st->tag;
	cmbench_write_tag(st->pool[0], st->tag);
}

static void vmap_iter_done(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;

	ctx->counters[C_CHECKED]++;
	if (st->seen != st->tag)
		ctx->counters[C_MISMATCH]++;
}

static void vm_map_ram_run(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;
	u32 *p = vm_map_ram(st->pool, st->n, NUMA_NO_NODE);

	if (!p) {
		ctx->counters[C_MAP_FAILED]++;
		return;
	}
	st->seen = READ_ONCE(*p);
	vm_unmap_ram(p, st->n);
}

static void vmap_run(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;
	u32 *p = vmap(st->pool, st->n, VM_MAP, PAGE_KERNEL);

	if (!p) {
		ctx->counters[C_MAP_FAILED]++;
		return;
	}
	st->seen = READ_ONCE(*p);
	vunmap(p);
}

static const char *vm_map_ram_impl(void)
{
	return "vm_map_ram + load + vm_unmap_ram";
}

static const char *vmap_impl(void)
{
	return "vmap(VM_MAP, PAGE_KERNEL) + load + vunmap";
}

#define VMAP_COUNTERS { "checked", "mismatch", "map_failed" }
#define VMAP_FLAGS (CMBENCH_OPF_PAGES | CMBENCH_OPF_HIGHMEM)

const struct cmbench_operation cmbench_op_vm_map_ram = {
	.name = "vm_map_ram",
	.flags = VMAP_FLAGS,
	.counter = VMAP_COUNTERS,
	.impl = vm_map_ram_impl,
	.prepare = vmap_prepare,
	.iter_setup = vmap_iter_setup,
	.run = vm_map_ram_run,
	.iter_done = vmap_iter_done,
	.teardown = vmap_teardown,
};

const struct cmbench_operation cmbench_op_vmap = {
	.name = "vmap",
	.flags = VMAP_FLAGS,
	.counter = VMAP_COUNTERS,
	.impl = vmap_impl,
	.prepare = vmap_prepare,
	.iter_setup = vmap_iter_setup,
	.run = vmap_run,
	.iter_done = vmap_iter_done,
	.teardown = vmap_teardown,
};

/* Each iteration leaves a lazily freed alias behind for the flush to find. */
static void unmap_aliases_setup(struct cmbench_ctx *ctx)
{
	struct vmap_state *st = ctx->priv;
	void *p = vm_map_ram(st->pool, st->n, NUMA_NO_NODE);

	if (p)
		vm_unmap_ram(p, st->n);
	else
		ctx->counters[C_MAP_FAILED]++;
}

static void unmap_aliases_run(struct cmbench_ctx *ctx)
{
	vm_unmap_aliases();
}

static const char *unmap_aliases_impl(void)
{
	return "vm_unmap_aliases after one vm_map_ram/vm_unmap_ram of req pages";
}

const struct cmbench_operation cmbench_op_vm_unmap_aliases = {
	.name = "vm_unmap_aliases",
	.flags = VMAP_FLAGS,
	.counter = { NULL, NULL, "map_failed" },
	.impl = unmap_aliases_impl,
	.prepare = vmap_prepare,
	.iter_setup = unmap_aliases_setup,
	.run = unmap_aliases_run,
	.teardown = vmap_teardown,
};
