/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * cmbench: ARM cache maintenance and kernel mapping microbenchmarks.
 *
 * The one interface between the cmbench module and its user-space drivers.
 * Every struct is fixed-width and 8-byte aligned so 32-bit arm and arm64
 * share one layout; every reserved field must be zero on input, which lets
 * later ABI versions give them a meaning without breaking old tools.
 */
#ifndef _UAPI_CMBENCH_H
#define _UAPI_CMBENCH_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define CMBENCH_DEVICE		"/dev/cmbench"

/* Bumped on any incompatible change to the structs or semantics below. */
#define CMBENCH_ABI_VERSION	6

#define CMBENCH_NAME_LEN	32
#define CMBENCH_TEXT_LEN	96
#define CMBENCH_COUNTERS	4	/* op-specific event counts per run */
#define CMBENCH_COUNTER_LEN	24
#define CMBENCH_DOC_LEN		160
#define CMBENCH_EXERCISE_LEN	512

/*
 * Limits. Runs beyond them are rejected with -EINVAL before anything is
 * allocated. MAX_SIZE keeps a buffer inside 32-bit arm's vmalloc space;
 * page-backed buffers (DMA ops) are physically contiguous, so they stop at
 * CMBENCH_MAX_PAGES_SIZE (one MAX_ORDER allocation).
 */
#define CMBENCH_MAX_ITERS	100000000ULL
#define CMBENCH_MAX_SIZE	(64ULL << 20)
#define CMBENCH_MAX_PAGES_SIZE	(4ULL << 20)
#define CMBENCH_MAX_OFFSET	_BITULL(20)
#define CMBENCH_MAX_PAGES	4096U
#define CMBENCH_MAX_PGSIZE	_BITULL(30)
#define CMBENCH_MAX_BATCH	4096U

/*
 * Latency histogram, log-linear like fio's: values below 2^(BITS+1) ns get
 * one bucket each; above, every power-of-two range is split into 2^BITS
 * equal buckets, so a bucket's width is at most 1/2^BITS of its lower bound
 * (1.6% for BITS = 6, fio's choice: half a bucket, 0.8%, stays below a 1%
 * precision target). The last bucket also takes everything above it.
 * Index <-> value math is in cmbench_hist.h, shared with user space.
 */
#define CMBENCH_HIST_BITS	6
#define CMBENCH_HIST_GROUPS	36
#define CMBENCH_HIST_BUCKETS	(CMBENCH_HIST_GROUPS << CMBENCH_HIST_BITS)

/* Operations. CMBENCH_IOC_OP_INFO says which parameters each one takes. */
enum cmbench_op {
	CMBENCH_OP_NULL = 0,		/* the harness alone: timer and call */
	CMBENCH_OP_FLUSH,		/* clean+invalidate to PoC by VA */
	CMBENCH_OP_CLEAN,		/* clean to PoC by VA */
	CMBENCH_OP_INVAL,		/* invalidate to PoC by VA */
	CMBENCH_OP_CLEAN_POU,		/* clean to PoU + I-cache invalidate */
	CMBENCH_OP_FLUSH_DCACHE_PAGE,	/* flush_dcache_page() per page */
	CMBENCH_OP_DMA_MAP,		/* dma_map_page() + dma_unmap_page() */
	CMBENCH_OP_DMA_SYNC_DEV,	/* dma_sync_single_for_device() */
	CMBENCH_OP_DMA_SYNC_CPU,	/* dma_sync_single_for_cpu() */
	CMBENCH_OP_KMAP,		/* kmap() + kunmap() of a highmem page */
	CMBENCH_OP_KMAP_HIGH_GET,	/* kmap_high_get() + kunmap_high() */
	CMBENCH_OP_KMAP_LOCAL,		/* kmap_local_page() + kunmap_local() */
	CMBENCH_OP_KMAP_ATOMIC,		/* kmap_atomic() + kunmap_atomic() */
	CMBENCH_OP_KMAP_FLUSH_UNUSED,	/* kmap_flush_unused() */
	CMBENCH_OP_VM_MAP_RAM,		/* vm_map_ram() + vm_unmap_ram() */
	CMBENCH_OP_VMAP,		/* vmap() + vunmap() */
	CMBENCH_OP_VM_UNMAP_ALIASES,	/* vm_unmap_aliases() */
	CMBENCH_OP_IOPT_MAP,		/* io_pgtable_ops->map_pages() */
	CMBENCH_OP_IOPT_UNMAP,		/* io_pgtable_ops->unmap_pages() */
	CMBENCH_OP_IOPT_IOVA_TO_PHYS,	/* io_pgtable_ops->iova_to_phys() */
	CMBENCH_OP_IOPT_SPLIT,		/* unmap one page of a block: split */
	CMBENCH_OP_ALIAS_PROBE,		/* finding: stale reads via an alias */
	CMBENCH_OP_STRAY_PROBE,		/* finding: mapping left after kunmap */
	CMBENCH_OP_PIN_PROBE,		/* finding: kmap_high_get pin vs recycling */
	CMBENCH_OP_IOPT_HAMMER,		/* map_pages() while other CPUs map */
	CMBENCH_OP_MAX
};

