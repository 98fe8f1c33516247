// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "compare/compare.h"
#include "compare/verdict.h"
#include "result/stats.h"

static void min_max(const double *v, unsigned int n, double *lo, double *hi)
{
	unsigned int i;

	*lo = *hi = v[0];
	for (i = 1; i < n; i++) {
		*lo = fmin(*lo, v[i]);
		*hi = fmax(*hi, v[i]);
	}
}

/*
 * Counts that do not move between boots (instructions under icount): when
 * each side's boots agree to within the counts' resolution res, B/A is
 * known to that resolution, and no test can add to it: its "CI" is the
 * range the counts allow, and the verdict rests on theta alone. 1 when
 * so, r filled; 0 to go on with a t test.
 */
static int exact_ratio(const double *a, unsigned int na, const double *b, unsigned int nb,
		       double res, struct cmb_ratio *r)
{
	double alo, ahi, blo, bhi;

	if (na < 2 || nb < 2 || !(res > 0))
		return 0;
	min_max(a, na, &alo, &ahi);
	min_max(b, nb, &blo, &bhi);
	if (ahi - alo > 2 * res || bhi - blo > 2 * res || alo <= res)
		return 0;
	memset(r, 0, sizeof(*r));
	r->na = na;
	r->nb = nb;
	r->ratio = cmb_geomean(b, nb) / cmb_geomean(a, na);
	r->lo = (blo - res) / (ahi + res);
	r->hi = (bhi + res) / (alo - res);
	r->p = r->lo > 1 || r->hi < 1 ? 0 : 1;
	r->se = r->df = r->sd_d = NAN;
	r->floored = 1;
	r->exact = 1;
	return 1;
}

/* Welch's estimate, with its df replaced by Hsu's min(na, nb) - 1. */
static void hsu(struct cmb_ratio *r)
{
	double d = log(r->ratio), t;

	r->df = (r->na < r->nb ? r->na : r->nb) - 1;
	r->hsu = 1;
	t = cmb_t_quantile(0.975, r->df);
	r->lo = exp(d - t * r->se);
	r->hi = exp(d + t * r->se);
	r->p = 2 * cmb_t_cdf(-fabs(d) / r->se, r->df);
}

static int hsu_holds_it(unsigned int na, unsigned int nb, double va, double vb)
{
	return na != nb || na <= CMB_HSU_MAX_BOOTS || va > CMB_HSU_VAR_RATIO * vb ||
	       vb > CMB_HSU_VAR_RATIO * va;
}

void cmb_boots_ratio(const double *a, unsigned int na, const double *b, unsigned int nb,
		     int paired, double floor, double unit_res, struct cmb_ratio *r)
{
	if (exact_ratio(a, na, b, nb, unit_res, r)) {
		r->paired = paired;
		r->floor = floor;
		return;
	}
	if (paired) {
		cmb_paired_ratio(a, b, na, floor, r);
		return;
	}
	cmb_welch_ratio(a, na, b, nb, floor, r);
	if (!isnan(r->se) && hsu_holds_it(na, nb, r->sd_a * r->sd_a, r->sd_b * r->sd_b))
		hsu(r);
}

enum cmb_verdict cmb_verdict(const struct cmb_ratio *r, double q, double alpha, double theta)
{
	if (isnan(r->lo))
		return CMB_NO_VERDICT;
	if (r->lo >= 1 - theta && r->hi <= 1 + theta)
		return CMB_SAME;
	if (q <= alpha && r->ratio > 1 + theta)
		return CMB_SLOWER;
	if (q <= alpha && r->ratio < 1 - theta)
		return CMB_FASTER;
	return CMB_UNRESOLVED;
}

const char *const cmb_verdict_names[] = { "", "same", "faster", "slower", "~", NULL };

const char *cmb_verdict_name(enum cmb_verdict v)
{
	return cmb_verdict_names[v];
}

const char *const cmb_why_names[] = { "", "machines", "missing", "one boot", "no CI",
				      "few boots", NULL };

/*
 * The chance of a verdict on an effect d (|log B/A|) whose estimate has
 * standard error se on df degrees of freedom: beyond theta, faster or
 * slower needs the estimate past both crit standard errors (the
 * critical t at the planned level) and theta; within, same needs it
 * within theta less the 95% CI's half (t95 standard errors).
 */
static double chance(double d, double se, double df, double theta, double crit, double t95)
{
	double half;

	if (d > theta)
		return pt((d - fmax(crit * se, theta)) / se, df, 1, 0);
	half = theta - t95 * se;
	if (half <= 0)
		return 0;
	return pt((half - d) / se, df, 1, 0) - pt((-half - d) / se, df, 1, 0);
}

/*
 * The chance averaged over where the true effect may be: the estimate d
 * is itself off by about its own se0, and planning at it alone gives a
 * row near theta or near nothing too few boots (a third of rows planned
 * so at 80% did not resolve). Normal weights at 17 points, -4..4 se0.
 */
static double assurance(double d, double se0, double se, double df, double theta,
			double level)
{
	double crit = cmb_t_quantile(1 - level / 2, df), t95 = cmb_t_quantile(0.975, df);
	double sum = 0, wsum = 0;
	int k;

	if (!(se0 > 0))
		return chance(d, se, df, theta, crit, t95);
	for (k = -8; k <= 8; k++) {
		double z = k / 2.0, w = exp(-z * z / 2);

		sum += w * chance(fabs(d + z * se0), se, df, theta, crit, t95);
		wsum += w;
	}
	return sum / wsum;
}

