// SPDX-License-Identifier: GPL-2.0
/*
 * Two machines by cache region: each buffer op's sizes grouped by the
 * level they fit in on each machine's own geometry, per D-cache line.
 */
#include <math.h>
#include <string.h>

#include "compare/compare.h"
#include "result/machine.h"
#include "result/result.h"

/* A cell's value per D-cache line, in the comparison's unit. */
static double per_line(const struct cmb_row *r, const struct cmb_cell *c,
		       enum cmb_stat_kind k, double run)
{
	double v = run > 0 ? run : c->stat[k];

	return v / (double)(r->lines ? r->lines : 1);
}

/*
 * The rows of op whose buffer fits in region level on side's machine:
 * the smallest data or unified level that holds it (0: none, memory).
 */
static unsigned int region_rows(const struct cmb_set *s, const char *op, unsigned int level,
				int side, const struct cmb_row **out)
{
	const struct cmb_header *h = cmb_set_side_header(s, side);
	unsigned int i, n = 0;
	uint64_t limit;

	for (i = 0; h && i < s->nrows; i++) {
		const struct cmb_row *r = s->row[i];

		if (strcmp(r->op, op) || !r->size || r->finding || r->threads != 1)
			continue;
		if (cmb_machine_region(h, r->size, &limit) == level)
			out[n++] = r;
	}
	return n;
}

/* Each boot of side: the geometric mean of its rows' values per line. */
static unsigned int region_boots(const struct cmb_set *s, const struct cmb_row *const *rows,
				 unsigned int n, int side, enum cmb_stat_kind k, double *v)
{
	unsigned int b, i, m = 0;
	double l;

	for (b = 0; b < s->nboots; b++) {
		if (s->boot[b]->side != side)
			continue;
		for (i = 0, l = 0; i < n; i++) {
			if (!(rows[i]->cell[b].present && rows[i]->cell[b].stat[k] > 0))
				break;
			l += log(per_line(rows[i], &rows[i]->cell[b], k, 0));
		}
		if (i == n && n)
			v[m++] = exp(l / n);
	}
	return m;
}

/*
 * With one boot a side, the runs: the r-th replicate is the geometric mean
 * of the rows' r-th run medians, each point's runs being replicates of it.
 */
unsigned int cmb_rows_runs(const struct cmb_set *s, const struct cmb_row *const *rows,
				 unsigned int n, int side, enum cmb_stat_kind k, double *v)
{
	unsigned int b, i, r, runs = CMB_MAX_BOOT_RUNS;
	const struct cmb_cell *c;
	double l;

	for (b = 0; b < s->nboots && s->boot[b]->side != side; b++)
		;
	if (b == s->nboots || !n)
		return 0;
	for (i = 0; i < n; i++) {
		c = &rows[i]->cell[b];
		if (!c->present || !(c->stat[k] > 0))
			return 0;
		runs = c->runs < runs ? c->runs : runs;
	}
	for (r = 0; r < runs; r++) {
		for (i = 0, l = 0; i < n; i++) {
			c = &rows[i]->cell[b];
			l += log(per_line(rows[i], c, k, c->run_p50[r] * c->stat[k] /
					  c->stat[CMB_STAT_CENTRE]));
		}
		v[r] = exp(l / n);
	}
	return runs;
}

static void compare_region(const struct cmb_set *s, struct cmb_comparison *c,
			   const char *op, unsigned int level)
{
	const struct cmb_row *rows[2][CMB_MAX_ROWS];
	double v[2][CMB_MAX_BOOT_RUNS];
	struct cmb_region *g;
	unsigned int n[2], m[2], side, i;

	for (side = 0; side < 2; side++)
		n[side] = region_rows(s, op, level, (int)side, rows[side]);
	if (!n[0] || !n[1] || c->nregions == CMB_MAX_REGIONS)
		return;
	g = &c->regions[c->nregions++];
	memset(g, 0, sizeof(*g));
	snprintf(g->op, sizeof(g->op), "%s", op);
	g->level = level;
	for (side = 0; side < 2; side++) {
		g->nsizes[side] = n[side];
		g->lo[side] = g->hi[side] = rows[side][0]->size;
		for (i = 1; i < n[side]; i++) {
			g->lo[side] = rows[side][i]->size < g->lo[side] ? rows[side][i]->size :
				      g->lo[side];
			g->hi[side] = rows[side][i]->size > g->hi[side] ? rows[side][i]->size :
				      g->hi[side];
		}
		m[side] = region_boots(s, rows[side], n[side], (int)side, c->o.stat->kind,
				       v[side]);
	}
	if ((m[0] < 2 || m[1] < 2) && c->o.stat->from_runs) {
		g->within_boot = 1;
		for (side = 0; side < 2; side++)
			m[side] = cmb_rows_runs(s, rows[side], n[side], (int)side,
					      c->o.stat->kind, v[side]);
	}
	cmb_welch_ratio(v[0], m[0], v[1], m[1], 0, &g->r);
	for (side = 0; side < 2; side++) {
		double l = 0;

		for (i = 0; i < m[side]; i++)
			l += log(v[side][i]);
		g->per_line[side] = m[side] ? exp(l / m[side]) : NAN;
	}
}

/* Every buffer op, every level either machine has, then memory. */
void cmb_compare_regions(const struct cmb_set *s, struct cmb_comparison *c)
{
	const struct cmb_header *a = cmb_set_side_header(s, 0), *b = cmb_set_side_header(s, 1);
	unsigned int i, j, level, levels = 0;

	while (a && b && (cmb_machine_cache(a, levels + 1) || cmb_machine_cache(b, levels + 1)))
		levels++;
	for (i = 0; i < s->nrows; i++) {
		const struct cmb_row *r = s->row[i];

		if (!r->size || r->finding)
			continue;
		for (j = 0; j < i && strcmp(s->row[j]->op, r->op); j++)
			;
		if (j < i)
			continue;	/* its op is done */
		for (level = 1; level <= levels + 1; level++)
			compare_region(s, c, r->op, level <= levels ? level : 0);
	}
}
