// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "report/report.h"
#include "result/stats.h"
#include "util/text.h"

/* "# " and text, wrapped at the table's width under "#   ". */
static void comment(FILE *f, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fputs("# ", f);
	cmb_wrap_from(f, text, CMB_TABLE_WIDTH, "#   ", 2);
}

void cmb_report_header(FILE *f, const struct cmb_header *h)
{
	char cfg[256] = "", vcpus[48];
	const char *name;
	unsigned int i;

	comment(f, "%s", h->label);
	comment(f, "kernel %s, %s, %u CPU%s, MIDR 0x%08x %s", h->kernel_release, h->machine,
		h->n_cpus, h->n_cpus == 1 ? "" : "s", h->midr, h->cpu_part);
	comment(f, "module %s (ABI %u), counter %" PRIu64 " Hz (%.1f ns/tick), D-line %u B, "
		"CWG %u B", h->module_version, h->abi_version, h->timer_hz,
		h->timer_hz ? 1e9 / (double)h->timer_hz : 0.0, h->dcache_line, h->cwg);
	for (i = 0; (name = cmb_kconfig_name(i)); i++)
		if (h->kconfig & (1ULL << i))
			snprintf(cfg + strlen(cfg), sizeof(cfg) - strlen(cfg), " %s", name);
	if (*h->preempt)
		comment(f, "config: PREEMPT %s,%s", h->preempt, *cfg ? cfg : " (none of note)");
	else
		comment(f, "config: not recorded");
	if (h->emu.icount)
		comment(f, "EMULATED, icount (shift %d, seed %" PRIu64 "): %s %s (-cpu %s, %s): "
			"%s, not time; no cache is modelled, so a "
			"cache op's figure is its loop's instructions; vCPUs run in turn, so "
			"threads do not contend", h->emu.icount_shift, h->emu.seed, h->emu.name,
			h->emu.version, h->emu.cpu, cmb_vcpus(h, vcpus, sizeof(vcpus)),
			h->emu.icount_shift ? "an instruction here is 2^shift ns" :
			"a ns here is one instruction");
	else if (h->emu.emulated)
		comment(f, "EMULATED, not hardware timings: %s %s (%s, -cpu %s, %s); %s",
			h->emu.name, h->emu.version, h->emu.accel, h->emu.cpu,
			cmb_vcpus(h, vcpus, sizeof(vcpus)), *h->emu.model ?
			"QEMU models no caches, the cache model below does" :
			"caches are not modelled");
	if (*h->emu.model)
		comment(f, "%s (cmbench model: the [MODELLED ...] notes)", h->emu.model);
	if (*h->boot_id)
		comment(f, "boot %s, up %.0f s", h->boot_id, h->uptime_s);
	if (h->upgraded_from)
		comment(f, "UPGRADED: %s", h->upgraded_note);
}

/*
 * The default table fits 100 columns: the figures a reader compares,
 * then, on a line of its own under the row, the counters and notes.
 * --wide puts it all on one line with the timed and "other" columns.
 */
void cmb_report_table_head(FILE *f, int wide)
{
	comment(f, "centre: geometric mean of the runs' medians; ci95 over the runs (Student's "
		"t), never below the resolution (h: a histogram bucket, t: the timer); sust: "
		"wall time per op less the harness; kops/s sustained%s", wide ?
		"; timed: the timed loop's own; other: wall time neither timed nor harness "
		"(deferred work, stalls)" : "; counters and notes on the line under a row "
		"(--wide: one line, with timed and other)");
	if (wide)
		fprintf(f, "%-17s %-6s %-16s %3s %4s %9s %9s %9s %9s %9s %6s %9s  %s\n",
			"op", "state", "param", "thr", "runs", "centre ns", "ci95", "p99 ns",
			"timed ns", "sust ns", "other", "kops/s", "counters");
	else
		fprintf(f, "%-17s %-6s %-16s %3s %4s %9s %9s %9s %9s %9s\n", "op", "state",
			"param", "thr", "runs", "centre ns", "ci95", "p99 ns", "sust ns", "kops/s");
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

/* Thousands of ops a second; "-" when not known (files before schema 6). */
static const char *kops(double ops_per_s, char *buf, size_t len)
{
	if (isnan(ops_per_s))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", ops_per_s / 1e3);
	return buf;
}

const char *cmb_ci_pct(const struct cmb_point *p, const char *pm, char *buf, size_t len)
{
	const struct cmb_interval *iv = &p->ci;
	double half = fmax(iv->hi - iv->centre, iv->centre - iv->lo);

	if (iv->bound == CMB_BOUND_NONE || !(iv->centre > 0) || isnan(half))
		snprintf(buf, len, "n/a");
	else if (half >= 10 * iv->centre)
		snprintf(buf, len, ">%s999%%", pm);
	else
		snprintf(buf, len, "%s%.*f%%%s", pm, half >= iv->centre ? 0 : 1,
			 100 * half / iv->centre, iv->bound == CMB_BOUND_HISTOGRAM ? "h" :
			 iv->bound == CMB_BOUND_TIMER ? "t" : "");
	return buf;
}

/* The model's CI over the runs as "+-x%", "n/a" from one run. */
static const char *model_ci(const struct cmb_point *p, char *buf, size_t len)
{
	const struct cmb_interval *iv = &p->model.cycles;

	if (iv->runs < 2 || isnan(iv->lo) || isnan(iv->hi))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "+-%.2g%%", 100 * fmax(iv->hi - iv->centre,
							 iv->centre - iv->lo) / iv->centre);
	return buf;
}

