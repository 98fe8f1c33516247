// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "compare/calibration.h"
#include "compare/compare.h"
#include "result/machine.h"

/* Does every boot of both sides have row r, with a value of stat k? */
static int in_all_boots(const struct cmb_set *s, const struct cmb_row *r,
			enum cmb_stat_kind k)
{
	unsigned int i;

	for (i = 0; i < s->nboots; i++)
		if (!r->cell[i].present || !(r->cell[i].stat[k] > 0))
			return 0;
	return 1;
}

/*
 * The per-boot geometric mean over the rows every boot has: one number a
 * boot, so that points measured in one boot move together.
 */
static double boot_geomean(const struct cmb_set *s, unsigned int b, enum cmb_stat_kind k)
{
	double sum = 0;
	unsigned int i, n = 0;

	for (i = 0; i < s->nrows; i++) {
		if (!in_all_boots(s, s->row[i], k) || s->row[i]->finding)
			continue;
		sum += log(s->row[i]->cell[b].stat[k]);
		n++;
	}
	return n ? exp(sum / n) : NAN;
}

unsigned int cmb_compare_values(const struct cmb_set *s, const struct cmb_comparison *c,
				const struct cmb_row *r, int side, double *v)
{
	unsigned int i, n = 0;

	for (i = 0; i < s->nboots; i++) {
		double x;

		if (s->boot[i]->side != side)
			continue;
		if (r) {
			if (!r->cell[i].present)
				continue;
			x = r->cell[i].stat[c->o.stat->kind];
		} else {
			x = boot_geomean(s, i, c->o.stat->kind);
		}
		if (x > 0)
			v[n++] = x;
	}
	return n;
}

/*
 * The coarsest relative resolution of a row's cells: the floor of its
 * spread. A count (instructions) is never resolved finer than one unit.
 */
static double row_floor(const struct cmb_set *s, const struct cmb_row *r,
			const struct cmb_stat *stat)
{
	double f = 0;
	unsigned int i;

	for (i = 0; i < s->nboots; i++) {
		if (!r->cell[i].present)
			continue;
		if (stat->whole_units)
			f = fmax(f, r->cell[i].stat[stat->kind] > 0 ?
				 1 / r->cell[i].stat[stat->kind] : 0);
		else
			f = fmax(f, r->cell[i].res_rel);
	}
	return f;
}

/*
 * Whether every boot holds both sides: each boot_id of A is a boot_id of
 * B, and back. pair[i] is the B boot of A boot i.
 */
static int find_pairs(const struct cmb_set *s, int *pair)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < s->nboots; i++) {
		pair[i] = -1;
		if (s->boot[i]->side || !s->boot[i]->h.boot_id[0])
			continue;
		for (j = 0; j < s->nboots; j++)
			if (s->boot[j]->side && !strcmp(s->boot[i]->h.boot_id, s->boot[j]->h.boot_id))
				pair[i] = (int)j;
		if (pair[i] < 0)
			return 0;
		n++;
	}
	return n && n == cmb_set_boots(s, 1);
}

/* The values of row r (NULL: per-boot geomeans) in the boots measuring both. */
static unsigned int pair_values(const struct cmb_set *s, const struct cmb_comparison *c,
				const struct cmb_row *r, double *a, double *b)
{
	unsigned int i, n = 0;
	double x, y;

	for (i = 0; i < s->nboots; i++) {
		if (c->pair[i] < 0)
			continue;
		if (r) {
			if (!r->cell[i].present || !r->cell[c->pair[i]].present)
				continue;
			x = r->cell[i].stat[c->o.stat->kind];
			y = r->cell[c->pair[i]].stat[c->o.stat->kind];
		} else {
			x = boot_geomean(s, i, c->o.stat->kind);
			y = boot_geomean(s, (unsigned int)c->pair[i], c->o.stat->kind);
		}
		if (x > 0 && y > 0) {
			a[n] = x;
			b[n++] = y;
		}
	}
	return n;
}

