// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "result/result.h"
#include "util/files.h"
#include "util/options.h"
#include "util/text.h"
#include "result/machine.h"
#include "uapi/cmbench_hist.h"

#define WIDTH	72

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
	if (r->within_boot)
		snprintf(buf, len, "(1 boot)");
	else if (r->v == CMB_NO_VERDICT)
		snprintf(buf, len, "-");
	else if (r->v == CMB_UNRESOLVED && r->resolve)
		snprintf(buf, len, "~ n=%u", r->resolve);
	else if (r->v == CMB_UNRESOLVED)
		snprintf(buf, len, "~ n>%u", 99);
	else
		snprintf(buf, len, "%s%s", cmb_verdict_name(r->v), r->low_power ? "*" : "");
	return buf;
}

static const char *v8(const struct cmb_comparison *c, double v, char *buf, size_t len)
{
	return c->o.stat == CMB_STAT_CYCLES ? cmb_c8(v, buf, len) : cmb_t8(v, buf, len);
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
	snprintf(line, sizeof(line), "%s: %s, config %.12s, build-id %.12s; %s (MIDR 0x%08x)%s; "
		 "boots%s", label, h->kernel_release, *h->config_sha256 ? h->config_sha256 : "?",
		 *h->kernel_build_id ? h->kernel_build_id : "?",
		 *h->cpu_part ? h->cpu_part : "CPU", h->midr,
		 h->emu.emulated ? ", EMULATED" : "", boots);
	cmb_wrap(f, line, WIDTH, "   ");
}

static const char *letter(const struct cmb_comparison *c, int side);

static void footer(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c,
		   const struct cmb_text_opts *t)
{
	const struct cmb_header *a = cmb_set_side_header(s, 0), *b = cmb_set_side_header(s, 1);
	char line[2048];

	fprintf(f, "--\n");
	if (c->paired) {
		side_footer(f, s, 0, "A, B");
	} else {
		side_footer(f, s, 0, letter(c, 0));
		side_footer(f, s, 1, letter(c, 1));
	}
	if (a && b && strcmp(a->command, b->command)) {
		snprintf(line, sizeof(line), "%s measured by: %s", letter(c, 0), a->command);
		cmb_wrap(f, line, WIDTH, "   ");
		snprintf(line, sizeof(line), "%s measured by: %s", letter(c, 1), b->command);
	} else {
		snprintf(line, sizeof(line), "measured by: %s", a ? a->command : "");
	}
	cmb_wrap(f, line, WIDTH, "   ");
	if (t->command) {
		snprintf(line, sizeof(line), "compared by: %s", t->command);
		cmb_wrap(f, line, WIDTH, "   ");
	}
}

/* The sides' letters: A and B for kernels or variants, X and Y for machines. */
static const char *letter(const struct cmb_comparison *c, int side)
{
	return c->o.machines ? (side ? "Y" : "X") : (side ? "B" : "A");
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
	snprintf(line, sizeof(line), "cycles: %s from %s%s, %s from %s%s", letter(c, 0), src[0],
		 mixed[0] ? " and others" : "", letter(c, 1), src[1],
		 mixed[1] ? " and others" : "");
	cmb_wrap(f, line, WIDTH, "  ");
}

