// SPDX-License-Identifier: GPL-2.0
/* cmbench-fuzz's checks: every answer against what uapi/cmbench.h documents. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmbench_hist.h"
#include "fuzz.h"

void anomaly(const char *fmt, ...)
{
	uint32_t i = __atomic_fetch_add(&fig->notes, 1, __ATOMIC_RELAXED);
	va_list ap;

	ADD(anomalies, 1);
	if (i >= MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(fig->note[i], sizeof(fig->note[i]), fmt, ap);
	va_end(ap);
}

int errno_allowed(unsigned long cmd, int e)
{
	switch (e) {
	case EFAULT:
	case EINVAL:
		return cmd != 0;
	case ENOTTY:
		return cmd == 0;
	case EOPNOTSUPP:
	case ENOMEM:
	case EBUSY:
	case ETIMEDOUT:
		return cmd == CMBENCH_IOC_RUN;
	default:
		return 0;
	}
}

/* A run that returned 0: does what came back hold together? */
void check_run(const struct cmbench_run *r, const uint64_t *h)
{
	uint64_t batch = r->in.batch > 1 ? r->in.batch : 1, samples = r->in.iters / batch;
	uint64_t sum = 0, first = ~0ULL, last = 0, i;
	const struct cmbench_run_out *o = &r->out;
	const char *name = r->in.op < CMBENCH_OP_MAX ? ops[r->in.op].name : "?";

	if (o->flags & CMBENCH_OUTF_INTERRUPTED)
		ADD(interrupted, 1);
	if (r->in.op < CMBENCH_OP_MAX)
		ADD(op_ok[r->in.op], 1);
	if (o->flags & ~(uint32_t)CMBENCH_OUTF_INTERRUPTED)
		anomaly("%s: unknown out flags %#x", name, o->flags);
	if (o->count > samples || (!(o->flags & CMBENCH_OUTF_INTERRUPTED) && o->count != samples))
		anomaly("%s: count %llu of %llu samples, flags %#x", name,
			(unsigned long long)o->count, (unsigned long long)samples, o->flags);
	if (o->wall_ns != o->timed_ns + o->untimed_ns)
		anomaly("%s: wall %llu != timed %llu + untimed %llu", name,
			(unsigned long long)o->wall_ns, (unsigned long long)o->timed_ns,
			(unsigned long long)o->untimed_ns);
	if ((long)o->cpu >= n_cpus)
		anomaly("%s: cpu %u of %ld", name, o->cpu, n_cpus);
	if (o->reserved[0] || o->pad)
		anomaly("%s: reserved out fields not zero", name);
	if (!o->serial)
		anomaly("%s: a run that ran has no serial", name);
	if (!h)
		return;
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++) {
		if (!h[i])
			continue;
		sum += h[i];
		if (first == ~0ULL)
			first = i;
		last = i;
	}
	if (sum != o->count)
		anomaly("%s: histogram sums to %llu, count %llu", name,
			(unsigned long long)sum, (unsigned long long)o->count);
	if (!o->count)
		return;
	if (o->min_ns > o->max_ns || first != cmbench_hist_index(o->min_ns) ||
	    last != cmbench_hist_index(o->max_ns))
		anomaly("%s: min %llu max %llu, histogram from bucket %llu to %llu", name,
			(unsigned long long)o->min_ns, (unsigned long long)o->max_ns,
			(unsigned long long)first, (unsigned long long)last);
	/* Overflow-free: count <= 1e8 and every sample fits a run's time. */
	if (o->sum_ns / o->count < o->min_ns || (o->sum_ns + o->count - 1) / o->count > o->max_ns)
		anomaly("%s: mean %llu outside [min %llu, max %llu]", name,
			(unsigned long long)(o->sum_ns / o->count),
			(unsigned long long)o->min_ns, (unsigned long long)o->max_ns);
}