/* What follows the counters: a batch, a warning, a finding, the model. */
static const char *notes(const struct cmb_point *p, char *buf, size_t len)
{
	char ci[24];
	size_t n = 0;

	buf[0] = '\0';
	if (p->batch > 1)
		n += (size_t)snprintf(buf + n, len - n, "  [batch %u]", p->batch);
	if (n < len && p->cyc.counted)
		n += (size_t)snprintf(buf + n, len - n, "  [%.1f cyc/op]", p->cyc.per_op);
	if (n < len && p->ins.counted)
		n += (size_t)snprintf(buf + n, len - n, "  [%.1f ins/op]", cmb_point_insns(p));
	if (n < len && p->model.cycles.centre > 0)
		n += (size_t)snprintf(buf + n, len - n, "  [MODELLED %.1f cyc/op %s, L1 wb "
				      "%.2f/op, mem wr %.2f/op, DSB %.2f/op]", p->model.cycles.centre,
				      model_ci(p, ci, sizeof(ci)), p->model.l1_wb,
				      p->model.mem_wr, p->model.dsb);
	if (n < len && p->overcommit)
		n += (size_t)snprintf(buf + n, len - n, "  [overcommitted vCPUs]");
	if (n < len && p->interrupted)
		n += (size_t)snprintf(buf + n, len - n, "  (interrupted)");
	else if (n < len && p->finding)
		snprintf(buf + n, len - n, "  (finding: read the counters)");
	return buf;
}

void cmb_report_row(FILE *f, const struct cmb_point *p, int wide)
{
	char param[48], a[8][24], cnt[160], ev[400], other[16], nt[192], more[800];

	/* Filled before the call: its arguments are evaluated in no set order. */
	cmb_point_counters(p, cnt, sizeof(cnt));
	cmb_point_events(p, ev, sizeof(ev));
	notes(p, nt, sizeof(nt));
	fprintf(f, "%-17s %-6s %-16s %3u %4u %9s %9s %9s ", p->op, *p->state ? p->state : "-",
		cmb_point_param(p, param, sizeof(param)), p->threads, p->repeats,
		ns(p->ci.centre, a[0], sizeof(a[0])), cmb_ci_pct(p, "+-", a[1], sizeof(a[1])),
		ns(p->sum.p99, a[2], sizeof(a[2])));
	if (!wide) {
		fprintf(f, "%9s %9s\n", ns(p->sustained_per_op, a[4], sizeof(a[4])),
			kops(p->ops_per_s, a[5], sizeof(a[5])));
		snprintf(more, sizeof(more), "%s%s%s%s", cnt, *cnt && *ev ? " " : "", ev, nt);
		if (*more) {
			fputs("    ", f);
			cmb_wrap_from(f, more + strspn(more, " "), CMB_TABLE_WIDTH, "      ", 4);
		}
		return;
	}
	if (p->wall_ns)
		snprintf(other, sizeof(other), "%.0f%%", 100.0 * (double)p->other_ns /
			 (double)p->wall_ns);
	else
		snprintf(other, sizeof(other), "-");
	fprintf(f, "%9s %9s %6s %9s  %s%s%s%s\n", ns(p->timed_per_op, a[3], sizeof(a[3])),
		ns(p->sustained_per_op, a[4], sizeof(a[4])), other,
		kops(p->ops_per_s, a[5], sizeof(a[5])),
		cnt, *cnt && *ev ? " " : "", ev, nt);
}

struct report {
	FILE *f;
	int headers;
	int wide;
};

static int head(const struct cmb_header *h, void *arg)
{
	const struct report *r = arg;

	if (r->headers) {
		cmb_report_header(r->f, h);
		cmb_report_table_head(r->f, r->wide);
	}
	return 0;
}

static void row(const struct cmb_point *p, void *arg)
{
	const struct report *r = arg;

	cmb_report_row(r->f, p, r->wide);
}

int cmb_report_file(FILE *f, const char *path, int headers, int wide, char *err,
		    size_t errlen)
{
	struct report r = { f, headers, wide };

	return cmb_result_each(path, head, row, &r, err, errlen);
}

void cmb_report_row_out(const struct cmb_point *p, void *arg)
{
	cmb_report_row(stdout, p, arg && *(const unsigned int *)arg);
	fflush(stdout);
}
