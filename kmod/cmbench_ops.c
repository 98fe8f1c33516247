// SPDX-License-Identifier: GPL-2.0
/*
 * The operations table, indexed by enum cmbench_op, assembled at load from
 * the families each ops_*.c lists. Adding an operation is one enum value in
 * uapi/cmbench.h and one struct cmbench_operation (with its run function
 * and counter enum) beside the code it measures, listed in its family.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/nospec.h>
#include <linux/printk.h>

#include "cmbench.h"

/*
 * Does nothing, so its time is what the harness adds to every other op:
 * two counter reads and an indirect call. Subtract it, or at least look at
 * it, before reading anything into a number near it.
 */
static void null_run(struct cmbench_ctx *ctx)
{
}

static const struct cmbench_operation null_op = {
	.op = CMBENCH_OP_NULL,
	.name = "null",
	.doc = "nothing: the harness alone, two counter reads and an indirect call",
	.exercise = "",
	.flags = CMBENCH_OPF_BATCH,
	.run = null_run,
};

static const struct cmbench_operation *const harness_ops[] = { &null_op, NULL };

static const struct cmbench_operation *const *const families[] = {
	harness_ops, cmbench_cache_ops, cmbench_dma_ops, cmbench_kmap_ops,
	cmbench_vmap_ops, cmbench_iopt_ops, cmbench_probe_ops,
};

static const struct cmbench_operation *ops[CMBENCH_OP_MAX] __ro_after_init;

/*
 * What an entry must be: at most CMBENCH_COUNTERS named counters (the ABI
 * carries no more), no per-iteration setup in an op that batches (a batch
 * runs only the timed call), a name and a line of doc.
 */
static int check_op(const struct cmbench_operation *op)
{
	int k, n;

	for (k = 0, n = 0; k < CMBENCH_OP_COUNTERS; k++)
		n += !!op->counter[k];
	if (n > CMBENCH_COUNTERS) {
		pr_err("%s names %d counters, the ABI carries %d\n", op->name, n,
		       CMBENCH_COUNTERS);
		return -EINVAL;
	}
	if ((op->flags & CMBENCH_OPF_BATCH) && (op->iter_setup || op->page_buffer)) {
		pr_err("%s batches but has per-iteration setup\n", op->name);
		return -EINVAL;
	}
	if (!op->name || !op->doc || !op->run) {
		pr_err("op %u has no name, doc or run\n", op->op);
		return -EINVAL;
	}
	return 0;
}

int cmbench_ops_init(void)
{
	const struct cmbench_operation *op;
	unsigned int f, i;
	int ret;

	for (f = 0; f < ARRAY_SIZE(families); f++) {
		for (i = 0; (op = families[f][i]); i++) {
			if (op->op >= CMBENCH_OP_MAX || ops[op->op]) {
				pr_err("%s: op %u is not a free value of enum cmbench_op\n",
				       op->name, op->op);
				return -EINVAL;
			}
			ret = check_op(op);
			if (ret)
				return ret;
			ops[op->op] = op;
		}
	}
	for (i = 0; i < CMBENCH_OP_MAX; i++) {
		if (!ops[i]) {
			pr_err("op %u of enum cmbench_op is in no family\n", i);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The op of a checked index. The index is clamped under speculation too,
 * since it selects function pointers.
 */
const struct cmbench_operation *cmbench_op(u32 index)
{
	return ops[array_index_nospec(index, CMBENCH_OP_MAX)];
}
