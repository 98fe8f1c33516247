// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#include "result/hist.h"
#include "uapi/cmbench_hist.h"

void cmb_dist_init(struct cmb_dist *d)
{
	memset(d, 0, sizeof(*d));
}

void cmb_dist_add(struct cmb_dist *d, uint64_t ns)
{
	cmbench_record(&d->s, d->hist, ns);
}

void cmb_dist_merge(struct cmb_dist *into, const struct cmb_dist *from)
{
	unsigned int i;

	if (!from->s.n)
		return;
	if (!into->s.n || from->s.min < into->s.min)
		into->s.min = from->s.min;
	if (from->s.max > into->s.max)
		into->s.max = from->s.max;
	into->s.n += from->s.n;
	into->s.sum += from->s.sum;
	into->s.sumsq_lo += from->s.sumsq_lo;
	into->s.sumsq_hi += from->s.sumsq_hi + (into->s.sumsq_lo < from->s.sumsq_lo);
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++)
		into->hist[i] += from->hist[i];
}

double cmb_dist_at_rank(const struct cmb_dist *d, uint64_t rank)
{
	uint64_t seen = 0;
	unsigned int i;
	double mid;

	if (!d->s.n || rank < 1 || rank > d->s.n)
		return NAN;
	if (rank == 1)
		return (double)d->s.min;
	if (rank == d->s.n)
		return (double)d->s.max;
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++) {
		seen += d->hist[i];
		if (seen >= rank)
			break;
	}
	if (i == CMBENCH_HIST_BUCKETS)	/* histogram and n disagree */
		return NAN;
	if (i == CMBENCH_HIST_BUCKETS - 1)
		return (double)d->s.max;
	mid = ((double)cmbench_hist_lower(i) + (double)cmbench_hist_upper(i) - 1) / 2;
	if (mid < (double)d->s.min)
		mid = (double)d->s.min;
	if (mid > (double)d->s.max)
		mid = (double)d->s.max;
	return mid;
}

double cmb_dist_quantile(const struct cmb_dist *d, double q)
{
	uint64_t rank;

	if (!d->s.n)
		return NAN;
	if (q <= 0)
		return (double)d->s.min;
	if (q >= 1)
		return (double)d->s.max;
	/* The smallest rank r with r >= q * n (nearest-rank definition). */
	rank = (uint64_t)ceil(q * (double)d->s.n);
	return cmb_dist_at_rank(d, rank < 1 ? 1 : rank);
}

double cmb_dist_mean(const struct cmb_dist *d)
{
	return d->s.n ? (double)d->s.sum / (double)d->s.n : NAN;
}

double cmb_dist_stddev(const struct cmb_dist *d)
{
	long double n = (long double)d->s.n, sum = (long double)d->s.sum, var;
	long double sumsq = ldexpl((long double)d->s.sumsq_hi, 64) +
			    (long double)d->s.sumsq_lo;

	if (d->s.n < 2)
		return d->s.n ? 0.0 : NAN;
	var = (sumsq - sum * sum / n) / (n - 1);
	return var > 0 ? (double)sqrtl(var) : 0.0;
}

void cmb_dist_summary(const struct cmb_dist *d, struct cmb_summary *s)
{
	s->n = d->s.n;
	s->min = d->s.min;
	s->max = d->s.max;
	s->mean = cmb_dist_mean(d);
	s->stddev = cmb_dist_stddev(d);
	s->p50 = cmb_dist_quantile(d, 0.50);
	s->p90 = cmb_dist_quantile(d, 0.90);
	s->p99 = cmb_dist_quantile(d, 0.99);
	s->p999 = cmb_dist_quantile(d, 0.999);
}