/* What was compared, how, and what one sample is. */
static void heading(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c)
{
	const char *centre = c->o.stat == CMB_STAT_CENTRE ?
			     "each boot's geometric mean of its runs' medians" :
			     c->o.stat == CMB_STAT_CYCLES ? "each boot's CPU cycles per op" :
			     "each boot's merged samples";
	const char *x = letter(c, 0), *y = letter(c, 1);
	char line[1024], name[2][160];
	const struct cmb_header *h;
	int side;

	if (c->paired)
		snprintf(line, sizeof(line), "variants: B against A, both measured in each of "
			 "%u boot%s, paired by boot. %s: %s; B/A as a change, 95%% CI from "
			 "Student's t on the boots' log ratios", c->na, c->na == 1 ? "" : "s",
			 cmb_stat_name(c->o.stat), centre);
	else
		snprintf(line, sizeof(line), "%s: %s against %s, %s as units (%u + %u). %s: "
			 "%s; %s/%s as a change, 95%% CI from Welch's t on logs%s",
			 c->o.machines ? "machines" : "kernels", y, x,
			 c->na > 1 || c->nb > 1 ? "boots" : "runs of one boot", c->na, c->nb,
			 cmb_stat_name(c->o.stat), centre, y, x, c->o.machines ?
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
	if (c->o.stat == CMB_STAT_CYCLES)
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
	const char *unit = c->o.stat == CMB_STAT_CYCLES ? "cycles" : "ns";
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
	char line[1024], d[16], cl[32], boots[48], ha[16], hb[16], hr[16];
	const char *x = letter(c, 0), *y = letter(c, 1);
	unsigned int i;

	heading(f, s, c);
	snprintf(ha, sizeof(ha), "%s%s", x, c->o.stat == CMB_STAT_CYCLES ? " cyc" : "");
	snprintf(hb, sizeof(hb), "%s%s", y, c->o.stat == CMB_STAT_CYCLES ? " cyc" : "");
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
	else if (c->na == 1 && c->nb == 1)
		snprintf(boots, sizeof(boots), "1+1 boots, CIs from runs");
	else
		snprintf(boots, sizeof(boots), "%u+%u boots", c->na, c->nb);
	if (c->o.machines) {
		snprintf(line, sizeof(line), "%s vs %s: geomean %s %s over %u points (%s)", y, x,
			 pct(c->geomean.r.ratio, d, sizeof(d)), ci(&c->geomean.r, cl, sizeof(cl)),
			 c->n, boots);
		cmb_wrap(f, line, WIDTH, "  ");
	} else {
		snprintf(line, sizeof(line), "B vs A: faster %u/%u, slower %u, same %u, ~ %u "
			 "(%s %.0f%%, %s %.0f%%, family %u); geomean %s %s (%s)",
			 c->count[CMB_FASTER], c->n, c->count[CMB_SLOWER], c->count[CMB_SAME],
			 c->count[CMB_UNRESOLVED], c->o.adjust == CMB_ADJUST_BH ? "BH" :
			 c->o.adjust == CMB_ADJUST_HOLM ? "Holm" : "unadjusted",
			 100 * c->o.alpha, theta, 100 * c->o.theta, c->family,
			 pct(c->geomean.r.ratio, d, sizeof(d)), ci(&c->geomean.r, cl, sizeof(cl)),
			 boots);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (c->o.machines)
		;	/* no verdicts: no footnotes about them */
	else if (c->na == 1 || c->nb == 1)
		cmb_wrap(f, c->paired ? "One boot: no verdict. The CIs come from the runs of "
			 "that boot (within-boot): they do not see how boots differ." :
			 "One boot a side: no verdict. The CIs come from the runs of the two "
			 "boots (within-boot): they do not see how boots differ.", WIDTH, "  ");
	else if (c->na == 2 || c->nb == 2)
		cmb_wrap(f, c->paired ? "* two boots: low power, one degree of freedom." :
			 "* two boots a side: low power, few degrees of freedom.", WIDTH, "  ");
	if (c->o.machines && (c->na == 1 || c->nb == 1))
		cmb_wrap(f, "One boot a side: the CIs come from the runs of each boot; they do "
			 "not see how boots differ.", WIDTH, "  ");
	if (!c->o.machines) {
		if (isnan(t->icc))
			snprintf(line, sizeof(line), "~ n=N: boots %s that would resolve it at "
				 "the spread seen. ICC not calibrated (cmbench calibrate).",
				 c->paired ? "in all" : "per kernel");
		else
			snprintf(line, sizeof(line), "~ n=N: boots %s that would resolve it, at "
				 "the spreads calibrated in %s (median ICC %.2f: the boots' share "
				 "of the variance).", c->paired ? "in all" : "per kernel",
				 t->calibration, t->icc);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (c->o.machines)
		regions(f, c);
	footer(f, s, c, t);
}

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *row_json(const struct cmb_set *s, const struct cmb_comparison *c,
			const struct cmb_compare_row *r)
{
	double a[CMB_MAX_BOOTS], b[CMB_MAX_BOOTS];
	unsigned int na = cmb_compare_values(s, c, r->row, 0, a), i;
	unsigned int nb = cmb_compare_values(s, c, r->row, 1, b);
	json_t *ja = json_array(), *jb = json_array();

	for (i = 0; i < na; i++)
		json_array_append_new(ja, json_real(a[i]));
	for (i = 0; i < nb; i++)
		json_array_append_new(jb, json_real(b[i]));
	return json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:i,s:b,s:b,s:o,s:o}",
			 "name", r->row ? r->row->name : "geomean",
			 "key", r->row ? r->row->key : "", "a_ns", num(r->a), "b_ns", num(r->b),
			 "ratio", num(r->r.ratio), "ci95_lo", num(r->r.lo), "ci95_hi", num(r->r.hi),
			 "df", num(r->r.df), "p", num(r->r.p), "q", num(r->q),
			 "verdict", cmb_verdict_name(r->v), "boots_to_resolve", (int)r->resolve,
			 "within_boot", r->within_boot, "low_power", r->low_power,
			 "a_boots", ja, "b_boots", jb);
}

void cmb_compare_json(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c)
{
	json_t *rows = json_array(), *regions = json_array(), *o;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		json_array_append_new(rows, row_json(s, c, &c->rows[i]));
	for (i = 0; i < c->nregions; i++) {
		const struct cmb_region *g = &c->regions[i];

		json_array_append_new(regions, json_pack(
			"{s:s,s:i,s:[I,I],s:[I,I],s:[i,i],s:[o,o],s:o,s:o,s:o,s:b}", "op", g->op,
			"level", (int)g->level, "lo", (json_int_t)g->lo[0], (json_int_t)g->lo[1],
			"hi", (json_int_t)g->hi[0], (json_int_t)g->hi[1], "sizes",
			(int)g->nsizes[0], (int)g->nsizes[1], "per_line", num(g->per_line[0]),
			num(g->per_line[1]), "ratio", num(g->r.ratio), "ci95_lo", num(g->r.lo),
			"ci95_hi", num(g->r.hi), "within_boot", g->within_boot));
	}
	o = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:b,s:s,s:s,s:f,s:f,s:s,s:i,s:o,s:o}", "type",
		      "comparison", "a", s->side_name[0], "b", s->side_name[1],
		      "stat", cmb_stat_name(c->o.stat), "boots_a", (int)c->na,
		      "boots_b", (int)c->nb, "paired", c->paired, "variant_a", s->variant[0],
		      "variant_b", s->variant[1], "theta", c->o.theta, "alpha", c->o.alpha,
		      "adjust", c->o.adjust == CMB_ADJUST_BH ? "bh" :
		      c->o.adjust == CMB_ADJUST_HOLM ? "holm" : "none",
		      "family", (int)c->family, "rows", rows,
		      "geomean", row_json(s, c, &c->geomean));
	json_object_set_new(o, "machines", json_boolean(c->o.machines));
	json_object_set_new(o, "differs_in", json_string(c->diffs));
	json_object_set_new(o, "regions", regions);
	json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(o);
}

