/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench module internals: the ops-table contract and the arch layer.
 */
#ifndef _CMBENCH_INTERNAL_H
#define _CMBENCH_INTERNAL_H

#include <linux/atomic.h>
#include <linux/types.h>
#include "uapi/cmbench.h"

struct device;
struct page;
struct task_struct;
struct cmbench_operation;

/*
 * An op's own event counts. Each op indexes them with its own enum and
 * names the ones it reports in its table entry; the ioctls hand the named
 * ones to user space in index order, packed into CMBENCH_COUNTERS slots.
 */
#define CMBENCH_OP_COUNTERS	8

/* One run of one operation, built by the harness from a validated request. */
struct cmbench_ctx {
	const struct cmbench_operation *op;
	const struct cmbench_run_in *req;
	unsigned int batch;	/* iterations per timed sample, 1 or more */
	/* CMBENCH_OPF_BUFFER ops: */
	void *buf;		/* vmalloc buffer, or NULL for page buffers */
	struct page *page;	/* page buffers: first of 1 << order pages */
	unsigned int order;
	void *va;		/* vmalloc buffers: this iteration's copy + offset */
	size_t size;		/* req->size */
	size_t stride;		/* bytes from one copy of the buffer to the next */
	u64 iter;		/* current iteration, from 0 */
	bool in_run;		/* inside the timed call: callbacks count */
	struct task_struct *task;	/* the timed thread, not a worker */
	u64 counters[CMBENCH_OP_COUNTERS];	/* indexed by the op's enum */
	void *priv;		/* the op's own state, from prepare */
};

/*
 * An operation. The harness validates the generic fields, calls validate
 * (op-specific limits, before anything is allocated), prepare once, then
 * for every iteration: puts the buffer in the requested state (buffer ops),
 * iter_setup, times one call of run, iter_done; once prepare has
 * succeeded, teardown is called on every path, interruption included.
 * Every hook but run may be NULL.
 *
 * op is the entry's value in enum cmbench_op; doc says in a line what one
 * timed iteration does. impl says what code runs; impl_fn replaces it
 * where that is only known at run time. why_unsupported returns NULL when
 * the running kernel can do the op, or a reason for the user. exercise
 * (or exercise_fn, at run time) gives the run arguments that reach the
 * op's paths, as CMBENCH_IOC_OP_INFO documents them. arg is the entry's
 * own parameter (which cache maintenance, say), so entries that differ
 * only in it share their functions.
 *
 * Each ops_*.c lists its entries in one NULL-terminated family table;
 * cmbench_ops.c assembles the table by op from the families.
 */
struct cmbench_operation {
	enum cmbench_op op;
	const char *name;
	const char *doc;
	const char *exercise;
	u32 flags;		/* CMBENCH_OPF_*: the parameters it takes */
	bool page_buffer;	/* buffer of contiguous pages, not vmalloc */
	unsigned long arg;
	const char *impl;
	const char *counter[CMBENCH_OP_COUNTERS];	/* by the op's enum */
	const char *(*impl_fn)(const struct cmbench_operation *op);
	const char *(*why_unsupported)(const struct cmbench_operation *op);
	/* Writes the exercise into buf (len bytes), for what only runs know. */
	void (*exercise_fn)(const struct cmbench_operation *op, char *buf, size_t len);
	/* Variants of exercise that need highmem pages: added where there are. */
	const char *exercise_high;
	int (*validate)(const struct cmbench_run_in *req);
	int (*prepare)(struct cmbench_ctx *ctx);
	void (*iter_setup)(struct cmbench_ctx *ctx);
	void (*run)(struct cmbench_ctx *ctx);
	void (*iter_done)(struct cmbench_ctx *ctx);
	void (*teardown)(struct cmbench_ctx *ctx);
};

/*
 * cmbench_ops.c: the table by op, from the families below, checked once
 * at load: every op exactly once, counters the ABI can carry.
 */
int cmbench_ops_init(void);
const struct cmbench_operation *cmbench_op(u32 index);

