// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report.h"
#include "stats.h"

void cmb_report_header(FILE *f, const struct cmb_header *h)
{
	fprintf(f, "# %s\n", h->label);
	fprintf(f, "# kernel %s, %s, %u CPUs, MIDR 0x%08x %s\n", h->kernel_release,
		h->machine, h->n_cpus, h->midr, h->cpu_part);
	fprintf(f, "# module %s (ABI %u), counter %" PRIu64 " Hz (%.1f ns/tick), "
		"D-line %u B, CWG %u B\n", h->module_version, h->abi_version,
		h->timer_hz, h->timer_hz ? 1e9 / (double)h->timer_hz : 0.0,
		h->dcache_line, h->cwg);
	{
		char cfg[256] = "";
		const char *name;
		unsigned int i;

		for (i = 0; (name = cmb_kconfig_name(i)); i++)
			if (h->kconfig & (1ULL << i))
				snprintf(cfg + strlen(cfg), sizeof(cfg) - strlen(cfg), " %s", name);
		fprintf(f, "# config: PREEMPT %s,%s\n", h->preempt, *cfg ? cfg : " (none of note)");
	}
	if (h->emu.emulated)
		fprintf(f, "# EMULATED: %s %s (%s, -cpu %s): these are not hardware "
			"timings; caches are not modelled\n", h->emu.name,
			h->emu.version, h->emu.accel, h->emu.cpu);
}

void cmb_report_table_head(FILE *f)
{
	fprintf(f, "%-17s %-6s %-16s %3s %8s %9s %9s %7s %9s %9s %9s %9s %21s %8s %9s  %s\n",
		"op", "state", "param", "thr", "n", "min", "p50", "ci95", "p90", "p99",
		"p99.9", "max", "mean +- stddev", "ns/line", "kops/s", "counters");
}

static const char *ns(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (v >= 100)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
	return buf;
}

/* The median's 95% CI as a +-percentage of it; "-" when there is none. */
static const char *ci_pct(const struct cmb_point *p, char *buf, size_t len)
{
	if (isnan(p->ci95_lo) || !(p->sum.p50 > 0))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "+-%.1f%%", 100 * (p->ci95_hi - p->ci95_lo) / 2 / p->sum.p50);
	return buf;
}

void cmb_report_row(FILE *f, const struct cmb_point *p)
{
	char param[48], a[8][24], ms[64], cnt[160], ev[400];
	const struct cmb_summary *s = &p->sum;

	/* Filled before the call: its arguments are evaluated in no set order. */
	cmb_point_counters(p, cnt, sizeof(cnt));
	cmb_point_events(p, ev, sizeof(ev));
	snprintf(ms, sizeof(ms), "%s +- %s", ns(s->mean, a[4], sizeof(a[4])),
		 ns(s->stddev, a[5], sizeof(a[5])));
	fprintf(f, "%-17s %-6s %-16s %3u %8" PRIu64 " %9" PRIu64 " %9s %7s %9s %9s %9s %9"
		PRIu64 " %21s %8s %9.1f  %s%s%s%s\n", p->op, *p->state ? p->state : "-",
		cmb_point_param(p, param, sizeof(param)), p->threads, (uint64_t)p->dist.s.n,
		(uint64_t)p->dist.s.min,
		ns(s->p50, a[0], sizeof(a[0])), ci_pct(p, a[6], sizeof(a[6])),
		ns(s->p90, a[1], sizeof(a[1])), ns(s->p99, a[2], sizeof(a[2])),
		ns(s->p999, a[7], sizeof(a[7])), (uint64_t)p->dist.s.max, ms,
		ns(p->ns_per_line, a[3], sizeof(a[3])), p->ops_per_s / 1e3,
		cnt, *cnt && *ev ? " " : "", ev,
		p->interrupted ? "  (interrupted)" : p->finding ? "  (finding: read the counters)" : "");
}

struct report {
	FILE *f;
	int headers;
};

static int head(const struct cmb_header *h, void *arg)
{
	const struct report *r = arg;

	if (r->headers) {
		cmb_report_header(r->f, h);
		cmb_report_table_head(r->f);
	}
	return 0;
}

static void row(const struct cmb_point *p, void *arg)
{
	cmb_report_row(((const struct report *)arg)->f, p);
}

int cmb_report_file(FILE *f, const char *path, int headers, char *err, size_t errlen)
{
	struct report r = { f, headers };

	return cmb_result_each(path, head, row, &r, err, errlen);
}
