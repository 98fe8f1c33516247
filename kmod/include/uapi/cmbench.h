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
#define CMBENCH_ABI_VERSION	1

#define CMBENCH_NAME_LEN	32
#define CMBENCH_TEXT_LEN	96

/*
 * Limits. Runs beyond them are rejected with -EINVAL before anything is
 * allocated. MAX_SIZE keeps a buffer inside 32-bit arm's vmalloc space.
 */
#define CMBENCH_MAX_ITERS	100000000ULL
#define CMBENCH_MAX_SIZE	(64ULL << 20)
#define CMBENCH_MAX_OFFSET	_BITULL(20)

/*
 * Latency histogram, log-linear like fio's: values below 2^(BITS+1) ns get
 * one bucket each; above, every power-of-two range is split into 2^BITS
 * equal buckets, so a bucket's width is at most 1/2^BITS of its lower bound
 * (3.1% for BITS = 5). The last bucket also takes everything above it.
 * Index <-> value math is in cmbench_hist.h, shared with user space.
 */
#define CMBENCH_HIST_BITS	5
#define CMBENCH_HIST_GROUPS	36
#define CMBENCH_HIST_BUCKETS	(CMBENCH_HIST_GROUPS << CMBENCH_HIST_BITS)

enum cmbench_op {
	CMBENCH_OP_NULL = 0,	/* the harness alone: timer and call overhead */
	CMBENCH_OP_FLUSH,	/* clean+invalidate to PoC by VA */
	CMBENCH_OP_MAX
};

/* State each timed iteration starts from, for ops on a buffer. */
enum cmbench_state {
	CMBENCH_STATE_DIRTY = 0,	/* every line written just before */
	CMBENCH_STATE_CLEAN,		/* lines present in the cache, clean */
	CMBENCH_STATE_COLD,		/* lines cleaned and invalidated */
	CMBENCH_STATE_MAX
};

/* CMBENCH_IOC_INFO: module and CPU facts. In: reserved zero. */
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
	__u64 reserved[8];
};

/* cmbench_op_info.flags */
#define CMBENCH_OPF_SUPPORTED	_BITUL(0)
#define CMBENCH_OPF_BUFFER	_BITUL(1)	/* takes size, offset, state */

/* CMBENCH_IOC_OP_INFO: describe operation @op. In: op, reserved zero. */
struct cmbench_op_info {
	__u32 op;
	__u32 flags;
	char name[CMBENCH_NAME_LEN];
	char impl[CMBENCH_TEXT_LEN];	/* what code runs, when supported */
	char why_unsupported[CMBENCH_TEXT_LEN];
	__u64 reserved[4];
};

/* cmbench_run.flags (input): none defined yet, all must be zero. */
#define CMBENCH_RUNF_VALID	0U

/* cmbench_run.out_flags */
#define CMBENCH_OUTF_INTERRUPTED	_BITUL(0)	/* a signal cut it short */

/*
 * CMBENCH_IOC_RUN: run @op for @iters timed iterations.
 * In: op, flags, iters, size/offset/state (buffer ops; zero otherwise),
 * hist_ptr/hist_len (a user array of hist_len __u64, hist_len ==
 * CMBENCH_HIST_BUCKETS, 8-byte aligned), reserved zero.
 * Out: everything after "out:", and the histogram in hist_ptr.
 *
 * Errors: -ENOTTY unknown command; -EPERM without CAP_SYS_ADMIN;
 * -EFAULT unreadable struct or unwritable histogram; -EINVAL unknown op,
 * unknown state or flags, nonzero reserved field, iters 0 or above
 * CMBENCH_MAX_ITERS, size 0 or above CMBENCH_MAX_SIZE, offset above
 * CMBENCH_MAX_OFFSET, size/offset/state given to an op without a buffer,
 * hist_len wrong, hist_ptr NULL or misaligned; -EOPNOTSUPP op not
 * supported by this kernel (CMBENCH_IOC_OP_INFO says why); -ENOMEM.
 * A signal ends the run early: it returns 0 with CMBENCH_OUTF_INTERRUPTED
 * and the iterations measured so far.
 */
struct cmbench_run {
	__u32 op;
	__u32 flags;
	__u64 iters;
	__u64 size;
	__u64 offset;
	__u32 state;
	__u32 hist_len;
	__u64 hist_ptr;
	__u64 reserved[4];
	/* out: */
	__u64 count;			/* iterations measured */
	__u64 min_ns;
	__u64 max_ns;
	__u64 sum_ns;
	__u64 sumsq_hi;			/* sum of ns^2, 128 bits */
	__u64 sumsq_lo;
	__u64 wall_ns;			/* whole loop, untimed work included */
	__u64 lines;			/* D-cache lines touched per iteration */
	__u32 out_flags;
	__u32 cpu;			/* CPU the loop started on */
	__u64 out_reserved[4];
};

#define CMBENCH_IOC_MAGIC	0xCB
#define CMBENCH_IOC_INFO	_IOWR(CMBENCH_IOC_MAGIC, 0, struct cmbench_info)
#define CMBENCH_IOC_OP_INFO	_IOWR(CMBENCH_IOC_MAGIC, 1, struct cmbench_op_info)
#define CMBENCH_IOC_RUN		_IOWR(CMBENCH_IOC_MAGIC, 2, struct cmbench_run)

#endif /* _UAPI_CMBENCH_H */