void cmb_compare_csv(FILE *f, const struct cmb_comparison *c)
{
	unsigned int i;

	fprintf(f, "name,a_ns,b_ns,ratio,ci95_lo,ci95_hi,p,q,verdict\n");
	for (i = 0; i <= c->n; i++) {
		const struct cmb_compare_row *r = i < c->n ? &c->rows[i] : &c->geomean;

		fprintf(f, "\"%s\",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s\n",
			r->row ? r->row->name : "geomean", r->a, r->b, r->r.ratio, r->r.lo,
			r->r.hi, r->r.p, r->q, cmb_verdict_name(r->v));
	}
}

int cmb_compare_ministat(const char *dir, const struct cmb_set *s,
			 const struct cmb_comparison *c, char *err, size_t len)
{
	double v[CMB_MAX_BOOTS];
	char name[32];
	unsigned int i, k, n;
	FILE *rows, *f;
	int side;

	if (cmb_mkdir_p(dir, err, len) || !(rows = cmb_open_in(dir, "rows.txt", err, len)))
		return -1;
	for (i = 0; i < c->n; i++) {
		fprintf(rows, "%02u\t%s\n", i + 1, c->rows[i].row->name);
		for (side = 0; side < 2; side++) {
			snprintf(name, sizeof(name), "%02u-%c.txt", i + 1, side ? 'B' : 'A');
			f = cmb_open_in(dir, name, err, len);
			if (!f) {
				fclose(rows);
				return -1;
			}
			n = cmb_compare_values(s, c, c->rows[i].row, side, v);
			fprintf(f, "# %s, side %c: ln(%s ns) of each boot%s\n",
				c->rows[i].row->name, side ? 'B' : 'A', cmb_stat_name(c->o.stat),
				c->paired ? " (paired by boot: ministat's t is unpaired)" : "");
			for (k = 0; k < n; k++)
				fprintf(f, "%.9f\n", log(v[k]));
			fclose(f);
		}
	}
	fclose(rows);
	return 0;
}

