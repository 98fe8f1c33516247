// SPDX-License-Identifier: GPL-2.0
/* What a point says, derived and in words: its statistics, its parameters. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "result.h"
#include "stats.h"

void cmb_point_finish(struct cmb_point *p)
{
	cmb_dist_summary(&p->dist, &p->sum);
	p->ns_per_line = p->lines && p->dist.s.n ? p->sum.p50 / (double)p->lines : NAN;
	if (cmb_median_ci(&p->dist, CMB_Z95, &p->ci95_lo, &p->ci95_hi))
		p->ci95_lo = p->ci95_hi = NAN;
}

double cmb_point_per_op(const struct cmb_point *p, double total)
{
	return p->dist.s.n ? total / (double)p->dist.s.n : NAN;
}

const char *cmb_point_param(const struct cmb_point *p, char *buf, size_t len)
{
	char a[16], b[16];

	if (p->fmt[0])
		snprintf(buf, len, "%s %s x%" PRIu64, p->fmt,
			 cmb_fmt_size(p->pgsize, a, sizeof(a)), p->pages);
	else if (p->state[0])	/* buffer ops, measured or not */
		snprintf(buf, len, "%s", cmb_fmt_size(p->size, a, sizeof(a)));
	else if (p->pages)
		snprintf(buf, len, "%" PRIu64 "p", p->pages);
	else
		snprintf(buf, len, "-");
	if (p->highmem) {
		snprintf(b, sizeof(b), "%s", " high");
		strncat(buf, b, len - strlen(buf) - 1);
	}
	return buf;
}

/* A count per operation: whole above 100, three digits below (0.012). */
static const char *per_op(double total, const struct cmb_point *p, char *buf, size_t len)
{
	double v = p->dist.s.n ? cmb_point_per_op(p, total) : 0.0;

	snprintf(buf, len, v >= 100 ? "%.0f" : "%.3g", v);
	return buf;
}

const char *cmb_point_events(const struct cmb_point *p, char *buf, size_t len)
{
	char r[32];
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < p->nevents && n < len; i++) {
		const struct cmb_event *e = &p->ev[i];

		if (!e->supported)
			n += (size_t)snprintf(buf + n, len - n, "%s%s=n/a", n ? " " : "", e->name);
		else
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%s/op", n ? " " : "",
					      e->name, per_op(e->count, p, r, sizeof(r)));
		if (e->supported && e->has_wait && n < len)
			n += (size_t)snprintf(buf + n, len - n, " wait=%sns/op%s",
					      per_op((double)e->wait_ns, p, r, sizeof(r)),
					      e->lost ? "(lower bound)" : "");
	}
	return buf;
}

const char *cmb_point_counters(const struct cmb_point *p, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < CMB_COUNTERS && n < len; i++)
		if (p->counter[i][0])
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%" PRIu64,
					      n ? " " : "", p->counter[i], p->count[i]);
	return buf;
}