static void scale_runs(const struct cmb_cell *c, enum cmb_stat_kind k, double *out)
{
	unsigned int i;

	for (i = 0; i < c->runs; i++)
		out[i] = c->run_p50[i] * c->stat[k] / c->stat[CMB_STAT_CENTRE];
}

/* With one boot a side: the two boots' runs, labelled within-boot. */
static void within_boot(const struct cmb_set *s, const struct cmb_row *r,
			const struct cmb_stat *stat, struct cmb_compare_row *out)
{
	enum cmb_stat_kind k = stat->kind;
	const struct cmb_cell *a = NULL, *b = NULL;
	unsigned int i;

	for (i = 0; i < s->nboots; i++) {
		if (!r->cell[i].present)
			continue;
		if (s->boot[i]->side)
			b = &r->cell[i];
		else
			a = &r->cell[i];
	}
	if (!a || !b)
		return;
	if (k != CMB_STAT_CENTRE) {
		/* Runs are timed in ns: each side's at its own units per ns. */
		double ra[CMB_MAX_BOOT_RUNS], rb[CMB_MAX_BOOT_RUNS];

		if (!(a->stat[k] > 0 && b->stat[k] > 0))
			return;
		scale_runs(a, k, ra);
		scale_runs(b, k, rb);
		cmb_welch_ratio(ra, a->runs, rb, b->runs, row_floor(s, r, stat), &out->r);
	} else {
		cmb_welch_ratio(a->run_p50, a->runs, b->run_p50, b->runs, row_floor(s, r, stat),
				&out->r);
	}
	out->within_boot = 1;
}


/* The coarsest resolution of a count per op among the row's cells. */
static double row_unit_res(const struct cmb_set *s, const struct cmb_row *r)
{
	double res = 0;
	unsigned int i;

	for (i = 0; i < s->nboots; i++)
		if (r->cell[i].present)
			res = fmax(res, r->cell[i].unit_res);
	return res;
}

/*
 * The geomean's floor: the mean of k rows' logs, each resolved to its
 * own floor f, is resolved to sqrt(sum f^2) / k (the rows' rounding is
 * independent).
 */
static double geomean_floor(const struct cmb_set *s, const struct cmb_stat *stat)
{
	double ss = 0;
	unsigned int i, k = 0;

	for (i = 0; i < s->nrows; i++) {
		double f;

		if (!in_all_boots(s, s->row[i], stat->kind) || s->row[i]->finding)
			continue;
		f = row_floor(s, s->row[i], stat);
		ss += f * f;
		k++;
	}
	return k ? sqrt(ss) / k : 0;
}

static void compare_row(const struct cmb_set *s, const struct cmb_comparison *c,
			const struct cmb_row *r, struct cmb_compare_row *out)
{
	double a[CMB_MAX_BOOTS] = { 0 }, b[CMB_MAX_BOOTS] = { 0 };
	double floor = r ? row_floor(s, r, c->o.stat) : geomean_floor(s, c->o.stat);
	unsigned int na, nb;

	memset(out, 0, sizeof(*out));
	out->row = r;
	out->q = NAN;
	if (c->paired)
		na = nb = pair_values(s, c, r, a, b);
	else {
		na = cmb_compare_values(s, c, r, 0, a);
		nb = cmb_compare_values(s, c, r, 1, b);
	}
	cmb_boots_ratio(a, na, b, nb, c->paired, floor,
			r && c->o.stat->whole_units ? row_unit_res(s, r) : 0, &out->r);
	out->a = cmb_geomean(a, na);
	out->b = cmb_geomean(b, nb);
	if (r && na == 1 && nb == 1 && c->o.stat->from_runs)
		within_boot(s, r, c->o.stat, out);
}