/* The spreads to plan with, as the test floors them. */
struct plan {
	double d, se0;		/* the estimate and its standard error */
	double va, vb, vd;	/* per boot, log scale */
	int paired;
	double theta, level;
};

/* The chance of a verdict with n boots a side (n pairs). */
static double plan_chance(const struct plan *p, unsigned int n)
{
	double se, df;

	if (p->paired) {
		se = sqrt(p->vd / n);
		df = n - 1;
	} else {
		se = sqrt((p->va + p->vb) / n);
		df = hsu_holds_it(n, n, p->va, p->vb) ? n - 1 : cmb_welch_df(p->va, n, p->vb, n);
	}
	return assurance(p->d, p->se0, se, df, p->theta, p->level);
}

unsigned int cmb_boots_to_resolve(const struct cmb_ratio *r, double theta, double level,
				  unsigned int max)
{
	struct plan p = { .d = log(r->ratio), .se0 = r->se, .paired = r->paired,
			  .theta = log(1 + theta), .level = level };
	unsigned int lo, hi, have = r->na < r->nb ? r->na : r->nb;
	double k;

	if (r->exact || isnan(p.d) || have < 2)
		return 0;
	/*
	 * Each spread at its median-unbiased value: a sample variance's
	 * median lies below the true one (by a sixth at 4 df), and planning
	 * at it fell short of 80%. Then floored, as the test floors it.
	 */
	k = r->paired ? have - 1.0 : r->na + r->nb - 2.0;
	k /= qchisq(0.5, k, 1, 0);
	p.va = fmax(k * r->sd_a * r->sd_a, r->floor * r->floor);
	p.vb = fmax(k * r->sd_b * r->sd_b, r->floor * r->floor);
	p.vd = fmax(k * r->sd_d * r->sd_d, 2 * r->floor * r->floor);
	if (r->paired ? !(p.vd > 0) : !(p.va + p.vb > 0))
		return 0;
	/* The chance grows with n: the first n that reaches it, by bisection. */
	lo = have < CMB_MIN_BOOTS ? CMB_MIN_BOOTS : have + 1;
	hi = max;
	if (lo > hi || plan_chance(&p, hi) < CMB_PLAN_POWER)
		return 0;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (plan_chance(&p, mid) >= CMB_PLAN_POWER)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Why row r gets no verdict, or CMB_WHY_NONE. */
static enum cmb_why why_not(const struct cmb_comparison *c, const struct cmb_compare_row *r)
{
	if (!r->r.na || !r->r.nb)
		return CMB_WHY_MISSING;
	if (c->o.machines)
		return CMB_WHY_MACHINES;
	if (r->within_boot)
		return CMB_WHY_ONE_BOOT;
	if (isnan(r->r.lo))
		return CMB_WHY_NO_CI;
	if (!r->r.exact && (r->r.na < CMB_MIN_BOOTS || r->r.nb < CMB_MIN_BOOTS))
		return CMB_WHY_FEW_BOOTS;
	return CMB_WHY_NONE;
}

unsigned int cmb_plan_family(const struct cmb_comparison *c)
{
	unsigned int i, m = 0;

	for (i = 0; i <= c->n; i++) {
		const struct cmb_compare_row *r = i < c->n ? &c->rows[i] : &c->geomean;

		m += r->why == CMB_WHY_NONE || r->why == CMB_WHY_FEW_BOOTS;
	}
	return m;
}

double cmb_plan_level(const struct cmb_comparison *c)
{
	unsigned int m = cmb_plan_family(c);

	if (c->o.adjust->how == CMB_ADJUST_NONE || !m)
		return c->o.alpha;
	return c->o.alpha / m;
}

void cmb_judge(struct cmb_comparison *c)
{
	struct cmb_compare_row *all[CMB_MAX_ROWS + 1];
	double p[CMB_MAX_ROWS + 1], q[CMB_MAX_ROWS + 1], level;
	unsigned int i, n = 0;

	for (i = 0; i < c->n; i++)
		all[n++] = &c->rows[i];
	all[n++] = &c->geomean;
	c->family = 0;
	memset(c->count, 0, sizeof(c->count));
	memset(c->whys, 0, sizeof(c->whys));
	/* One family: every row that can be judged, and the geomean. */
	for (i = 0; i < n; i++) {
		all[i]->why = why_not(c, all[i]);
		p[i] = all[i]->why ? NAN : all[i]->r.p;
		c->family += !isnan(p[i]);
	}
	cmb_adjust(p, q, n, c->o.adjust->how);
	level = cmb_plan_level(c);
	for (i = 0; i < n; i++) {
		struct cmb_compare_row *r = all[i];

		r->q = q[i];
		r->v = r->why ? CMB_NO_VERDICT : cmb_verdict(&r->r, r->q, c->o.alpha, c->o.theta);
		r->resolve = 0;
		if (r->v == CMB_UNRESOLVED || r->why == CMB_WHY_FEW_BOOTS)
			r->resolve = cmb_boots_to_resolve(&r->r, c->o.theta, level,
							  c->o.max_boots);
		if (r == &c->geomean)
			continue;
		c->count[r->v]++;
		c->whys[r->why]++;
	}
}