/*
 * A boot's number in boot order (files are read in the order they
 * booted): the count of distinct boot_ids up to its own, so that both
 * sides of a paired boot share it.
 */
static unsigned int boot_number(const struct cmb_set *s, unsigned int b)
{
	unsigned int i, j, n = 0;

	for (i = 0; i <= b; i++) {
		for (j = 0; j < i; j++)
			if (*s->boot[i]->h.boot_id &&
			    !strcmp(s->boot[j]->h.boot_id, s->boot[i]->h.boot_id))
				break;
		if (j == i)
			n++;
		if (i == b && j < i)
			return boot_number(s, j);
	}
	return n;
}

/* The merged latency CDF of a side: value, share of samples at or below. */
static void cdf(FILE *f, const struct cmb_dist *d, const char *side)
{
	uint64_t seen = 0;
	unsigned int i;

	fprintf(f, "# %s: ns\tshare at or below\n", side);
	for (i = 0; d && i < CMBENCH_HIST_BUCKETS; i++) {
		if (!d->hist[i])
			continue;
		/* The curve starts from 0 at the first sample's bucket. */
		if (!seen)
			fprintf(f, "%llu\t0\n", (unsigned long long)cmbench_hist_lower(i));
		seen += d->hist[i];
		fprintf(f, "%llu\t%.6f\n", (unsigned long long)cmbench_hist_upper(i),
			(double)seen / (double)d->s.n);
	}
	fprintf(f, "\n\n");
}

/* "# data: a/boot-01-A.jsonl ...": a boot's file each, the first 3. */
static void plot_sources(FILE *f, const struct cmb_set *s)
{
	unsigned int i;

	fprintf(f, "# data:");
	for (i = 0; i < s->nboots && i < 3; i++)
		fprintf(f, " %s", s->boot[i]->path);
	if (s->nboots > 3)
		fprintf(f, " and %u more boots", s->nboots - 3);
	fputc('\n', f);
}

/* The comment lines every plot data file starts with: what the title says. */
static void plot_header(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c)
{
	const struct cmb_header *a = cmb_set_side_header(s, 0), *b = cmb_set_side_header(s, 1);

	fprintf(f, "# A: %s%s%s, config %.8s\n", s->side_name[0], *s->side_name[0] ? ": " : "",
		a ? a->kernel_release : "?", a ? a->config_sha256 : "?");
	fprintf(f, "# B: %s%s%s, config %.8s\n", s->side_name[1], *s->side_name[1] ? ": " : "",
		b ? b->kernel_release : "?", b ? b->config_sha256 : "?");
	if (s->paired_rows)
		fprintf(f, "# variants: A %s, B %s\n", s->variant[0], s->variant[1]);
	if (c->paired)
		fprintf(f, "# n: %u boots, both variants in each, paired\n", c->na);
	else
		fprintf(f, "# n: %u + %u boots%s\n", c->na, c->nb, c->na == 1 && c->nb == 1 ?
			" (CIs from the runs of each)" : "");
	fprintf(f, "# stat: %s\n", cmb_stat_name(c->o.stat));
	fprintf(f, "# letters: %s %s\n", letter(c, 0), letter(c, 1));
	plot_sources(f, s);
	if (c->o.machines) {
		int side;

		fprintf(f, "# machines: yes\n");
		/* Each machine's levels: the plot shades where they disagree. */
		for (side = 0; side < 2; side++) {
			const struct cmb_header *h = side ? b : a;
			unsigned int level;

			fprintf(f, "# cache %s:", letter(c, side));
			for (level = 1; h && cmb_machine_cache(h, level); level++)
				fprintf(f, " L%u:%llu", level,
					(unsigned long long)cmb_machine_cache(h, level));
			fputc('\n', f);
		}
	}
	fprintf(f, "# emulated: %s\n", (a && a->emu.emulated) || (b && b->emu.emulated) ?
		"yes" : "no");
}