/* The runs a boot of row r has, on average. */
static double runs_per_boot(const struct cmb_set *s, const struct cmb_row *r)
{
	unsigned int i, n = 0, runs = 0;

	for (i = 0; i < s->nboots; i++) {
		if (!r->cell[i].present)
			continue;
		runs += r->cell[i].runs;
		n++;
	}
	return n ? (double)runs / n : 1;
}

/*
 * Boots that would resolve a row, where a calibration has it: at its
 * better-measured spreads for this many runs a boot (paired boots keep
 * only the run-to-run part) rather than at those these few boots show.
 */
static void recalibrate(const struct cmb_set *s, const struct cmb_comparison *c,
			struct cmb_compare_row *r)
{
	const struct cmb_calibration_row *cr = cmb_calibration_find(c->o.cal, r->row->key);
	struct cmb_ratio rr = r->r;
	double m, run;

	if (!cr || !cr->boots)		/* invocations only: no boot spread */
		return;
	m = runs_per_boot(s, r->row);
	run = cr->sd_run * cr->sd_run / m;
	rr.sd_a = rr.sd_b = sqrt(cr->sd_boot * cr->sd_boot + run);
	rr.sd_d = sqrt(2 * run);
	r->calibrated = 1;
	r->resolve = cmb_boots_to_resolve(&rr, c->o.theta, cmb_plan_level(c), c->o.max_boots);
}

const char *cmb_compare_letter(const struct cmb_comparison *c, int side)
{
	return c->o.machines ? (side ? "Y" : "X") : (side ? "B" : "A");
}

/*
 * The geomean row with one boot a side: its CI from the runs, each
 * replicate the geometric mean of the rows' r-th runs (per line or not,
 * the ratio is the same: each row divides both sides alike).
 */
static void geomean_within_boot(const struct cmb_set *s, struct cmb_comparison *c)
{
	const struct cmb_row *rows[CMB_MAX_ROWS];
	double v[2][CMB_MAX_BOOT_RUNS];
	unsigned int i, n = 0, m[2];
	int side;

	for (i = 0; i < s->nrows; i++)
		if (!s->row[i]->finding && in_all_boots(s, s->row[i], c->o.stat->kind))
			rows[n++] = s->row[i];
	for (side = 0; side < 2; side++)
		m[side] = cmb_rows_runs(s, rows, n, side, c->o.stat->kind, v[side]);
	if (cmb_welch_ratio(v[0], m[0], v[1], m[1], 0, &c->geomean.r) == 0)
		c->geomean.within_boot = 1;
}

void cmb_compare(const struct cmb_set *s, const struct cmb_compare_opts *o,
		 struct cmb_comparison *c)
{
	const struct cmb_header *ha, *hb;
	unsigned int i;
	int machines;

	memset(c, 0, sizeof(*c));
	c->set = s;
	c->o = *o;
	if (!cmb_set_check_sides(s, &machines, NULL, 0))
		c->o.machines |= machines;
	ha = cmb_set_side_header(s, 0);
	hb = cmb_set_side_header(s, 1);
	if (ha && hb)
		c->ndiffs = cmb_header_diffs(ha, hb, c->o.machines, c->diffs, sizeof(c->diffs));
	if (c->o.machines)
		cmb_compare_regions(s, c);
	c->na = cmb_set_boots(s, 0);
	c->nb = cmb_set_boots(s, 1);
	c->paired = find_pairs(s, c->pair);
	for (i = 0; i < s->nrows && c->n < CMB_MAX_ROWS; i++)
		compare_row(s, c, s->row[i], &c->rows[c->n++]);
	compare_row(s, c, NULL, &c->geomean);
	if (c->na == 1 && c->nb == 1 && c->o.stat->from_runs)
		geomean_within_boot(s, c);
	cmb_judge(c);
	/* Where a calibration has a row, it plans that row's boots better. */
	for (i = 0; i < c->n && c->o.cal; i++)
		if (c->rows[i].resolve || c->rows[i].v == CMB_UNRESOLVED)
			recalibrate(s, c, &c->rows[i]);
}
