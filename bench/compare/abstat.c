// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "compare/abstat.h"
#include "compare/verdict.h"
#include "result/stats.h"

double cmb_t_cdf(double x, double df)
{
	return pt(x, df, 1, 0);
}

double cmb_welch_df(double va, unsigned int na, double vb, unsigned int nb)
{
	double a = va / na, b = vb / nb;

	if (na < 2 || nb < 2 || a + b <= 0)
		return NAN;
	return (a + b) * (a + b) / (a * a / (na - 1) + b * b / (nb - 1));
}

/* Mean and sample variance of the logs of x[0..n). */
static void log_moments(const double *x, unsigned int n, double *mean, double *var)
{
	double s = 0, ss = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		s += log(x[i]);
	*mean = s / n;
	for (i = 0; i < n; i++)
		ss += (log(x[i]) - *mean) * (log(x[i]) - *mean);
	*var = n > 1 ? ss / (n - 1) : NAN;
}

int cmb_welch_ratio(const double *a, unsigned int na, const double *b, unsigned int nb,
		    double floor, struct cmb_ratio *r)
{
	double ma, mb, va, vb, d, t;

	memset(r, 0, sizeof(*r));
	r->na = na;
	r->nb = nb;
	r->lo = r->hi = r->se = r->df = r->p = NAN;
	r->ratio = NAN;
	if (!na || !nb)
		return -1;
	log_moments(a, na, &ma, &va);
	log_moments(b, nb, &mb, &vb);
	d = mb - ma;
	r->ratio = exp(d);
	r->sd_a = sqrt(va);
	r->sd_b = sqrt(vb);
	if (na < 2 || nb < 2)
		return 0;
	r->floor = floor;
	r->floored = va <= floor * floor && vb <= floor * floor && floor > 0;
	va = fmax(va, floor * floor);
	vb = fmax(vb, floor * floor);
	r->se = sqrt(va / na + vb / nb);
	r->df = cmb_welch_df(va, na, vb, nb);
	t = cmb_t_quantile(0.975, r->df);
	r->lo = exp(d - t * r->se);
	r->hi = exp(d + t * r->se);
	r->p = 2 * cmb_t_cdf(-fabs(d) / r->se, r->df);
	return 0;
}

int cmb_paired_ratio(const double *a, const double *b, unsigned int n, double floor,
		     struct cmb_ratio *r)
{
	double d[CMB_MAX_PAIRS], md, vd, t;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->na = r->nb = n;
	r->paired = 1;
	r->lo = r->hi = r->se = r->df = r->p = r->sd_d = r->ratio = NAN;
	if (!n || n > CMB_MAX_PAIRS)
		return -1;
	/* The differences as ratios, so that log_moments() takes their logs. */
	for (i = 0; i < n; i++)
		d[i] = b[i] / a[i];
	log_moments(d, n, &md, &vd);
	r->ratio = exp(md);
	log_moments(a, n, &t, &r->sd_a);
	log_moments(b, n, &t, &r->sd_b);
	r->sd_a = sqrt(r->sd_a);
	r->sd_b = sqrt(r->sd_b);
	if (n < 2)
		return 0;
	r->floor = floor;
	/* Each side keeps its resolution: a difference is no finer than both. */
	r->floored = vd <= 2 * floor * floor && floor > 0;
	vd = fmax(vd, 2 * floor * floor);
	r->sd_d = sqrt(vd);
	r->se = sqrt(vd / n);
	r->df = n - 1;
	t = cmb_t_quantile(0.975, r->df);
	r->lo = exp(md - t * r->se);
	r->hi = exp(md + t * r->se);
	r->p = 2 * cmb_t_cdf(-fabs(md) / r->se, r->df);
	return 0;
}

/* Sorting indexes by p, NANs last. */
static const double *sort_p;

static int by_p(const void *x, const void *y)
{
	double a = sort_p[*(const unsigned int *)x], b = sort_p[*(const unsigned int *)y];

	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);
	return (a > b) - (a < b);
}

