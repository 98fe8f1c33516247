// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/model.h"
#include "result/stats.h"

/* The value after key in a "run ..." line's key value pairs; 0 if absent. */
static uint64_t field(const char *line, const char *key)
{
	size_t k = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[k] == ' ')
			return strtoull(p + k + 1, NULL, 10);
		p += k;
	}
	return 0;
}

/*
 * The counts of a run line that become figures per op: each named once,
 * with where a run holds it and where the point's figures do.
 */
#define COUNT(name) { #name, offsetof(struct cmb_model_run, name), \
		      offsetof(struct cmb_model_fig, name) }
static const struct {
	const char *key;
	size_t run, fig;
} counts[] = {
	COUNT(insns), COUNT(dc), COUNT(l1_miss), COUNT(l1_wb), COUNT(l2_miss),
	COUNT(l2_wb), COUNT(mem_rd), COUNT(mem_wr), COUNT(dsb), COUNT(tlbi),
};
#define NCOUNTS (sizeof(counts) / sizeof(counts[0]))

static uint64_t *run_count(struct cmb_model_run *r, size_t i)
{
	return (uint64_t *)((char *)r + counts[i].run);
}

static uint64_t run_value(const struct cmb_model_run *r, size_t i)
{
	return *(const uint64_t *)((const char *)r + counts[i].run);
}

static double *fig_count(struct cmb_model_fig *f, size_t i)
{
	return (double *)((char *)f + counts[i].fig);
}

static int by_serial(const void *a, const void *b)
{
	uint64_t x = ((const struct cmb_model_run *)a)->serial;
	uint64_t y = ((const struct cmb_model_run *)b)->serial;

	return x < y ? -1 : x > y;
}

int cmb_model_load(struct cmb_model *m, const char *path, char *err, size_t len)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t cap = 0, i;
	int lineno = 0;

	memset(m, 0, sizeof(*m));
	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		struct cmb_model_run *r;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (lineno == 1) {
			if (strncmp(line, "# cmbench cache plugin: MODELLED", 32))
				break;
			snprintf(m->desc, sizeof(m->desc), "%s", line + 2);
			continue;
		}
		if (strncmp(line, "run ", 4))
			continue;
		if (m->n == cap) {
			cap = cap ? 2 * cap : 64;
			r = realloc(m->run, cap * sizeof(*r));
			if (!r) {
				fclose(f);
				cmb_model_free(m);
				snprintf(err, len, "%s: out of memory", path);
				return -1;
			}
			m->run = r;
		}
		r = &m->run[m->n++];
		r->serial = strtoull(line + 4, NULL, 10);
		r->samples = field(line, "samples");
		r->cycles = field(line, "cycles");
		r->p50 = field(line, "sample_p50");
		for (i = 0; i < NCOUNTS; i++)
			*run_count(r, i) = field(line, counts[i].key);
	}
	fclose(f);
	if (!*m->desc) {
		cmb_model_free(m);
		snprintf(err, len, "%s: not a model.txt of cmbench's cache plugin", path);
		return -1;
	}
	qsort(m->run, m->n, sizeof(*m->run), by_serial);
	return 0;
}

void cmb_model_free(struct cmb_model *m)
{
	free(m->run);
	memset(m, 0, sizeof(*m));
}

/*
 * The centre and 95% CI over the runs (Student's t on the logs, as the
 * measured centre), never narrower than half the model's resolution, a
 * cycle in a sample (res per op): a model repeats itself exactly, and a
 * histogram bucket, which bounds a measured CI, means nothing here.
 */
static void interval(const double *v, unsigned int n, double res, struct cmb_interval *iv)
{
	double m = 0, ss = 0, half;
	unsigned int i;

	for (i = 0; i < n; i++)
		m += log(v[i]);
	m /= n;
	for (i = 0; i < n; i++)
		ss += (log(v[i]) - m) * (log(v[i]) - m);
	memset(iv, 0, sizeof(*iv));
	iv->centre = exp(m);
	iv->runs = n;
	iv->res_timer = res / 2;
	if (n < CMB_CI_MIN_RUNS) {
		iv->lo = iv->hi = NAN;
		iv->bound = CMB_BOUND_NONE;
		return;
	}
	half = cmb_t_quantile(0.975, n - 1) * sqrt(ss / (n - 1) / n);
	iv->bound = CMB_BOUND_RUNS;
	iv->lo = exp(m - half);
	iv->hi = exp(m + half);
	if (iv->hi - iv->centre < res / 2) {
		iv->bound = CMB_BOUND_TIMER;
		iv->lo = iv->centre - res / 2;
		iv->hi = iv->centre + res / 2;
	}
}

static const struct cmb_model_run *find(const struct cmb_model *m, uint64_t serial)
{
	struct cmb_model_run key = { .serial = serial };

	return bsearch(&key, m->run, m->n, sizeof(*m->run), by_serial);
}

int cmb_model_point(const struct cmb_model *m, struct cmb_point *p, char *err, size_t len)
{
	double per_run[CMB_MAX_REPEATS], ops = 0, batch = p->batch > 1 ? p->batch : 1;
	struct cmb_model_fig fig = { 0 };
	unsigned int r, t, found = 0;
	size_t i;

	for (r = 0; r < p->repeats && r < CMB_MAX_REPEATS; r++) {
		const struct cmb_run *rs = &p->rep[r];
		uint64_t samples = 0;
		double p50 = 0;

		if (!rs->serial || !find(m, rs->serial))
			continue;
		/* The run's threads ran the module's runs serial .. serial + threads - 1. */
		for (t = 0; t < p->threads; t++) {
			const struct cmb_model_run *mr = find(m, rs->serial + t);

			if (!mr)
				break;
			samples += mr->samples;
			p50 += (double)mr->p50;
			for (i = 0; i < NCOUNTS; i++)
				*fig_count(&fig, i) += (double)run_value(mr, i);
		}
		if (t < p->threads || samples != rs->n) {
			snprintf(err, len, "%s: run %u (serials %" PRIu64 "..%" PRIu64 "): the model "
				 "has %" PRIu64 " samples, the run %" PRIu64 ": not this run's model",
				 p->op, r + 1, rs->serial, rs->serial + p->threads - 1, samples,
				 rs->n);
			return -1;
		}
		/* The mean of its threads' median samples, per iteration. */
		per_run[found++] = p50 / p->threads / batch;
		ops += (double)samples * batch;
	}
	if (!found)
		return 1;
	if (found < p->repeats) {
		snprintf(err, len, "%s: the model has %u of its %u runs", p->op, found, p->repeats);
		return -1;
	}
	interval(per_run, found, 1.0 / batch, &fig.cycles);
	for (i = 0; i < NCOUNTS; i++)
		*fig_count(&fig, i) /= ops;
	p->model = fig;
	return 0;
}
