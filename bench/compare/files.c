// SPDX-License-Identifier: GPL-2.0
/*
 * A comparison as files: ministat's input (one file per side and row, the
 * per-boot values' logs) and the data behind plots/compare-*.gp.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "result/machine.h"
#include "result/result.h"
#include "uapi/cmbench_hist.h"
#include "util/files.h"

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
			fprintf(f, "# %s, side %c: ln(%s %s) of each boot%s\n",
				c->rows[i].row->name, side ? 'B' : 'A', c->o.stat->name,
				c->o.stat->unit,
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
			(c->o.stat->from_runs ? " (CIs from the runs of each)" :
			 " (no CI: one boot a side)") : "");
	fprintf(f, "# stat: %s\n", c->o.stat->name);
	fprintf(f, "# letters: %s %s\n", cmb_compare_letter(c, 0), cmb_compare_letter(c, 1));
	plot_sources(f, s);
	if (c->o.machines) {
		int side;

		fprintf(f, "# machines: yes\n");
		/* Each machine's levels: the plot shades where they disagree. */
		for (side = 0; side < 2; side++) {
			const struct cmb_header *h = side ? b : a;
			unsigned int level;

			fprintf(f, "# cache %s:", cmb_compare_letter(c, side));
			for (level = 1; h && cmb_machine_cache(h, level); level++)
				fprintf(f, " L%u:%llu", level,
					(unsigned long long)cmb_machine_cache(h, level));
			fputc('\n', f);
		}
	}
	fprintf(f, "# icount: %s\n", (a && a->emu.icount) || (b && b->emu.icount) ?
		"yes" : "no");
	fprintf(f, "# emulated: %s\n", (a && a->emu.emulated) || (b && b->emu.emulated) ?
		"yes" : "no");
	/* What --stat modelled compares is no measurement: the plots say so. */
	fprintf(f, "# modelled: %s\n", c->o.stat->kind == CMB_STAT_MODELLED ? "yes" : "no");
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
	/* A row one side lacks has no ratio to draw. */
	for (i = 0; i < c->n; i++)
		seen[i] = c->rows[i].why == CMB_WHY_MISSING;
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

			if (seen[j] || strcmp(cr->row->op, r->op) || cr->row->threads != r->threads)
				continue;
			seen[j] = 1;
			axis_of(cr->row, &x);
			/* The verdict, or why there is none ("few boots"). */
			fprintf(f, "%llu\t%.6g\t%.6g\t%.6g\t%s\t%s\n", x, cr->r.ratio, cr->r.lo,
				cr->r.hi, *cmb_verdict_name(cr->v) ? cmb_verdict_name(cr->v) :
				*cmb_why_names[cr->why] ? cmb_why_names[cr->why] : "-",
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
					s->boot[b]->side ? 'B' : 'A', r->cell[b].stat[c->o.stat->kind],
					r->cell[b].stat[c->o.stat->kind] / c->rows[i].a);
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