/* The families, one per ops_*.c. */
extern const struct cmbench_operation *const cmbench_cache_ops[];
extern const struct cmbench_operation *const cmbench_dma_ops[];
extern const struct cmbench_operation *const cmbench_kmap_ops[];
extern const struct cmbench_operation *const cmbench_vmap_ops[];
extern const struct cmbench_operation *const cmbench_iopt_ops[];
extern const struct cmbench_operation *const cmbench_probe_ops[];

/* ops_dma.c */
int cmbench_dma_init(void);
void cmbench_dma_exit(void);
struct device *cmbench_dma_dev(void);

/* ops_kmap.c */
void cmbench_kmap_init(void);
const char *cmbench_no_highmem(const struct cmbench_operation *op);
/* kmap_high_get(), or NULL where the kernel has none or it was not found. */
extern void *(*cmbench_kmap_high_get)(struct page *page);
const char *cmbench_high_get_why(const struct cmbench_operation *op);
void cmbench_kunmap_high(struct page *page);
/* LAST_PKMAP: how many pages kmap() can hold at once (0 without highmem). */
unsigned int cmbench_pkmap_entries(void);

/* cmbench_clock.c: the event of CMBENCH_CLOCK_CYCLES or _INSTRUCTIONS. */
struct perf_event;

struct cmbench_clock_event {
	struct perf_event *ev;	/* NULL: not counting, err says why */
	u64 overhead;		/* of one read pair */
	int err;
};

void cmbench_clock_init(void);
void cmbench_clock_open(struct cmbench_clock_event *c, u32 clock);
u64 cmbench_clock_read(struct cmbench_clock_event *c);
void cmbench_clock_close(struct cmbench_clock_event *c);

/* The bytes a buffer op's copy takes, batch copies of them in all. */
size_t cmbench_buffer_stride(const struct cmbench_run_in *req);

/* cmbench_harness.c */
int cmbench_harness_run(const struct cmbench_operation *op,
			const struct cmbench_run_in *req,
			struct cmbench_run_out *out);
/* The pool of pages a kmap/vmap-style op cycles through. */
struct page **cmbench_alloc_pool(unsigned int n, bool highmem);
void cmbench_free_pool(struct page **pool, unsigned int n);

/* Counters of the ops that check a tag read through each new mapping. */
enum cmbench_pool_counter {
	CMBENCH_POOL_CHECKED,
	CMBENCH_POOL_MISMATCH,
	CMBENCH_POOL_NR		/* ops add their own from here */
};

/*
 * A pool as an op's state (ctx->priv): iteration i uses page slot i % n,
 * whose first word holds tags[slot]; the op stores what it read through
 * its mapping in seen, and iter_done counts CMBENCH_POOL_CHECKED and
 * CMBENCH_POOL_MISMATCH. A slot's tag is rewritten on every 16th use
 * only, which keeps the untimed work small next to a contended kmap.
 */
struct cmbench_pool {
	struct page **pages;
	u32 *tags;
	unsigned int n;
	unsigned int slot;
	u32 seen;
};

int cmbench_pool_prepare(struct cmbench_ctx *ctx);	/* highmem per request */
int cmbench_pool_prepare_high(struct cmbench_ctx *ctx);	/* always highmem */
void cmbench_pool_teardown(struct cmbench_ctx *ctx);
void cmbench_pool_iter_setup(struct cmbench_ctx *ctx);
void cmbench_pool_iter_done(struct cmbench_ctx *ctx);

/* The counter of the ops that must not lose what the buffer holds. */
enum cmbench_buffer_counter {
	CMBENCH_DATA_LOST,
	CMBENCH_BUFFER_NR	/* ops add their own from here */
};

/*
 * Does the buffer still hold what set_state() wrote this iteration (first,
 * middle and last byte)? For ops that must not lose data: clean, flush,
 * a TO_DEVICE map. Counts a loss in CMBENCH_DATA_LOST.
 */
void cmbench_check_buffer(struct cmbench_ctx *ctx);
/* Which of @n slots iteration ctx->iter uses (iter % n, safe on 32-bit). */
unsigned int cmbench_slot(const struct cmbench_ctx *ctx, unsigned int n);
/* Tag written into the first word of pool page @i for iteration @iter. */
u32 cmbench_tag(unsigned int i, u64 iter);
void cmbench_write_tag(struct page *page, u32 tag);

