/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench module internals: the ops-table contract and the arch layer.
 */
#ifndef _CMBENCH_INTERNAL_H
#define _CMBENCH_INTERNAL_H

#include <linux/types.h>
#include "uapi/cmbench.h"

/* One run of one operation, built by the harness from a validated request. */
struct cmbench_ctx {
	const struct cmbench_run *req;
	void *buf;		/* CMBENCH_OPF_BUFFER ops: the allocation */
	void *va;		/* buf + req->offset: what the op works on */
	size_t size;		/* req->size */
	void *priv;		/* the op's own state, from prepare */
};

/*
 * An operation. The harness calls prepare once, then for every iteration
 * puts the buffer in the requested state (buffer ops) and times one call
 * of run; once prepare has succeeded, teardown is called on every path,
 * interruption included. All three may be NULL. why_unsupported returns
 * NULL when the running kernel can do the op, or a reason for the user.
 */
struct cmbench_operation {
	const char *name;
	u32 flags;		/* CMBENCH_OPF_BUFFER */
	const char *(*why_unsupported)(void);
	const char *(*impl)(void);
	int (*prepare)(struct cmbench_ctx *ctx);
	void (*run)(struct cmbench_ctx *ctx);
	void (*teardown)(struct cmbench_ctx *ctx);
};

/* cmbench_ops.c */
extern const struct cmbench_operation *const cmbench_ops[CMBENCH_OP_MAX];
extern const struct cmbench_operation cmbench_op_null;

/* ops_cache.c */
extern const struct cmbench_operation cmbench_op_flush;

/* cmbench_harness.c */
int cmbench_harness_run(const struct cmbench_operation *op, struct cmbench_run *req);

/* cmbench_arch.c */
int cmbench_arch_init(void);
u64 cmbench_counter(void);
u64 cmbench_counter_hz(void);
u64 cmbench_ticks_to_ns(u64 ticks);
u32 cmbench_ctr(void);
u32 cmbench_dcache_line(void);
u32 cmbench_icache_line(void);
u32 cmbench_cwg(void);
void cmbench_dcache_clean_inval_poc(void *va, size_t size);
const char *cmbench_dcache_clean_inval_impl(void);
const char *cmbench_arch_name(void);

#endif /* _CMBENCH_INTERNAL_H */