/*
 * Each enum of the interface is followed by its values' names, in value
 * order: cmbench's options take them and its result files record them,
 * so a value is named once, here (user space asserts the counts match).
 */

/* State each timed iteration starts from, for ops on a buffer. */
enum cmbench_state {
	CMBENCH_STATE_DIRTY = 0,	/* every line written just before */
	CMBENCH_STATE_CLEAN,		/* lines present in the cache, clean */
	CMBENCH_STATE_COLD,		/* lines cleaned and invalidated */
	CMBENCH_STATE_MAX
};

#define CMBENCH_STATE_NAMES	{ "dirty", "clean", "cold" }

/* DMA direction, for the DMA ops (values are not the kernel's). */
enum cmbench_dir {
	CMBENCH_DIR_TO_DEVICE = 0,
	CMBENCH_DIR_FROM_DEVICE,
	CMBENCH_DIR_BIDIRECTIONAL,
	CMBENCH_DIR_MAX
};

#define CMBENCH_DIR_NAMES	{ "to_device", "from_device", "bidirectional" }

/* io-pgtable formats (values are not enum io_pgtable_fmt's). */
enum cmbench_iopt_fmt {
	CMBENCH_IOPT_LPAE_S1 = 0,	/* ARM_64_LPAE_S1 */
	CMBENCH_IOPT_LPAE_S2,		/* ARM_64_LPAE_S2 */
	CMBENCH_IOPT_LPAE32_S1,		/* ARM_32_LPAE_S1 */
	CMBENCH_IOPT_V7S,		/* ARM_V7S */
	CMBENCH_IOPT_MAX
};

#define CMBENCH_IOPT_NAMES	{ "lpae-s1", "lpae-s2", "lpae32-s1", "v7s" }

#define CMBENCH_MAX_CACHES	14	/* 7 levels, I and D each */

/* cmbench_cache.type */
enum cmbench_cache_type {
	CMBENCH_CACHE_INSTRUCTION = 1,
	CMBENCH_CACHE_DATA,
	CMBENCH_CACHE_UNIFIED,
};

/* One cache of the answering CPU, from CLIDR and its CCSIDR. */
struct cmbench_cache {
	__u32 level;			/* 1..7 */
	__u32 type;			/* enum cmbench_cache_type */
	__u32 line;			/* bytes */
	__u32 ways;
	__u32 sets;
	__u32 pad;
};

/*
 * CMBENCH_IOC_INFO: module and CPU facts. In: reserved and pad zero.
 * Errors: -EPERM without CAP_SYS_ADMIN, -EFAULT, -EINVAL nonzero reserved.
 */