/* cmbench_workers.c: load on every other online CPU while the loop runs. */
struct cmbench_worker;

struct cmbench_workers {
	struct cmbench_ctx *ctx;
	void (*fn)(struct cmbench_ctx *ctx, unsigned int index);
	struct cmbench_worker **w;
	unsigned int n;
	atomic64_t calls;	/* fn calls made by all workers */
	bool stopping;		/* set first by cmbench_workers_stop() */
};

int cmbench_workers_start(struct cmbench_workers *set, struct cmbench_ctx *ctx,
			  void (*fn)(struct cmbench_ctx *ctx, unsigned int index));
void cmbench_workers_stop(struct cmbench_workers *set);

/* cmbench_arch.c */
int cmbench_arch_init(void);
void *cmbench_lookup_symbol(const char *name);
u64 cmbench_counter(void);

/*
 * Marks for an emulator's cache model (bench/qemu/cache_plugin.c): HINT
 * #0x62 before a timed sample, #0x63 after it, #0x64 with x16 = the run's
 * serial before a run (r12 on 32-bit arm, whose A32 hints are the same
 * numbers). Unallocated hints execute as NOPs on every Armv7 and Armv8
 * CPU and under QEMU; a Thumb-2 kernel gets no marks.
 */
#if defined(CONFIG_ARM64)
#define CMBENCH_MARK(n)		"hint #0x" #n
#define CMBENCH_MARKS		1
#elif defined(CONFIG_ARM) && !defined(CONFIG_THUMB2_KERNEL)
/* A32 NOP-compatible hint #n (not in every assembler's vocabulary). */
#define CMBENCH_MARK(n)		".inst 0xe320f0" #n
#define CMBENCH_MARKS		1
#else
#define CMBENCH_MARKS		0
#endif

#if CMBENCH_MARKS
static inline void cmbench_mark_sample_begin(void)
{
	asm volatile(CMBENCH_MARK(62) ::: "memory");
}

static inline void cmbench_mark_sample_end(void)
{
	asm volatile(CMBENCH_MARK(63) ::: "memory");
}

/* The serial in x16 (arm64) or r12 (arm, its low 32 bits). */
static inline void cmbench_mark_run(u64 serial)
{
#ifdef CONFIG_ARM64
	asm volatile("mov x16, %0\n\t" CMBENCH_MARK(64) : : "r" (serial) : "x16", "memory");
#else
	asm volatile("mov r12, %0\n\t" CMBENCH_MARK(64) : : "r" ((u32)serial) : "r12", "memory");
#endif
}
#else
static inline void cmbench_mark_sample_begin(void)
{
}

static inline void cmbench_mark_sample_end(void)
{
}

static inline void cmbench_mark_run(u64 serial)
{
}
#endif
u64 cmbench_counter_hz(void);
u64 cmbench_ticks_to_ns(u64 ticks);
u32 cmbench_cache_type_reg(void);
u32 cmbench_dcache_line(void);
u32 cmbench_icache_line(void);
u32 cmbench_cwg(void);
const char *cmbench_arch_name(void);
/* The caches CLIDR describes on this CPU; returns how many were filled. */
u32 cmbench_caches(struct cmbench_cache *c, u32 max, u32 *clidr);

/* Cache maintenance by VA; the ops' arg for the cache family. */
enum cmbench_cmo {
	CMBENCH_CMO_CLEAN_INVAL_POC,
	CMBENCH_CMO_CLEAN_POC,
	CMBENCH_CMO_INVAL_POC,
	CMBENCH_CMO_CLEAN_POU,		/* D to PoU + I-cache invalidate */
	CMBENCH_CMO_MAX
};

/* Only for a @cmo whose cmbench_cmo_impl() is not NULL. */
void cmbench_cmo(enum cmbench_cmo cmo, void *va, size_t size);
/* What runs for @cmo, or NULL with *why set when nothing can. */
const char *cmbench_cmo_impl(enum cmbench_cmo cmo, const char **why);

#endif /* _CMBENCH_INTERNAL_H */
