// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "result/hist.h"
#include "result/stats.h"
#include "uapi/cmbench_hist.h"

/* R's own qt(), from Debian's r-mathlib, rather than a hand-rolled one. */
double cmb_t_quantile(double p, double df)
{
	return qt(p, df, 1, 0);
}

double cmb_geomean(const double *v, unsigned int n)
{
	double sum = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		sum += log(v[i]);
	return n ? exp(sum / n) : NAN;
}

/* Half the width of the histogram bucket that holds v. */
static double half_bucket(double v)
{
	uint32_t i = cmbench_hist_index(v > 0 ? (uint64_t)v : 0);

	if (i >= CMBENCH_HIST_BUCKETS - 1)
		return NAN;
	return (double)(cmbench_hist_upper(i) - cmbench_hist_lower(i)) / 2;
}

void cmb_runs_interval(const double *medians, unsigned int n, double tick_ns,
		       struct cmb_interval *iv)
{
	double sum = 0, ss = 0, mean, sd, half, res;
	unsigned int i, used = 0;

	memset(iv, 0, sizeof(*iv));
	iv->centre = iv->lo = iv->hi = NAN;
	iv->bound = CMB_BOUND_NONE;
	for (i = 0; i < n; i++) {
		if (!(medians[i] > 0))
			continue;	/* a run without samples */
		sum += log(medians[i]);
		used++;
	}
	iv->runs = used;
	if (!used)
		return;
	mean = sum / used;
	iv->centre = exp(mean);
	iv->res_hist = half_bucket(iv->centre);
	iv->res_timer = tick_ns;
	if (used < CMB_CI_MIN_RUNS)
		return;
	for (i = 0; i < n; i++)
		if (medians[i] > 0)
			ss += (log(medians[i]) - mean) * (log(medians[i]) - mean);
	sd = sqrt(ss / (used - 1));
	half = cmb_t_quantile(0.975, used - 1) * sd / sqrt(used);
	iv->lo = exp(mean - half);
	iv->hi = exp(mean + half);
	iv->bound = CMB_BOUND_RUNS;
	res = fmax(iv->res_hist, iv->res_timer);
	if (iv->centre - iv->lo < res || iv->hi - iv->centre < res)
		iv->bound = iv->res_hist >= iv->res_timer ? CMB_BOUND_HISTOGRAM : CMB_BOUND_TIMER;
	iv->lo = fmin(iv->lo, iv->centre - res);
	iv->hi = fmax(iv->hi, iv->centre + res);
}

static const char *const bound_names[] = { "n/a", "runs", "histogram", "timer" };

const char *cmb_bound_name(enum cmb_bound b)
{
	return bound_names[b];
}

enum cmb_bound cmb_bound_parse(const char *s)
{
	unsigned int i;

	for (i = 0; i < sizeof(bound_names) / sizeof(bound_names[0]); i++)
		if (!strcmp(s, bound_names[i]))
			return (enum cmb_bound)i;
	return CMB_BOUND_NONE;
}

int cmb_samples_median_ci(const struct cmb_dist *d, double z, double *lo, double *hi)
{
	double n = (double)d->s.n, half = z * sqrt(n) / 2;
	double r_lo = floor(n / 2 - half), r_hi = ceil(n / 2 + half) + 1;

	if (r_lo < 1 || r_hi > n)
		return -1;
	*lo = cmb_dist_at_rank(d, (uint64_t)r_lo);
	*hi = cmb_dist_at_rank(d, (uint64_t)r_hi);
	return 0;
}

enum cmb_stop cmb_should_stop(const struct cmb_rule *r, const struct cmb_interval *iv,
			      unsigned int runs, double elapsed_s)
{
	unsigned int min = r->min_repeats;
	double half;

	if (r->precision > 0 && min < CMB_STOP_MIN_RUNS)
		min = CMB_STOP_MIN_RUNS;
	if (runs < min)
		return runs >= r->max_repeats ? CMB_STOP_MAX_REPEATS : CMB_GO_ON;
	if (r->precision <= 0)
		return CMB_STOP_REPEATS;
	if (iv->bound != CMB_BOUND_NONE && iv->centre > 0) {
		half = fmax(iv->hi - iv->centre, iv->centre - iv->lo);
		if (half <= r->precision * iv->centre)
			return CMB_STOP_PRECISION;
		/* More runs cannot make it narrower than the resolution. */
		if (iv->bound != CMB_BOUND_RUNS)
			return CMB_STOP_RESOLUTION;
	}
	if (elapsed_s >= r->budget_s)
		return CMB_STOP_BUDGET;
	if (runs >= r->max_repeats)
		return CMB_STOP_MAX_REPEATS;
	return CMB_GO_ON;
}

const char *cmb_stop_name(enum cmb_stop s)
{
	switch (s) {
	case CMB_STOP_PRECISION:
		return "precision";
	case CMB_STOP_RESOLUTION:
		return "resolution";
	case CMB_STOP_BUDGET:
		return "budget";
	case CMB_STOP_REPEATS:
		return "repeats";
	case CMB_STOP_MAX_REPEATS:
		return "max_repeats";
	default:
		return "running";
	}
}
