// SPDX-License-Identifier: GPL-2.0
/*
 * A comparison as text for a commit message: 72 columns at most, one
 * summary line, a footer with the commands, kernels, CPU and boots.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "result/machine.h"
#include "result/result.h"
#include "util/options.h"
#include "util/text.h"

#define WIDTH	CMB_MAIL_WIDTH

/* A ratio as a change: "-2.8%", "+180%". */
static const char *pct(double ratio, char *buf, size_t len)
{
	double x = 100 * (ratio - 1);

	if (isnan(x))
		snprintf(buf, len, "-");
	else if (x > 9999)
		snprintf(buf, len, ">+9999%%");
	else
		snprintf(buf, len, "%+.*f%%", fabs(x) < 100 ? 1 : 0, x);
	return buf;
}

/* A CI bound as a change; past +9999% (a ratio over 100) as ">+9999". */
static const char *pct_n(double ratio, char *buf, size_t len)
{
	double x = 100 * (ratio - 1);

	if (x > 9999)
		snprintf(buf, len, ">+9999");
	else if (fabs(x) < 0.05 && x != 0)	/* not 0, and not wider than 0.0 */
		snprintf(buf, len, "%c<0.05", x < 0 ? '-' : '+');
	else
		snprintf(buf, len, "%+.*f", fabs(x) < 100 ? 1 : 0, x);
	return buf;
}

static const char *ci(const struct cmb_ratio *r, char *buf, size_t len)
{
	char lo[16], hi[16];

	if (isnan(r->lo))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "[%s,%s]", pct_n(r->lo, lo, sizeof(lo)),
			 pct_n(r->hi, hi, sizeof(hi)));
	return buf;
}

static const char *verdict(const struct cmb_compare_row *r, char *buf, size_t len)
{
	const char *floored = r->r.floored ? "^" : "";

	switch (r->why) {
	case CMB_WHY_MACHINES:
		snprintf(buf, len, " ");
		break;
	case CMB_WHY_ONE_BOOT:
		snprintf(buf, len, "(1 boot)");
		break;
	case CMB_WHY_MISSING:
		snprintf(buf, len, "(%s only)", r->r.na ? "A" : "B");
		break;
	case CMB_WHY_FEW_BOOTS:
		if (r->resolve)
			snprintf(buf, len, "- n=%u", r->resolve);
		else
			snprintf(buf, len, "- n>%u", 99);
		break;
	case CMB_WHY_NO_CI:
		snprintf(buf, len, "-");
		break;
	default:
		if (r->v == CMB_UNRESOLVED && r->resolve)
			snprintf(buf, len, "~ n=%u%s", r->resolve, floored);
		else if (r->v == CMB_UNRESOLVED)
			snprintf(buf, len, "~ n>%u%s", 99, floored);
		else
			snprintf(buf, len, "%s%s", cmb_verdict_name(r->v), floored);
	}
	return buf;
}

static const char *v8(const struct cmb_comparison *c, double v, char *buf, size_t len)
{
	return c->o.stat->fmt8(v, buf, len);
}

/* A name longer than its column gets a line of its own, never clipped. */
static void row_line(FILE *f, const struct cmb_comparison *c, const char *name,
		     const struct cmb_compare_row *r)
{
	char a[16], b[16], d[16], ci95[32], v[16], line[160];

	if (strlen(name) > 20) {
		fprintf(f, "%s\n", name);
		name = "";
	}
	snprintf(line, sizeof(line), "%-20s %8s %8s %7s %-15s %s", name,
		 v8(c, r->a, a, sizeof(a)), v8(c, r->b, b, sizeof(b)),
		 pct(r->r.ratio, d, sizeof(d)), ci(&r->r, ci95, sizeof(ci95)),
		 c->o.machines ? "" : verdict(r, v, sizeof(v)));
	cmb_put_line(f, line);
}

/*
 * The kernel and boots of a side ("A", "B", or "A, B" when paired), short:
 * the first 12 hex digits of digests, 8 of a boot_id.
 */
static void side_footer(FILE *f, const struct cmb_set *s, int side, const char *label)
{
	const struct cmb_header *h = cmb_set_side_header(s, side);
	char line[2048], boots[1024] = "";
	size_t n = 0;
	unsigned int i;

	if (!h)
		return;
	for (i = 0; i < s->nboots && n < sizeof(boots); i++)
		if (s->boot[i]->side == side)
			n += (size_t)snprintf(boots + n, sizeof(boots) - n, " %.8s",
					      *s->boot[i]->h.boot_id ? s->boot[i]->h.boot_id : "?");
	snprintf(line, sizeof(line), "%s: %s, config %.12s, build-id %.12s; %s (MIDR 0x%08x)%s%s; "
		 "boots%s", label, h->kernel_release, *h->config_sha256 ? h->config_sha256 : "?",
		 *h->kernel_build_id ? h->kernel_build_id : "?",
		 *h->cpu_part ? h->cpu_part : "CPU", h->midr,
		 *cmb_header_kind(h) ? ", " : "", cmb_header_kind(h), boots);
	cmb_wrap(f, line, WIDTH, "   ");
}

