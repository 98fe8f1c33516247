// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/machine.h"
#include "result/result.h"
#include "report/testcases.h"

const char *cmb_case_name(const struct cmb_point *p, char *buf, size_t len)
{
	char param[48], off[32] = "";
	size_t i;

	cmb_point_param(p, param, sizeof(param));
	if (!strcmp(param, "-"))
		*param = '\0';
	if (p->offset)
		snprintf(off, sizeof(off), ".off%" PRIu64, p->offset);
	snprintf(buf, len, "%s%s%s%s%s%s.t%u", p->op, *param ? "." : "", param, off,
		 *p->state ? "." : "", p->state, p->threads);
	for (i = 0; buf[i]; i++)
		if (!strchr("-_.", buf[i]) && !(buf[i] >= 'a' && buf[i] <= 'z') &&
		    !(buf[i] >= 'A' && buf[i] <= 'Z') && !(buf[i] >= '0' && buf[i] <= '9'))
			buf[i] = '_';
	return buf;
}

/* A point as a test case: its name, its verdict and what backs it. */
struct tcase {
	char op[32];
	char name[112];
	const char *fail;		/* NULL: ok; else why not */
	char warning[192];
	double centre, lo, hi, p50, p99, ops_per_s;
	enum cmb_bound bound;
	unsigned int runs, threads;
	uint64_t samples;
};

/* An op of the module, with its points. */
struct top {
	char name[32];
	int listed, supported;		/* in the header's list; runnable there */
	char why[96];
};

struct tfile {
	const char *path;
	struct cmb_header *h;
	struct tcase *c;
	size_t n, cap;
	struct top op[CMB_MAX_OPS + 64];
	unsigned int nop;
	int nomem;
};

static int on_header(const struct cmb_header *h, void *arg)
{
	struct tfile *t = arg;
	unsigned int i;

	*t->h = *h;
	for (i = 0; i < h->n_ops && t->nop < CMB_MAX_OPS; i++, t->nop++) {
		snprintf(t->op[t->nop].name, sizeof(t->op[0].name), "%s", h->ops[i].name);
		t->op[t->nop].listed = 1;
		t->op[t->nop].supported = h->ops[i].supported;
		snprintf(t->op[t->nop].why, sizeof(t->op[0].why), "%s", h->ops[i].why);
	}
	return 0;
}

static void add_op(struct tfile *t, const char *name)
{
	unsigned int i;

	for (i = 0; i < t->nop; i++)
		if (!strcmp(t->op[i].name, name))
			return;
	if (t->nop < sizeof(t->op) / sizeof(t->op[0])) {
		snprintf(t->op[t->nop].name, sizeof(t->op[0].name), "%s", name);
		t->op[t->nop++].supported = 1;
	}
}

static const char *verdict(const struct cmb_point *p)
{
	if (p->interrupted)
		return "interrupted by a signal: fewer runs than asked";
	if (!p->repeats || !(p->ci.centre > 0) || !isfinite(p->ci.centre))
		return "no measurement: no finished run";
	return NULL;
}

static void on_point(const struct cmb_point *p, void *arg)
{
	struct tfile *t = arg;
	struct tcase *c;

	if (t->nomem)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct tcase *m = realloc(t->c, cap * sizeof(*m));

		if (!m) {
			t->nomem = 1;
			return;
		}
		t->c = m;
		t->cap = cap;
	}
	c = &t->c[t->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->op, sizeof(c->op), "%s", p->op);
	cmb_case_name(p, c->name, sizeof(c->name));
	c->fail = verdict(p);
	snprintf(c->warning, sizeof(c->warning), "%s", p->warning);
	c->centre = p->ci.centre;
	c->lo = p->ci.lo;
	c->hi = p->ci.hi;
	c->bound = p->ci.bound;
	c->runs = p->repeats;
	c->threads = p->threads;
	c->samples = p->dist.s.n;
	c->p50 = p->sum.p50;
	c->p99 = p->sum.p99;
	c->ops_per_s = p->ops_per_s;
	add_op(t, p->op);
}

