// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "hist.h"
#include "uapi/cmbench_hist.h"

void cmb_dist_init(struct cmb_dist *d)
{
	memset(d, 0, sizeof(*d));
}

void cmb_dist_add(struct cmb_dist *d, uint64_t ns)
{
	d->hist[cmbench_hist_index(ns)]++;
	if (!d->n || ns < d->min)
		d->min = ns;
	if (ns > d->max)
		d->max = ns;
	d->n++;
	d->sum += ns;
	cmbench_add_square(&d->sumsq_hi, &d->sumsq_lo, ns);
}

void cmb_dist_merge(struct cmb_dist *into, const struct cmb_dist *from)
{
	unsigned int i;

	if (!from->n)
		return;
	if (!into->n || from->min < into->min)
		into->min = from->min;
	if (from->max > into->max)
		into->max = from->max;
	into->n += from->n;
	into->sum += from->sum;
	into->sumsq_lo += from->sumsq_lo;
	into->sumsq_hi += from->sumsq_hi + (into->sumsq_lo < from->sumsq_lo);
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++)
		into->hist[i] += from->hist[i];
}

double cmb_dist_quantile(const struct cmb_dist *d, double q)
{
	uint64_t rank, seen = 0;
	unsigned int i;
	double mid;

	if (!d->n)
		return NAN;
	if (q <= 0)
		return (double)d->min;
	if (q >= 1)
		return (double)d->max;
	/* The smallest rank r with r >= q * n (nearest-rank definition). */
	rank = (uint64_t)ceil(q * (double)d->n);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++) {
		seen += d->hist[i];
		if (seen >= rank)
			break;
	}
	if (i == CMBENCH_HIST_BUCKETS)	/* histogram and n disagree */
		return NAN;
	if (i == CMBENCH_HIST_BUCKETS - 1)
		return (double)d->max;
	mid = ((double)cmbench_hist_lower(i) + (double)cmbench_hist_upper(i) - 1) / 2;
	if (mid < (double)d->min)
		mid = (double)d->min;
	if (mid > (double)d->max)
		mid = (double)d->max;
	return mid;
}

double cmb_dist_mean(const struct cmb_dist *d)
{
	return d->n ? (double)d->sum / (double)d->n : NAN;
}

double cmb_dist_stddev(const struct cmb_dist *d)
{
	long double n = (long double)d->n, sum = (long double)d->sum, var;
	long double sumsq = ldexpl((long double)d->sumsq_hi, 64) +
			    (long double)d->sumsq_lo;

	if (d->n < 2)
		return d->n ? 0.0 : NAN;
	var = (sumsq - sum * sum / n) / (n - 1);
	return var > 0 ? (double)sqrtl(var) : 0.0;
}

void cmb_dist_summary(const struct cmb_dist *d, struct cmb_summary *s)
{
	s->n = d->n;
	s->min = d->min;
	s->max = d->max;
	s->mean = cmb_dist_mean(d);
	s->stddev = cmb_dist_stddev(d);
	s->p50 = cmb_dist_quantile(d, 0.50);
	s->p90 = cmb_dist_quantile(d, 0.90);
	s->p99 = cmb_dist_quantile(d, 0.99);
}
