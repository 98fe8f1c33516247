/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The io-pgtable ops' shared layer (iopt_table.c): the formats, a table
 * per run, the counting TLB callbacks, mapping and unmapping whole
 * ranges, and what the ops share in their table entries.
 */
#ifndef _CMBENCH_IOPT_H
#define _CMBENCH_IOPT_H

#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/sizes.h>

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

extern const struct iopt_fmt iopt_fmts[CMBENCH_IOPT_MAX];

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

/* map_pages() until all count pages are mapped: 0, -ENOMEM or -EIO. */
int iopt_map(struct iopt_state *st, unsigned long iova, phys_addr_t paddr,
	     size_t pgsize, size_t count);
/* unmap_pages() until done or refused; the bytes unmapped. */
size_t iopt_unmap(struct iopt_state *st, unsigned long iova, size_t pgsize, size_t count);
bool iopt_range_fits(const struct iopt_fmt *f, u64 pages, u64 pgsize, u64 ranges);
int iopt_validate(const struct cmbench_run_in *req);
int iopt_prepare(struct cmbench_ctx *ctx);
void iopt_teardown(struct cmbench_ctx *ctx);
bool iopt_maps_range(struct iopt_state *st);
const char *iopt_why(const struct cmbench_operation *op);
void iopt_exercise(const struct cmbench_operation *op, char *buf, size_t len);

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_ARMV7S) && IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#define IOPT_IMPL "io-pgtable-arm: lpae-s1 lpae-s2 lpae32-s1; io-pgtable-arm-v7s: v7s"
#elif IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#define IOPT_IMPL "io-pgtable-arm: lpae-s1 lpae-s2 lpae32-s1 (v7s: not built)"
#else
#define IOPT_IMPL "io-pgtable-arm-v7s: v7s (lpae formats: not built)"
#endif

#endif /* _CMBENCH_IOPT_H */