/* Two points with one name (the same op and size twice): ".2", ".3"... */
static void unique_names(struct tfile *t)
{
	size_t i, j;
	unsigned int k;
	char base[112];

	for (i = 1; i < t->n; i++) {
		for (k = 2, j = 0; j < i; j++) {
			if (strcmp(t->c[i].name, t->c[j].name))
				continue;
			if (k == 2)
				snprintf(base, sizeof(base), "%s", t->c[i].name);
			snprintf(t->c[i].name, sizeof(t->c[i].name), "%.100s.%u", base, k++);
			j = (size_t)-1;	/* look again from the start */
		}
	}
}

static int tfile_read(struct tfile *t, const char *path, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	t->path = path;
	t->h = calloc(1, sizeof(*t->h));
	if (!t->h) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (cmb_result_each(path, on_header, on_point, t, err, errlen))
		return -1;
	if (t->nomem) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	unique_names(t);
	return 0;
}

static void tfile_free(struct tfile *t)
{
	free(t->c);
	free(t->h);
}

/* The op's points all ok: 1; any not ok: 0; none: -1. */
static int op_result(const struct tfile *t, const char *op, size_t *npoints)
{
	int res = -1;
	size_t i;

	*npoints = 0;
	for (i = 0; i < t->n; i++) {
		if (strcmp(t->c[i].op, op))
			continue;
		(*npoints)++;
		if (res < 0)
			res = 1;
		if (t->c[i].fail)
			res = 0;
	}
	return res;
}

/* Why an op has no verdict: the kernel cannot run it, or it was not run. */
static const char *skip_reason(const struct top *o, char *buf, size_t len)
{
	if (!o->supported)
		snprintf(buf, len, "%s", *o->why ? o->why : "not supported by this kernel");
	else
		snprintf(buf, len, "not measured in this file");
	return buf;
}

/* Plain decimals, "n/a" for what there is none of: never NaN. */
static const char *dec(double v, char *buf, size_t len)
{
	if (isfinite(v))
		snprintf(buf, len, "%.3f", v);
	else
		snprintf(buf, len, "n/a");
	return buf;
}

static void provenance(FILE *f, const char *prefix, const struct tfile *t)
{
	const struct cmb_header *h = t->h;
	char machine[128];

	cmb_machine_name(h, machine, sizeof(machine));
	fprintf(f, "%s%s: %s\n", prefix, t->path, h->label);
	fprintf(f, "%skernel %s on %s, module %s\n", prefix, h->kernel_release, machine,
		h->module_version);
	if (h->emu.emulated)
		fprintf(f, "%sEMULATED (%s %s, %s, -cpu %s): %s\n", prefix,
			h->emu.name, h->emu.version, h->emu.accel, h->emu.cpu, h->emu.icount ?
			"icount: ns are instructions, not time; no caches" :
			"not hardware timings");
	if (!h->n_ops)
		fprintf(f, "%sthe file does not list the module's ops: ops it could not "
			"run are not shown\n", prefix);
}

/* ---- KTAP -------------------------------------------------------------- */

static void ktap_point(FILE *f, const struct tcase *c, unsigned int i)
{
	char v[7][32];

	fprintf(f, "    # %s: centre_ns=%s ci95_lo_ns=%s ci95_hi_ns=%s ci_from=%s runs=%u "
		"samples=%" PRIu64 " p50_ns=%s p99_ns=%s ops_per_s=%s threads=%u\n", c->name,
		dec(c->centre, v[0], sizeof(v[0])),
		c->bound == CMB_BOUND_NONE ? "n/a" : dec(c->lo, v[1], sizeof(v[1])),
		c->bound == CMB_BOUND_NONE ? "n/a" : dec(c->hi, v[2], sizeof(v[2])),
		cmb_bound_name(c->bound), c->runs, c->samples, dec(c->p50, v[3], sizeof(v[3])),
		dec(c->p99, v[4], sizeof(v[4])), dec(c->ops_per_s, v[5], sizeof(v[5])),
		c->threads);
	if (*c->warning)
		fprintf(f, "    # %s: warning: %s\n", c->name, c->warning);
	if (c->fail)
		fprintf(f, "    not ok %u %s # %s\n", i, c->name, c->fail);
	else
		fprintf(f, "    ok %u %s\n", i, c->name);
}

