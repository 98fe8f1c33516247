// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "compare.h"

/* Does every boot of both sides have row r? */
static int in_all_boots(const struct cmb_set *s, const struct cmb_row *r)
{
	unsigned int i;

	for (i = 0; i < s->nboots; i++)
		if (!r->cell[i].present || !(r->cell[i].stat[CMB_STAT_CENTRE] > 0))
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
		if (!in_all_boots(s, s->row[i]) || s->row[i]->finding)
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
			x = r->cell[i].stat[c->o.stat];
		} else {
			x = boot_geomean(s, i, c->o.stat);
		}
		if (x > 0)
			v[n++] = x;
	}
	return n;
}

/* The coarsest relative resolution of a row's cells: the floor of its spread. */
static double row_floor(const struct cmb_set *s, const struct cmb_row *r)
{
	double f = 0;
	unsigned int i;

	for (i = 0; i < s->nboots; i++)
		if (r->cell[i].present)
			f = fmax(f, r->cell[i].res_rel);
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
			x = r->cell[i].stat[c->o.stat];
			y = r->cell[c->pair[i]].stat[c->o.stat];
		} else {
			x = boot_geomean(s, i, c->o.stat);
			y = boot_geomean(s, (unsigned int)c->pair[i], c->o.stat);
		}
		if (x > 0 && y > 0) {
			a[n] = x;
			b[n++] = y;
		}
	}
	return n;
}

/* With one boot a side: the two boots' runs, labelled within-boot. */
static void within_boot(const struct cmb_set *s, const struct cmb_row *r,
			struct cmb_compare_row *out)
{
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
	cmb_welch_ratio(a->run_p50, a->runs, b->run_p50, b->runs, row_floor(s, r), &out->r);
	out->within_boot = 1;
}

static double geomean(const double *v, unsigned int n)
{
	double sum = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		sum += log(v[i]);
	return n ? exp(sum / n) : NAN;
}

static void compare_row(const struct cmb_set *s, const struct cmb_comparison *c,
			const struct cmb_row *r, struct cmb_compare_row *out)
{
	double a[CMB_MAX_BOOTS] = { 0 }, b[CMB_MAX_BOOTS] = { 0 };
	double floor = r ? row_floor(s, r) : 0;
	unsigned int na, nb;

	memset(out, 0, sizeof(*out));
	out->row = r;
	out->q = NAN;
	if (c->paired) {
		na = nb = pair_values(s, c, r, a, b);
		cmb_paired_ratio(a, b, na, floor, &out->r);
	} else {
		na = cmb_compare_values(s, c, r, 0, a);
		nb = cmb_compare_values(s, c, r, 1, b);
		cmb_welch_ratio(a, na, b, nb, floor, &out->r);
	}
	out->a = geomean(a, na);
	out->b = geomean(b, nb);
	if (r && na == 1 && nb == 1 && c->o.stat == CMB_STAT_CENTRE)
		within_boot(s, r, out);
	out->low_power = na == 2 || nb == 2;
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
 * Boots that would resolve a "~" row: at the spread these boots show, or,
 * where a calibration has the row, at its better-measured spread for this
 * many runs a boot (paired boots keep only the run-to-run part).
 */
static void resolve(const struct cmb_set *s, const struct cmb_comparison *c,
		    struct cmb_compare_row *r)
{
	const struct cmb_calibration_row *cr = r->row ?
		cmb_calibration_find(c->o.cal, r->row->key) : NULL;
	struct cmb_ratio rr = r->r;

	if (cr) {
		double m = runs_per_boot(s, r->row), run = cr->sd_run * cr->sd_run / m;

		rr.sd_a = rr.sd_b = sqrt(cr->sd_boot * cr->sd_boot + run);
		rr.sd_d = sqrt(2 * run);
		r->calibrated = 1;
	}
	r->resolve = cmb_boots_to_resolve(&rr, c->o.theta, c->o.adjust == CMB_ADJUST_NONE ||
					  !r->row ? c->o.alpha : c->o.alpha / c->family,
					  c->o.max_boots);
}

void cmb_compare(const struct cmb_set *s, const struct cmb_compare_opts *o,
		 struct cmb_comparison *c)
{
	double p[CMB_MAX_ROWS], q[CMB_MAX_ROWS];
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->o = *o;
	c->na = cmb_set_boots(s, 0);
	c->nb = cmb_set_boots(s, 1);
	c->paired = find_pairs(s, c->pair);
	for (i = 0; i < s->nrows && c->n < CMB_MAX_ROWS; i++)
		compare_row(s, c, s->row[i], &c->rows[c->n++]);
	compare_row(s, c, NULL, &c->geomean);
	/* One family: every row with a p-value from boots, not runs. */
	for (i = 0; i < c->n; i++) {
		p[i] = c->rows[i].within_boot ? NAN : c->rows[i].r.p;
		c->family += !isnan(p[i]);
	}
	cmb_adjust(p, q, c->n, o->adjust);
	for (i = 0; i < c->n; i++) {
		struct cmb_compare_row *r = &c->rows[i];

		r->q = q[i];
		r->v = r->within_boot || o->machines ? CMB_NO_VERDICT :
		       cmb_verdict(&r->r, r->q, o->alpha, o->theta);
		if (r->v == CMB_UNRESOLVED)
			resolve(s, c, r);
		c->count[r->v]++;
	}
	/* The geomean is one more question, not part of the family. */
	c->geomean.q = c->geomean.r.p;
	c->geomean.v = o->machines ? CMB_NO_VERDICT :
		       cmb_verdict(&c->geomean.r, c->geomean.q, o->alpha, o->theta);
	if (c->geomean.v == CMB_UNRESOLVED)
		resolve(s, c, &c->geomean);
}
