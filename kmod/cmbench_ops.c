// SPDX-License-Identifier: GPL-2.0
/*
 * The operations table, indexed by enum cmbench_op. Adding an operation is
 * one entry here and one struct cmbench_operation beside the code it measures.
 */
#include "cmbench.h"

/*
 * Does nothing, so its time is what the harness adds to every other op:
 * two counter reads and an indirect call. Subtract it, or at least look at
 * it, before reading anything into a number near it.
 */
static void null_run(struct cmbench_ctx *ctx)
{
}

const struct cmbench_operation cmbench_op_null = {
	.name = "null",
	.run = null_run,
};

const struct cmbench_operation *const cmbench_ops[CMBENCH_OP_MAX] = {
	[CMBENCH_OP_NULL] = &cmbench_op_null,
	[CMBENCH_OP_FLUSH] = &cmbench_op_flush,
};