int cmb_ktap_file(FILE *f, const char *path, char *err, size_t errlen)
{
	struct tfile t;
	char why[128];
	unsigned int o, k;
	size_t i, n;
	int res;

	if (tfile_read(&t, path, err, errlen)) {
		tfile_free(&t);
		return -1;
	}
	fprintf(f, "KTAP version 1\n");
	provenance(f, "# ", &t);
	fprintf(f, "# centre: geometric mean of the runs' medians; ci95 over the runs "
		"(ci_from: runs, or the histogram's or timer's resolution where that is "
		"wider)\n");
	fprintf(f, "1..%u\n", t.nop);
	for (o = 0; o < t.nop; o++) {
		res = op_result(&t, t.op[o].name, &n);
		if (res < 0) {
			fprintf(f, "ok %u %s # SKIP %s\n", o + 1, t.op[o].name,
				skip_reason(&t.op[o], why, sizeof(why)));
			continue;
		}
		fprintf(f, "    KTAP version 1\n    # Subtest: %s\n    1..%zu\n", t.op[o].name, n);
		for (i = 0, k = 0; i < t.n; i++)
			if (!strcmp(t.c[i].op, t.op[o].name))
				ktap_point(f, &t.c[i], ++k);
		fprintf(f, "%s %u %s\n", res ? "ok" : "not ok", o + 1, t.op[o].name);
	}
	tfile_free(&t);
	return 0;
}

/* ---- LAVA -------------------------------------------------------------- */

/*
 * The lines Linaro's send-to-lava.sh reads: "NAME RESULT [MEASUREMENT
 * UNITS]" and "lava-test-set start|stop NAME"; anything else (the "#"
 * lines) it passes over.
 */
int cmb_lava_file(FILE *f, const char *path, char *err, size_t errlen)
{
	const struct tcase *c;
	struct tfile t;
	char why[128], v[3][32];
	unsigned int o;
	size_t i, n;
	int res;

	if (tfile_read(&t, path, err, errlen)) {
		tfile_free(&t);
		return -1;
	}
	fprintf(f, "# cmbench-lava 1\n");
	provenance(f, "# ", &t);
	for (o = 0; o < t.nop; o++) {
		res = op_result(&t, t.op[o].name, &n);
		/*
		 * An op the run did not ask for gets no case: sent as skip it
		 * would read, in LAVA and KernelCI, as one the kernel cannot run.
		 */
		if (res < 0 && t.op[o].supported) {
			fprintf(f, "# %s: not asked for in this run: no case\n", t.op[o].name);
			continue;
		}
		fprintf(f, "lava-test-set start %s\n", t.op[o].name);
		if (res < 0) {
			fprintf(f, "# %s: skip: %s\n%s skip\n", t.op[o].name,
				skip_reason(&t.op[o], why, sizeof(why)), t.op[o].name);
		} else {
			fprintf(f, "%s %s\n", t.op[o].name, res ? "pass" : "fail");
		}
		for (i = 0; i < t.n; i++) {
			c = &t.c[i];
			if (strcmp(c->op, t.op[o].name))
				continue;
			if (c->fail) {
				fprintf(f, "# %s: fail: %s\n%s fail\n", c->name, c->fail, c->name);
				continue;
			}
			fprintf(f, "%s pass %s ns\n", c->name, dec(c->centre, v[0], sizeof(v[0])));
			fprintf(f, "%s.runs pass %u runs\n", c->name, c->runs);
			if (c->bound == CMB_BOUND_NONE)
				fprintf(f, "# %s: %u run: no ci95\n", c->name, c->runs);
			else
				fprintf(f, "%s.ci95_lo pass %s ns\n%s.ci95_hi pass %s ns\n",
					c->name, dec(c->lo, v[1], sizeof(v[1])), c->name,
					dec(c->hi, v[2], sizeof(v[2])));
		}
		fprintf(f, "lava-test-set stop %s\n", t.op[o].name);
	}
	tfile_free(&t);
	return 0;
}