void cmb_adjust(const double *p, double *q, unsigned int n, enum cmb_adjust how)
{
	unsigned int *idx = calloc(n ? n : 1, sizeof(*idx)), i, m = 0;
	double run;

	for (i = 0; i < n; i++) {
		q[i] = p[i];
		m += !isnan(p[i]);
	}
	if (!idx || how == CMB_ADJUST_NONE || !m) {
		free(idx);
		return;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_p = p;
	qsort(idx, n, sizeof(*idx), by_p);
	if (how == CMB_ADJUST_BH) {
		/* q(i) = min over k >= i of m p(k) / k, from the largest down. */
		run = 1;
		for (i = m; i-- > 0;) {
			run = fmin(run, p[idx[i]] * m / (i + 1));
			q[idx[i]] = run;
		}
	} else {
		/* Holm: max over k <= i of (m - k + 1) p(k), from the smallest up. */
		run = 0;
		for (i = 0; i < m; i++) {
			run = fmax(run, fmin(1, p[idx[i]] * (m - i)));
			q[idx[i]] = run;
		}
	}
	free(idx);
}

const struct cmb_adjustment cmb_adjustments[] = {
	{ "none", CMB_ADJUST_NONE, "unadjusted" },
	{ "bh", CMB_ADJUST_BH, "BH" },
	{ "holm", CMB_ADJUST_HOLM, "Holm" },
	{ 0 },
};

int cmb_components(const double *const *runs, const unsigned int *n, unsigned int k,
		   struct cmb_components *c)
{
	double grand = 0, msb = 0, msw = 0, n0, sumsq_n = 0;
	unsigned int b, r, N = 0;

	memset(c, 0, sizeof(*c));
	for (b = 0; b < k; b++) {
		for (r = 0; r < n[b]; r++)
			grand += log(runs[b][r]);
		N += n[b];
		sumsq_n += (double)n[b] * n[b];
	}
	c->boots = k;
	c->runs = N;
	if (k < 2 || N <= k)
		return -1;
	grand /= N;
	for (b = 0; b < k; b++) {
		double mean = 0;

		for (r = 0; r < n[b]; r++)
			mean += log(runs[b][r]);
		mean /= n[b];
		msb += n[b] * (mean - grand) * (mean - grand);
		for (r = 0; r < n[b]; r++)
			msw += (log(runs[b][r]) - mean) * (log(runs[b][r]) - mean);
	}
	msb /= k - 1;
	msw /= N - k;
	/* The average group size, adjusted for unequal groups. */
	n0 = (N - sumsq_n / N) / (k - 1);
	c->var_run = msw;
	c->var_boot = fmax(0, (msb - msw) / n0);
	c->icc = c->var_boot + c->var_run > 0 ? c->var_boot / (c->var_boot + c->var_run) : 0;
	return 0;
}

void cmb_plan_boots(const struct cmb_components *c, double half, unsigned int max_runs,
		    unsigned int max_boots, unsigned int *runs, unsigned int *boots)
{
	double h = log(1 + half), v;
	unsigned int m, n;

	/* More runs per boot stop paying once they are a quarter of the boot term. */
	m = c->var_boot > 0 ? (unsigned int)ceil(4 * c->var_run / c->var_boot) : max_runs;
	m = m < 3 ? 3 : m > max_runs ? max_runs : m;
	*runs = m;
	v = c->var_boot + c->var_run / m;
	*boots = 0;
	/*
	 * As compare will judge it: no verdict below CMB_MIN_BOOTS but for
	 * counts that do not move (no spread: an exact ratio from 2), and
	 * Hsu's df up to CMB_HSU_MAX_BOOTS a side.
	 */
	for (n = v > 0 ? CMB_MIN_BOOTS : 2; n <= max_boots; n++) {
		double df = n <= CMB_HSU_MAX_BOOTS ? n - 1.0 : 2.0 * n - 2;

		if (cmb_t_quantile(0.975, df) * sqrt(2 * v / n) <= h) {
			*boots = n;
			break;
		}
	}
}