static void footer(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c,
		   const struct cmb_text_opts *t)
{
	const struct cmb_header *a = cmb_set_side_header(s, 0), *b = cmb_set_side_header(s, 1);
	char line[2048];

	fprintf(f, "--\n");
	if (c->paired) {
		side_footer(f, s, 0, "A, B");
	} else {
		side_footer(f, s, 0, cmb_compare_letter(c, 0));
		side_footer(f, s, 1, cmb_compare_letter(c, 1));
	}
	if (a && b && strcmp(a->command, b->command)) {
		snprintf(line, sizeof(line), "%s measured by: %s", cmb_compare_letter(c, 0), a->command);
		cmb_wrap(f, line, WIDTH, "   ");
		snprintf(line, sizeof(line), "%s measured by: %s", cmb_compare_letter(c, 1), b->command);
	} else {
		snprintf(line, sizeof(line), "measured by: %s", a ? a->command : "");
	}
	cmb_wrap(f, line, WIDTH, "   ");
	if (t->command) {
		snprintf(line, sizeof(line), "compared by: %s", t->command);
		cmb_wrap(f, line, WIDTH, "   ");
	}
}

/*
 * Where each side's cycles came from: counted around the timed calls, the
 * CPU_CYCLES event around whole runs (harness included), or ns at a held
 * frequency. Said once per side when all its cells agree.
 */
static void cycles_sources(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c)
{
	char line[512], src[2][64], buf[64];
	unsigned int i, b;
	int side, mixed[2] = { 0, 0 };

	src[0][0] = src[1][0] = '\0';
	for (i = 0; i < s->nrows; i++) {
		for (b = 0; b < s->nboots; b++) {
			const struct cmb_cell *cell = &s->row[i]->cell[b];

			if (!cell->present)
				continue;
			side = s->boot[b]->side;
			cmb_cycles_src_name(cell->cycles_src, cell->cycles_mhz, buf, sizeof(buf));
			if (!*src[side])
				snprintf(src[side], sizeof(src[side]), "%s", buf);
			else if (strcmp(src[side], buf))
				mixed[side] = 1;
		}
	}
	snprintf(line, sizeof(line), "cycles: %s from %s%s, %s from %s%s", cmb_compare_letter(c, 0), src[0],
		 mixed[0] ? " and others" : "", cmb_compare_letter(c, 1), src[1],
		 mixed[1] ? " and others" : "");
	cmb_wrap(f, line, WIDTH, "  ");
}

