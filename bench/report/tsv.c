// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/tsv.h"
#include "result/machine.h"
#include "result/result.h"

static void tsv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("\tNaN", f);
	else
		fprintf(f, "\t%.3f", v);
}

struct export {
	FILE *f;
	const char *path;
	int cluster[CMB_MAX_CPUS];	/* by CPU number, from hwloc; -1 unknown */
};

static int write_head(const struct cmb_header *h, void *arg)
{
	struct export *x = arg;
	FILE *f = x->f;
	char machine[128], model[64];
	unsigned int i;

	for (i = 0; i < CMB_MAX_CPUS; i++)
		x->cluster[i] = -1;
	for (i = 0; i < h->n_cpu_info && i < CMB_MAX_CPUS; i++)
		if (h->cpu[i].cpu >= 0 && h->cpu[i].cpu < CMB_MAX_CPUS)
			x->cluster[h->cpu[i].cpu] = h->cpu[i].place.cluster;

	cmb_machine_name(h, machine, sizeof(machine));
	fprintf(f, "# cmbench-export 1\n# label: %s\n# source: %s\n# machine: %s\n", h->label,
		x->path, machine);
	if (h->emu.emulated)
		fprintf(f, "# emulated: yes (%s %s %s -cpu %s): not hardware timings\n",
			h->emu.name, h->emu.version, h->emu.accel, h->emu.cpu);
	else
		fprintf(f, "# emulated: no\n");
	if (h->emu.icount)
		fprintf(f, "# icount: yes (shift %d): ns are instructions, not time; no caches\n",
			h->emu.icount_shift);
	if (*h->emu.model)
		fprintf(f, "# model: %s: caches MODELLED (model_cycles_per_op)\n",
			cmb_machine_model(h, model, sizeof(model)));
	if (h->upgraded_from)
		fprintf(f, "# upgraded: %s\n", h->upgraded_note);
	for (i = 0; i < h->topo.n; i++)
		if (strcmp(h->topo.c[i].type, "instruction"))
			fprintf(f, "# cache: L%u %s %" PRIu64 "\n", h->topo.c[i].level,
				h->topo.c[i].type, h->topo.c[i].size);
	fprintf(f, "# op\tstate\tsize\toffset\tlines\tn\tmin_ns\tp50_ns\tp90_ns"
		"\tp99_ns\tmax_ns\tmean_ns\tstddev_ns\tns_per_line\tparam\tcounters"
		"\tp999_ns\tci95_lo_ns\tci95_hi_ns\tstop\tthreads\tops_per_s"
		"\tcentre_ns\truns\tci_bound\ttimed_per_op_ns\tsustained_per_op_ns"
		"\tharness_per_op_ns\tother_per_op_ns\ttimed_ops_per_s\tbatch\tovercommit"
		"\tcycles_per_op\tplacement\tclusters\tinsns_per_op\tmodel_cycles_per_op\n");
	return 0;
}

/*
 * The clusters the point's threads ran in, "0", "0+1" (hwloc's numbers,
 * in order), or "-" where a CPU's cluster is unknown: a contention curve
 * per cluster of a big.LITTLE SoC is drawn from it.
 */
static const char *clusters(const struct export *x, const struct cmb_point *p, char *buf,
			    size_t len)
{
	int seen[CMB_MAX_CPUS] = { 0 };
	unsigned int t;
	size_t n = 0;
	int c;

	for (t = 0; t < p->threads && t < CMB_MAX_THREADS; t++) {
		c = p->thr[t].cpu >= 0 && p->thr[t].cpu < CMB_MAX_CPUS ?
		    x->cluster[p->thr[t].cpu] : -1;
		if (c < 0 || c >= CMB_MAX_CPUS) {
			snprintf(buf, len, "-");
			return buf;
		}
		seen[c] = 1;
	}
	buf[0] = '\0';
	for (c = 0; c < CMB_MAX_CPUS && n < len; c++)
		if (seen[c])
			n += (size_t)snprintf(buf + n, len - n, "%s%d", n ? "+" : "", c);
	if (!n)
		snprintf(buf, len, "-");
	return buf;
}

static void write_row(const struct cmb_point *p, void *arg)
{
	const struct export *x = arg;
	FILE *f = x->f;
	char param[48], cnt[160], cl[64];

	fprintf(f, "%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64,
		p->op, *p->state ? p->state : "-", p->size, p->offset, p->lines,
		(uint64_t)p->dist.s.n, (uint64_t)p->dist.s.min);
	tsv_num(f, p->sum.p50);
	tsv_num(f, p->sum.p90);
	tsv_num(f, p->sum.p99);
	fprintf(f, "\t%" PRIu64, (uint64_t)p->dist.s.max);
	tsv_num(f, p->sum.mean);
	tsv_num(f, p->sum.stddev);
	tsv_num(f, p->ns_per_line);
	fprintf(f, "\t%s\t%s", cmb_point_param(p, param, sizeof(param)),
		*cmb_point_counters(p, cnt, sizeof(cnt)) ? cnt : "-");
	tsv_num(f, p->sum.p999);
	tsv_num(f, p->ci.lo);
	tsv_num(f, p->ci.hi);
	fprintf(f, "\t%s\t%u", p->stop, p->threads);
	tsv_num(f, p->ops_per_s);
	tsv_num(f, p->ci.centre);
	fprintf(f, "\t%u\t%s", p->repeats, cmb_bound_name(p->ci.bound));
	tsv_num(f, p->timed_per_op);
	tsv_num(f, p->sustained_per_op);
	tsv_num(f, p->harness_per_op);
	tsv_num(f, p->other_per_op);
	tsv_num(f, p->timed_ops_per_s);
	fprintf(f, "\t%u\t%d", p->batch, p->overcommit);
	tsv_num(f, p->cyc.per_op);
	fprintf(f, "\t%s\t%s", *p->placement ? p->placement : "-",
		clusters(x, p, cl, sizeof(cl)));
	tsv_num(f, cmb_point_insns(p));
	tsv_num(f, p->model.cycles.centre > 0 ? p->model.cycles.centre : NAN);
	fputc('\n', f);
	if (p->warning[0])
		fprintf(f, "# warning: %s %s x%u: %s\n", p->op, cmb_point_param(p, param,
			sizeof(param)), p->threads, p->warning);
}

int cmb_export_file(FILE *f, const char *path, char *err, size_t errlen)
{
	struct export x = { .f = f, .path = path };

	return cmb_result_each(path, write_head, write_row, &x, err, errlen);
}