struct cmbench_info {
	__u32 abi_version;
	__u32 n_ops;			/* CMBENCH_OP_MAX of the module */
	__u32 page_size;
	__u32 ctr;			/* raw Cache Type Register */
	__u32 dcache_line;		/* smallest D-cache line, from CTR */
	__u32 icache_line;		/* smallest I-cache line, from CTR */
	__u32 cwg;			/* cache writeback granule, bytes; 0 = unknown */
	__u32 midr;			/* MIDR of the CPU that answered */
	__u64 timer_hz;			/* architected counter frequency */
	__u64 hist_buckets;		/* CMBENCH_HIST_BUCKETS of the module */
	char version[CMBENCH_NAME_LEN];	/* module version */
	char arch[CMBENCH_NAME_LEN];	/* "arm64" or "arm" */
	char release[CMBENCH_NAME_LEN * 2];	/* utsname release it was built for */
	__u64 kconfig;			/* CMBENCH_KCONFIG_*: the kernel's options */
	__u32 preempt;			/* enum cmbench_preempt */
	__u32 pad;
	__u32 clidr;			/* raw CLIDR (low 32 bits) */
	__u32 n_caches;
	struct cmbench_cache cache[CMBENCH_MAX_CACHES];
	__u64 reserved[6];
};

/*
 * cmbench_info.kconfig: the kernel options that decide what the operations
 * do, as the module was built for them (vermagic ties it to the kernel).
 */
#define CMBENCH_KCONFIG_HIGHMEM			_BITULL(0)
#define CMBENCH_KCONFIG_ARM_LPAE		_BITULL(1)
#define CMBENCH_KCONFIG_ARM_ERRATA_798181	_BITULL(2)
#define CMBENCH_KCONFIG_IO_PGTABLE_LPAE		_BITULL(3)
#define CMBENCH_KCONFIG_IO_PGTABLE_ARMV7S	_BITULL(4)
#define CMBENCH_KCONFIG_KPROBES			_BITULL(5)
#define CMBENCH_KCONFIG_LOCKDEP			_BITULL(6)
#define CMBENCH_KCONFIG_DEBUG_ATOMIC_SLEEP	_BITULL(7)
#define CMBENCH_KCONFIG_DMA_API_DEBUG		_BITULL(8)
#define CMBENCH_KCONFIG_THUMB2_KERNEL		_BITULL(9)
#define CMBENCH_KCONFIG_ARM64_64K_PAGES		_BITULL(10)
#define CMBENCH_KCONFIG_NR			11

/* By bit: each option's name without CONFIG_. */
#define CMBENCH_KCONFIG_NAMES						\
	{ "HIGHMEM", "ARM_LPAE", "ARM_ERRATA_798181", "IOMMU_IO_PGTABLE_LPAE",	\
	  "IOMMU_IO_PGTABLE_ARMV7S", "KPROBES", "LOCKDEP", "DEBUG_ATOMIC_SLEEP",	\
	  "DMA_API_DEBUG", "THUMB2_KERNEL", "ARM64_64K_PAGES" }

enum cmbench_preempt {
	CMBENCH_PREEMPT_NONE = 0,
	CMBENCH_PREEMPT_VOLUNTARY,
	CMBENCH_PREEMPT_FULL,
	CMBENCH_PREEMPT_RT,
	CMBENCH_PREEMPT_MAX
};

#define CMBENCH_PREEMPT_NAMES	{ "none", "voluntary", "full", "rt" }

/* cmbench_op_info.flags: what the op is and which parameters it takes. */
#define CMBENCH_OPF_SUPPORTED	_BITUL(0)
#define CMBENCH_OPF_BUFFER	_BITUL(1)	/* size, offset, state */
#define CMBENCH_OPF_PAGES	_BITUL(2)	/* pages */
#define CMBENCH_OPF_DIR		_BITUL(3)	/* dir */
#define CMBENCH_OPF_HIGHMEM	_BITUL(4)	/* CMBENCH_RUNF_HIGHMEM allowed */
#define CMBENCH_OPF_IOPT	_BITUL(5)	/* fmt, pgsize, pages, COHERENT_WALK */
#define CMBENCH_OPF_PROBE	_BITUL(6)	/* a finding: read the counters */
#define CMBENCH_OPF_BATCH	_BITUL(7)	/* can time batches of iterations */

/*
 * CMBENCH_IOC_OP_INFO: describe operation @op. In: op, reserved zero.
 * Errors: -EPERM, -EFAULT, -EINVAL op >= CMBENCH_OP_MAX or nonzero
 * reserved. Any other command on the device: -ENOTTY.
 */