/* What was compared, how, and what one sample is. */
static void heading(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c)
{
	const char *centre = c->o.stat->phrase;
	const char *x = cmb_compare_letter(c, 0), *y = cmb_compare_letter(c, 1);
	char line[1024], name[2][160];
	const struct cmb_header *h;
	int side;

	if (c->paired)
		snprintf(line, sizeof(line), "variants: B against A, both measured in each of "
			 "%u boot%s, paired by boot. %s: %s; B/A as a change, 95%% CI from "
			 "Student's t on the boots' log ratios", c->na, c->na == 1 ? "" : "s",
			 c->o.stat->name, centre);
	else
		snprintf(line, sizeof(line), "%s: %s against %s, %s as units (%u + %u). %s: "
			 "%s; %s/%s as a change, 95%% CI from Welch's t on logs%s",
			 c->o.machines ? "machines" : "kernels", y, x,
			 c->na == 1 && c->nb == 1 && c->o.stat->from_runs ? "runs of one boot" :
			 "boots", c->na, c->nb,
			 c->o.stat->name, centre, y, x, c->o.machines ?
			 "; ratios only, no verdicts: two machines are not a treatment" : "");
	cmb_wrap(f, line, WIDTH, "  ");
	for (side = 0; side < 2; side++) {
		h = cmb_set_side_header(s, side);
		if (*s->side_name[side])
			snprintf(name[side], sizeof(name[side]), "%s", s->side_name[side]);
		else if (h && c->o.machines)
			cmb_machine_name(h, name[side], sizeof(name[side]));
		else
			name[side][0] = '\0';
	}
	if (*name[0] && *name[1]) {
		snprintf(line, sizeof(line), "%s: %s; %s: %s", x, name[0], y, name[1]);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (s->paired_rows) {
		snprintf(line, sizeof(line), "rows paired by position: A %s, B %s", s->variant[0],
			 s->variant[1]);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (c->ndiffs) {
		snprintf(line, sizeof(line), "NOTE: the sides also differ in %s: %s", c->diffs,
			 c->o.machines ? "a ratio is not the machines' alone" :
			 "a ratio is not the kernels' alone");
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (c->o.stat->kind == CMB_STAT_CYCLES)
		cycles_sources(f, s, c);
}

/* Which level a region is: "L1", "L2", "memory". */
static const char *region_name(unsigned int level, char *buf, size_t len)
{
	if (level)
		snprintf(buf, len, "L%u", level);
	else
		snprintf(buf, len, "mem");
	return buf;
}

/*
 * Between machines, the buffer ops by cache region: each machine's own
 * sizes that fit in its level, per D-cache line.
 */
static void regions(FILE *f, const struct cmb_comparison *c)
{
	char lv[16], a[16], b[16], d[16], ci95[32], ra[24], rb[24], l1[16], l2[16], name[48];
	const char *unit = c->o.stat->unit;
	unsigned int i;

	if (!c->nregions)
		return;
	fprintf(f, "\nby cache region, each machine's own: %s per D-cache line,\n"
		"geometric mean over the sizes that fit there%s\n\n", unit,
		c->regions[0].within_boot ? " (CIs from runs)" : "");
	fprintf(f, "%-14s %-9s %-9s %6s %6s %7s %s\n", "op, region", "X sizes", "Y sizes",
		"X", "Y", "Y/X", "95% CI, %");
	for (i = 0; i < c->nregions; i++) {
		const struct cmb_region *g = &c->regions[i];

		snprintf(ra, sizeof(ra), "%s-%s", cmb_fmt_size(g->lo[0], l1, sizeof(l1)),
			 cmb_fmt_size(g->hi[0], l2, sizeof(l2)));
		snprintf(rb, sizeof(rb), "%s-%s", cmb_fmt_size(g->lo[1], l1, sizeof(l1)),
			 cmb_fmt_size(g->hi[1], l2, sizeof(l2)));
		snprintf(a, sizeof(a), "%.3g", g->per_line[0]);
		snprintf(b, sizeof(b), "%.3g", g->per_line[1]);
		snprintf(name, sizeof(name), "%s %s", g->op, region_name(g->level, lv, sizeof(lv)));
		fprintf(f, "%-14s %-9s %-9s %6s %6s %7s %s\n", name, ra, rb, a, b,
			pct(g->r.ratio, d, sizeof(d)), ci(&g->r, ci95, sizeof(ci95)));
	}
}

void cmb_compare_text(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c,
		      const struct cmb_text_opts *t)
{
	const char *theta = t->ascii ? "theta" : "\u03b8";
	char line[1024], d[16], cl[32], boots[48], ha[16], hb[16], hr[16], gv[16], gm[96];
	const char *x = cmb_compare_letter(c, 0), *y = cmb_compare_letter(c, 1);
	unsigned int i;

	heading(f, s, c);
	snprintf(ha, sizeof(ha), "%s%s", x, c->o.stat->column);
	snprintf(hb, sizeof(hb), "%s%s", y, c->o.stat->column);
	snprintf(hr, sizeof(hr), "%s/%s", y, x);
	snprintf(line, sizeof(line), "\n%-20s %8s %8s %7s %-15s %s", "op, parameters", ha, hb,
		 hr, "95% CI, %", c->o.machines ? "" : "verdict");
	cmb_put_line(f, line);
	for (i = 0; i < c->n; i++)
		row_line(f, c, c->rows[i].row->name, &c->rows[i]);
	if (c->na && c->nb)
		row_line(f, c, "geomean", &c->geomean);
	fputc('\n', f);
	if (c->paired)
		snprintf(boots, sizeof(boots), "%u paired boots", c->na);
	else if (c->na == 1 && c->nb == 1 && c->o.stat->from_runs)
		snprintf(boots, sizeof(boots), "1+1 boots, CIs from runs");
	else
		snprintf(boots, sizeof(boots), "%u+%u boots", c->na, c->nb);
	/* The geomean: its change, its CI when it has one, its verdict when judged. */
	snprintf(gm, sizeof(gm), "geomean %s", pct(c->geomean.r.ratio, d, sizeof(d)));
	if (!isnan(c->geomean.r.lo))
		snprintf(gm + strlen(gm), sizeof(gm) - strlen(gm), " %s",
			 ci(&c->geomean.r, cl, sizeof(cl)));
	if (!c->geomean.why)
		snprintf(gm + strlen(gm), sizeof(gm) - strlen(gm), " %s",
			 verdict(&c->geomean, gv, sizeof(gv)));
	if (c->o.machines) {
		snprintf(line, sizeof(line), "%s vs %s: %s over %u points (%s)", y, x, gm, c->n,
			 boots);
	} else {
		char nv[48] = "", fam[96];

		if (c->count[CMB_NO_VERDICT])
			snprintf(nv, sizeof(nv), ", no verdict %u", c->count[CMB_NO_VERDICT]);
		if (c->family)
			snprintf(fam, sizeof(fam), "%s %.0f%% over %u test%s, geomean included",
				 c->o.adjust->title, 100 * c->o.alpha, c->family,
				 c->family == 1 ? "" : "s");
		else
			snprintf(fam, sizeof(fam), "no row could be judged");
		snprintf(line, sizeof(line), "B vs A: faster %u/%u, slower %u, same %u, ~ %u%s; "
			 "%s (%s; %s %.0f%%; %s)", c->count[CMB_FASTER], c->n,
			 c->count[CMB_SLOWER], c->count[CMB_SAME], c->count[CMB_UNRESOLVED], nv, gm,
			 fam, theta, 100 * c->o.theta, boots);
	}
	cmb_wrap(f, line, WIDTH, "  ");
	cmb_compare_footnotes(f, c, t);
	if (c->o.machines)
		regions(f, c);
	footer(f, s, c, t);
}

