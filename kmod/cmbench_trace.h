/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench:run, one record per run of an op on one CPU, written after the
 * timed loop has ended, so that perf record -e cmbench:run and trace-cmd
 * show cmbench's runs beside the kernel's own events (lock contention,
 * TLB flushes) at no cost to the numbers.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cmbench

#if !defined(_CMBENCH_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _CMBENCH_TRACE_H

#include <linux/tracepoint.h>

#include "uapi/cmbench.h"

/*
 * The op's name is a fixed array, not __string(): __assign_str() changed
 * its arguments in 6.10, and one header serves every kernel DKMS meets.
 */
TRACE_EVENT(run,
	    TP_PROTO(const char *op, const struct cmbench_run_in *req,
		     const struct cmbench_run_out *out, u32 batch),
	    TP_ARGS(op, req, out, batch),
	    TP_STRUCT__entry(__array(char, op, CMBENCH_NAME_LEN)
			     __field(u64, size)
			     __field(u64, offset)
			     __field(u64, pgsize)
			     __field(u32, state)
			     __field(u32, pages)
			     __field(u32, fmt)
			     __field(u32, dir)
			     __field(u32, flags)
			     __field(u32, batch)
			     __field(u64, iters)
			     __field(u64, samples)
			     __field(u64, timed_ns)
			     __field(u64, wall_ns)
			     __field(u32, cpu)
			     __field(u32, interrupted)),
	    TP_fast_assign(strscpy(__entry->op, op, CMBENCH_NAME_LEN);
			   __entry->size = req->size;
			   __entry->offset = req->offset;
			   __entry->pgsize = req->pgsize;
			   __entry->state = req->state;
			   __entry->pages = req->pages;
			   __entry->fmt = req->fmt;
			   __entry->dir = req->dir;
			   __entry->flags = req->flags;
			   __entry->batch = batch;
			   __entry->iters = out->count * batch;
			   __entry->samples = out->count;
			   __entry->timed_ns = out->timed_ns;
			   __entry->wall_ns = out->wall_ns;
			   __entry->cpu = out->cpu;
			   __entry->interrupted = !!(out->flags & CMBENCH_OUTF_INTERRUPTED);),
	    TP_printk("op=%s size=%llu offset=%llu pgsize=%llu state=%u pages=%u fmt=%u dir=%u flags=0x%x batch=%u iters=%llu samples=%llu timed_ns=%llu wall_ns=%llu cpu=%u interrupted=%u",
		      __entry->op, __entry->size, __entry->offset, __entry->pgsize,
		      __entry->state, __entry->pages, __entry->fmt, __entry->dir,
		      __entry->flags, __entry->batch, __entry->iters, __entry->samples,
		      __entry->timed_ns, __entry->wall_ns, __entry->cpu,
		      __entry->interrupted)
);

#endif /* _CMBENCH_TRACE_H */

/* An out-of-tree module: the header is found in its own directory. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE cmbench_trace
#include <trace/define_trace.h>