struct cmbench_op_info {
	__u32 op;
	__u32 flags;
	char name[CMBENCH_NAME_LEN];
	char impl[CMBENCH_TEXT_LEN];	/* what code runs, when supported */
	char why_unsupported[CMBENCH_TEXT_LEN];
	/* names of cmbench_run.counters[i]; "" where unused */
	char counter[CMBENCH_COUNTERS][CMBENCH_COUNTER_LEN];
	char doc[CMBENCH_DOC_LEN];	/* what one timed iteration does */
	/*
	 * cmbench run arguments that reach the op's paths on this kernel, as
	 * make check runs them: variants "[NAME:]ARGS" separated by ";"
	 * (the first is the op's one representative point), a NAME starting
	 * with "+" marking a variant only a full check needs. "" when the
	 * op is not supported here.
	 */
	char exercise[CMBENCH_EXERCISE_LEN];
	__u64 reserved[4];
};

/* cmbench_run_in.flags */
#define CMBENCH_RUNF_HIGHMEM		_BITUL(0)	/* buffer pages from highmem */
#define CMBENCH_RUNF_COHERENT_WALK	_BITUL(1)	/* io-pgtable walker is coherent */
#define CMBENCH_RUNF_VALID	(CMBENCH_RUNF_HIGHMEM | CMBENCH_RUNF_COHERENT_WALK)

/* cmbench_run_out.flags */
#define CMBENCH_OUTF_INTERRUPTED	_BITUL(0)	/* a signal cut it short */

/*
 * cmbench_run_in.clock: what is counted besides the architected counter,
 * by a kernel perf event on the timed thread read around every sample.
 */
enum cmbench_clock {
	CMBENCH_CLOCK_COUNTER = 0,	/* the architected counter only */
	CMBENCH_CLOCK_CYCLES,		/* and CPU cycles */
	CMBENCH_CLOCK_INSTRUCTIONS,	/* and instructions retired */
	CMBENCH_CLOCK_MAX
};

/* As cmbench's --clock names them. */
#define CMBENCH_CLOCK_NAMES	{ "ns", "cycles", "instructions" }

/*
 * CMBENCH_IOC_RUN input: run @op for @iters iterations, with the
 * parameters the op takes (CMBENCH_OPF_*) and zero for those it does not:
 * size/offset/state (BUFFER), pages (PAGES: pool or mapping size in
 * pages), dir (DIR), fmt/pgsize/pages and CMBENCH_RUNF_COHERENT_WALK
 * (IOPT), CMBENCH_RUNF_HIGHMEM (HIGHMEM); hist_ptr/hist_len (a user array
 * of hist_len __u64, hist_len == CMBENCH_HIST_BUCKETS, 8-byte aligned);
 * pad and reserved zero.
 *
 * @batch: iterations between two counter reads (0 and 1: one). Each
 * histogram sample is then the mean of a batch; iters must be a multiple
 * of it, and only CMBENCH_OPF_BATCH ops take more than 1. A buffer op
 * works on @batch copies of its buffer, each in the requested state
 * before the batch, one per iteration. @clock: enum cmbench_clock.
 */
struct cmbench_run_in {
	__u32 op;
	__u32 flags;
	__u64 iters;
	__u64 size;
	__u64 offset;
	__u32 state;
	__u32 hist_len;
	__u64 hist_ptr;
	__u32 pages;
	__u32 dir;
	__u32 fmt;
	__u32 batch;
	__u64 pgsize;
	__u32 clock;
	__u32 pad;
	__u64 reserved[2];
};

/*
 * CMBENCH_IOC_RUN output, and the histogram in hist_ptr. The loop's wall
 * time is the timed calls (timed_ns) plus everything else (untimed_ns:
 * buffer state, the op's setup and checks, recording, rescheduling, and
 * whatever ran on the CPU meanwhile); untimed_p50_ns is the median of the
 * untimed part per sample, the harness's own typical cost.
 */