/* A row's x: buffer size in bytes, else pages, else 1. */
static const char *axis_of(const struct cmb_row *r, unsigned long long *x)
{
	*x = r->size ? r->size : r->pages ? r->pages : 1;
	return r->size ? "bytes" : r->pages ? "pages" : "-";
}

static int write_ratio(const char *dir, const struct cmb_set *s, const struct cmb_comparison *c,
		       char *err, size_t len)
{
	unsigned int i, j, blocks = 0;
	unsigned long long x;
	int seen[CMB_MAX_ROWS] = { 0 };
	FILE *f = cmb_open_in(dir, "ratio.dat", err, len);
	char thr[16];

	if (!f)
		return -1;
	plot_header(f, s, c);
	/* One block per op, its rows in the order measured: a line against its axis. */
	for (i = 0; i < c->n; i++) {
		const struct cmb_row *r = c->rows[i].row;

		if (seen[i])
			continue;
		/* An op at T threads is a line of its own: "vm_map_ram_x2". */
		if (r->threads > 1)
			snprintf(thr, sizeof(thr), "_x%u", r->threads);
		else
			thr[0] = '\0';
		fprintf(f, "%s# op: %s%s %s\n# x\tratio\tci95_lo\tci95_hi\tverdict\trow\n",
			blocks++ ? "\n\n" : "", r->op, thr, axis_of(r, &x));
		for (j = i; j < c->n; j++) {
			const struct cmb_compare_row *cr = &c->rows[j];

			if (strcmp(cr->row->op, r->op) || cr->row->threads != r->threads)
				continue;
			seen[j] = 1;
			axis_of(cr->row, &x);
			fprintf(f, "%llu\t%.6g\t%.6g\t%.6g\t%s\t%s\n", x, cr->r.ratio, cr->r.lo,
				cr->r.hi, *cmb_verdict_name(cr->v) ? cmb_verdict_name(cr->v) : "-",
				cr->row->name);
		}
	}
	fclose(f);
	return 0;
}

/*
 * Each boot's value of each row, in boot order, and relative to the
 * geometric mean of A's boots: one block per row.
 */
static int write_boots(const char *dir, const struct cmb_set *s, const struct cmb_comparison *c,
		       char *err, size_t len)
{
	unsigned int i, b;
	FILE *f = cmb_open_in(dir, "boots.dat", err, len);

	if (!f)
		return -1;
	plot_header(f, s, c);
	for (i = 0; i < c->n; i++) {
		const struct cmb_row *r = c->rows[i].row;

		fprintf(f, "%s# row: %s\n# boot\tside\tns\trelative to A\n", i ? "\n\n" : "",
			r->name);
		for (b = 0; b < s->nboots; b++)
			if (r->cell[b].present)
				fprintf(f, "%u\t%c\t%.6g\t%.6g\n", boot_number(s, b),
					s->boot[b]->side ? 'B' : 'A', r->cell[b].stat[c->o.stat],
					r->cell[b].stat[c->o.stat] / c->rows[i].a);
	}
	fclose(f);
	return 0;
}

int cmb_compare_plot_data(const char *dir, const struct cmb_set *s,
			  const struct cmb_comparison *c, char *err, size_t len)
{
	unsigned int i;
	char name[32];
	FILE *f;

	if (cmb_mkdir_p(dir, err, len) || write_ratio(dir, s, c, err, len) ||
	    write_boots(dir, s, c, err, len))
		return -1;
	for (i = 0; i < c->n; i++) {
		snprintf(name, sizeof(name), "cdf-%02u.dat", i + 1);
		if (!(f = cmb_open_in(dir, name, err, len)))
			return -1;
		plot_header(f, s, c);
		fprintf(f, "# row: %s\n", c->rows[i].row->name);
		cdf(f, c->rows[i].row->merged[0], "A");
		cdf(f, c->rows[i].row->merged[1], "B");
		fclose(f);
	}
	return 0;
}
