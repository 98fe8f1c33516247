// SPDX-License-Identifier: GPL-2.0
/*
 * The operations table, indexed by enum cmbench_op. Adding an operation is
 * one enum value in uapi/cmbench.h, one entry here, and one struct
 * cmbench_operation (with its run function and counter enum) beside the
 * code it measures.
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
	.flags = CMBENCH_OPF_BATCH,
	.run = null_run,
};

const struct cmbench_operation *const cmbench_ops[CMBENCH_OP_MAX] = {
	[CMBENCH_OP_NULL] = &cmbench_op_null,
	[CMBENCH_OP_FLUSH] = &cmbench_op_flush,
	[CMBENCH_OP_CLEAN] = &cmbench_op_clean,
	[CMBENCH_OP_INVAL] = &cmbench_op_inval,
	[CMBENCH_OP_CLEAN_POU] = &cmbench_op_clean_pou,
	[CMBENCH_OP_FLUSH_DCACHE_PAGE] = &cmbench_op_flush_dcache_page,
	[CMBENCH_OP_DMA_MAP] = &cmbench_op_dma_map,
	[CMBENCH_OP_DMA_SYNC_DEV] = &cmbench_op_dma_sync_dev,
	[CMBENCH_OP_DMA_SYNC_CPU] = &cmbench_op_dma_sync_cpu,
	[CMBENCH_OP_KMAP] = &cmbench_op_kmap,
	[CMBENCH_OP_KMAP_HIGH_GET] = &cmbench_op_kmap_high_get,
	[CMBENCH_OP_KMAP_LOCAL] = &cmbench_op_kmap_local,
	[CMBENCH_OP_KMAP_ATOMIC] = &cmbench_op_kmap_atomic,
	[CMBENCH_OP_KMAP_FLUSH_UNUSED] = &cmbench_op_kmap_flush_unused,
	[CMBENCH_OP_VM_MAP_RAM] = &cmbench_op_vm_map_ram,
	[CMBENCH_OP_VMAP] = &cmbench_op_vmap,
	[CMBENCH_OP_VM_UNMAP_ALIASES] = &cmbench_op_vm_unmap_aliases,
	[CMBENCH_OP_IOPT_MAP] = &cmbench_op_iopt_map,
	[CMBENCH_OP_IOPT_UNMAP] = &cmbench_op_iopt_unmap,
	[CMBENCH_OP_IOPT_IOVA_TO_PHYS] = &cmbench_op_iopt_iova_to_phys,
	[CMBENCH_OP_IOPT_SPLIT] = &cmbench_op_iopt_split,
	[CMBENCH_OP_ALIAS_PROBE] = &cmbench_op_alias_probe,
	[CMBENCH_OP_STRAY_PROBE] = &cmbench_op_stray_probe,
	[CMBENCH_OP_PIN_PROBE] = &cmbench_op_pin_probe,
	[CMBENCH_OP_IOPT_HAMMER] = &cmbench_op_iopt_hammer,
};