struct cmbench_run_out {
	__u64 count;			/* samples (histogram entries) */
	__u64 min_ns;			/* per sample: ns per iteration */
	__u64 max_ns;
	__u64 sum_ns;
	__u64 sumsq_hi;			/* sum of ns^2, 128 bits */
	__u64 sumsq_lo;
	__u64 wall_ns;			/* whole loop: timed_ns + untimed_ns */
	__u64 lines;			/* D-cache lines touched per iteration */
	__u32 flags;			/* CMBENCH_OUTF_* */
	__u32 cpu;			/* CPU the loop started on */
	__u64 counters[CMBENCH_COUNTERS];	/* named by OP_INFO */
	__u64 timed_ns;			/* all timed calls, exactly */
	__u64 untimed_ns;
	__u64 untimed_p50_ns;
	__u64 begin_ns;			/* counter at the loop's start, in ns */
	/*
	 * CLOCK_CYCLES, _INSTRUCTIONS: the event in the timed calls of the
	 * clock_samples samples no interrupt hit (an interrupt's handler would
	 * add its own thousands), each with one read pair's clock_overhead.
	 */
	__u64 clock_count;
	__u64 clock_overhead;
	__u64 clock_samples;
	__s32 clock_error;		/* 0, or -errno: nothing was counted */
	__u32 pad;
	/*
	 * This run's number since the module was loaded, from 1 (0: a module
	 * before it), the one its timed loop hands an emulator's cache model
	 * with its marks: what joins the model's figures to the result.
	 */
	__u64 serial;
	__u64 reserved[1];
};

/*
 * CMBENCH_IOC_RUN. The kernel reads only @in and clears @out before it
 * fills it.
 *
 * Errors: -ENOTTY unknown command; -EPERM without CAP_SYS_ADMIN;
 * -EFAULT unreadable struct or unwritable histogram; -EINVAL unknown op,
 * state, dir, fmt or flags, nonzero reserved field, a parameter given to an
 * op that does not take it, iters 0 or above CMBENCH_MAX_ITERS, size 0 or
 * above CMBENCH_MAX_SIZE (CMBENCH_MAX_PAGES_SIZE for page-backed buffers),
 * offset above CMBENCH_MAX_OFFSET, pages 0 or above CMBENCH_MAX_PAGES,
 * pgsize not a page size of fmt, hist_len wrong, hist_ptr NULL or
 * misaligned, batch above CMBENCH_MAX_BATCH or above 1 for an op without
 * CMBENCH_OPF_BATCH or not dividing iters, batch copies of a buffer above
 * CMBENCH_MAX_SIZE, unknown clock, an io-pgtable range beyond the format's
 * input size or beyond what the kernel's unsigned long can address
 * (32-bit arm), pages of kmap_high_get above half the pkmap entries;
 * -EOPNOTSUPP op (or fmt, or HIGHMEM) not supported by this kernel
 * (CMBENCH_IOC_OP_INFO says why); -ENOMEM;
 * -EBUSY kmap_high_get: the pkmap entries held by the runs in progress and
 * this one's pages would pass half of the pkmap area (every kmap() user
 * waits when it is full), try again when they end;
 * -ETIMEDOUT iopt_hammer, pin_probe: the kernel threads that load the
 * other CPUs did not start within 2 s (a CPU kept busy by a real-time
 * task never runs them);
 * -EIO io-pgtable refused a range the module had checked: a bug in the
 * module or the kernel, the kernel log has the error.
 * No other errno comes back from these ioctls.
 * A clock the kernel cannot count does not fail the run: clock_error
 * says why.
 * A signal ends the run early: it returns 0 with CMBENCH_OUTF_INTERRUPTED
 * and the iterations measured so far (possibly none).
 */
struct cmbench_run {
	struct cmbench_run_in in;
	struct cmbench_run_out out;
};

#define CMBENCH_IOC_MAGIC	0xCB
#define CMBENCH_IOC_INFO	_IOWR(CMBENCH_IOC_MAGIC, 0, struct cmbench_info)
#define CMBENCH_IOC_OP_INFO	_IOWR(CMBENCH_IOC_MAGIC, 1, struct cmbench_op_info)
#define CMBENCH_IOC_RUN		_IOWR(CMBENCH_IOC_MAGIC, 2, struct cmbench_run)

#endif /* _UAPI_CMBENCH_H */
