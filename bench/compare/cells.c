// SPDX-License-Identifier: GPL-2.0
/*
 * What one point contributes to a comparison: a cell of its row in its
 * boot, and the statistics each --stat takes from it. Whatever a cell
 * cannot use is counted in the set's notes, never dropped in silence.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/abstat.h"
#include "compare/sets.h"
#include "util/text.h"

const struct cmb_stat cmb_stats[] = {
	{ "centre", CMB_STAT_CENTRE, "ns", "", cmb_t8,
	  "each boot's geometric mean of its runs' medians", 1, 0 },
	{ "p50", CMB_STAT_P50, "ns", "", cmb_t8, "each boot's merged samples", 0, 0 },
	{ "p90", CMB_STAT_P90, "ns", "", cmb_t8, "each boot's merged samples", 0, 0 },
	{ "p99", CMB_STAT_P99, "ns", "", cmb_t8, "each boot's merged samples", 0, 0 },
	{ "max", CMB_STAT_MAX, "ns", "", cmb_t8, "each boot's merged samples", 0, 0 },
	{ "cycles", CMB_STAT_CYCLES, "cycles", " cyc", cmb_c8,
	  "each boot's CPU cycles per op", 1, 0 },
	{ "instructions", CMB_STAT_INSTRUCTIONS, "instructions", " ins", cmb_c8,
	  "each boot's instructions per op (the median of its runs, --clock instructions)",
	  1, 1 },
	{ "modelled", CMB_STAT_MODELLED, "MODELLED cycles", " mcy", cmb_c8,
	  "each boot's MODELLED cycles per op (a cache model's: qemu-run --model, cmbench "
	  "model), not measured", 0, 0 },
	{ 0 },
};

const struct cmb_stat *cmb_stat_named(const char *name)
{
	const struct cmb_stat *s;

	for (s = cmb_stats; s->name; s++)
		if (!strcmp(name, s->name))
			return s;
	return NULL;
}

const char *cmb_cycles_src_name(enum cmb_cycles_src src, double mhz, char *buf, size_t len)
{
	switch (src) {
	case CMB_CYC_CLOCK:
		snprintf(buf, len, "--clock cycles");
		break;
	case CMB_CYC_EVENT:
		snprintf(buf, len, "CPU_CYCLES event");
		break;
	case CMB_CYC_FIXED_FREQ:
		snprintf(buf, len, "ns at a fixed %.0f MHz", mhz);
		break;
	default:
		snprintf(buf, len, "none");
	}
	return buf;
}

/* The frequency every online CPU is held at (cpufreq min = max), or 0. */
static double fixed_mhz(const struct cmb_header *h)
{
	uint32_t khz = 0;
	unsigned int i;

	for (i = 0; i < h->n_cpus && i < CMB_MAX_CPUS; i++) {
		const struct cmb_cpu *c = &h->cpu[i];

		if (!c->online)
			continue;
		if (!c->max_khz || c->min_khz != c->max_khz || (khz && c->max_khz != khz))
			return 0;
		khz = c->max_khz;
	}
	return khz / 1000.0;
}

/*
 * Cycles per op of a point: counted around the timed calls (--clock
 * cycles), else the CPU_CYCLES event (around the whole run: harness
 * included), else ns at a frequency the CPUs are held at.
 */
static double point_cycles(const struct cmb_point *p, const struct cmb_header *h,
			   enum cmb_cycles_src *src, double *mhz)
{
	unsigned int i;

	*mhz = 0;
	if (p->cyc.per_op > 0) {
		*src = CMB_CYC_CLOCK;
		return p->cyc.per_op;
	}
	for (i = 0; i < p->nevents; i++) {
		if (p->ev[i].supported && !strcmp(p->ev[i].name, "CPU_CYCLES") &&
		    p->ev[i].count > 0) {
			*src = CMB_CYC_EVENT;
			return cmb_point_per_op(p, p->ev[i].count);
		}
	}
	*mhz = fixed_mhz(h);
	if (*mhz > 0 && p->ci.centre > 0) {
		*src = CMB_CYC_FIXED_FREQ;
		return p->ci.centre * *mhz / 1000;
	}
	*src = CMB_CYC_NONE;
	return NAN;
}

/* A cell's statistics from its runs and samples, however many files. */
static void cell_stats(struct cmb_cell *c)
{
	struct cmb_summary sum;
	double l = 0;
	unsigned int r;

	for (r = 0; r < c->runs; r++)
		l += log(c->run_p50[r]);
	c->stat[CMB_STAT_CENTRE] = c->runs ? exp(l / c->runs) : NAN;
	cmb_dist_summary(c->dist, &sum);
	c->stat[CMB_STAT_P50] = sum.p50;
	c->stat[CMB_STAT_P90] = sum.p90;
	c->stat[CMB_STAT_P99] = sum.p99;
	c->stat[CMB_STAT_MAX] = (double)c->dist->s.max;
}

const char *const cmb_note_names[] = {
	[CMB_NOTE_BAD_MEDIAN] = "run medians not positive (runs without samples): left out",
	[CMB_NOTE_NO_RUNS] = "points without one valid run: their boot lacks the row",
	[CMB_NOTE_CUT_RUNS] = "runs of a row in one boot beyond the 256 kept: left out",
};
_Static_assert(CMB_MAX_BOOT_RUNS == 256, "cmb_note_names[CMB_NOTE_CUT_RUNS] says 256");

static void note(struct cmb_set *s, enum cmb_note n, unsigned int count, const char *where)
{
	if (!count)
		return;
	if (!s->notes[n])
		snprintf(s->note_at[n], sizeof(s->note_at[n]), "%s", where);
	s->notes[n] += count;
}

int cmb_cell_add(struct cmb_set *s, struct cmb_cell *c, const struct cmb_point *p,
		 const struct cmb_header *h, const char *where, char *err, size_t len)
{
	unsigned int r, bad = 0, cut = 0, used = 0;
	int pool = c->present;

	for (r = 0; r < p->repeats; r++) {
		double m = p->rep[r].p50;

		if (m > CMB_MAX_OP_NS || isinf(m)) {
			snprintf(err, len, "%s: a run median of %g ns is not a time cmbench "
				 "measures (over %.0f s an op)", where, m, CMB_MAX_OP_NS / 1e9);
			return -1;
		}
		if (!(m > 0))
			bad++;
		else if (c->runs == CMB_MAX_BOOT_RUNS)
			cut++;
		else
			c->run_p50[used++, c->runs++] = m;
	}
	note(s, CMB_NOTE_BAD_MEDIAN, bad, where);
	note(s, CMB_NOTE_CUT_RUNS, cut, where);
	if (!used && !pool) {
		/* Nothing to compare: the boot lacks this row, and says so. */
		note(s, CMB_NOTE_NO_RUNS, 1, where);
		return 0;
	}
	if (!c->dist && !(c->dist = calloc(1, sizeof(*c->dist)))) {
		snprintf(err, len, "%s: out of memory", where);
		return -1;
	}
	c->present = 1;
	if (used && c->files < CMB_MAX_CELL_FILES)
		c->file_end[c->files++] = c->runs;
	cmb_dist_merge(c->dist, &p->dist);
	/*
	 * The floor of its spread: a sample is rounded to the timer's tick
	 * over the batch, and recorded in whole ns, off by up to half of
	 * the coarser, uniformly: an sd of that / sqrt(12). (Not the
	 * histogram's bucket: its width doubles across an octave, so
	 * identical values were "same" at 1000 ns and "~" at 1040.)
	 */
	if (p->ci.centre > 0 && p->quantum_ns > 0)
		c->res_rel = fmax(c->res_rel, fmax(p->quantum_ns, 1) / sqrt(12) / p->ci.centre);
	cell_stats(c);
	/* One file: its own centre and cycles, exactly as its report printed them. */
	if (!pool) {
		c->stat[CMB_STAT_CENTRE] = p->ci.centre;
		c->stat[CMB_STAT_CYCLES] = point_cycles(p, h, &c->cycles_src, &c->cycles_mhz);
		c->stat[CMB_STAT_INSTRUCTIONS] = cmb_point_insns(p);
		c->stat[CMB_STAT_MODELLED] = p->model.cycles.centre > 0 ?
					     p->model.cycles.centre : NAN;
		c->unit_res = p->iters ? 1.0 / (double)p->iters : 0;
	}
	return 0;
}

/*
 * Between invocations in one boot: the runs of each file of a cell are a
 * group, the spread of the groups' centres beyond their runs' is the
 * invocations'. Pooled over the boots with 2 files or more, by their
 * degrees of freedom. 0 when no boot has 2.
 */
int cmb_row_invocations(const struct cmb_row *r, unsigned int nboots, double *var,
			unsigned int *files)
{
	double sum = 0;
	unsigned int b, f, df = 0;

	*files = 0;
	for (b = 0; b < nboots; b++) {
		const struct cmb_cell *cell = &r->cell[b];
		const double *runs[CMB_MAX_CELL_FILES];
		unsigned int n[CMB_MAX_CELL_FILES];
		struct cmb_components c;

		if (!cell->present || cell->files < 2)
			continue;
		for (f = 0; f < cell->files; f++) {
			unsigned int from = f ? cell->file_end[f - 1] : 0;

			runs[f] = cell->run_p50 + from;
			n[f] = cell->file_end[f] - from;
		}
		if (cmb_components(runs, n, cell->files, &c))
			continue;
		sum += c.var_boot * (cell->files - 1);
		df += cell->files - 1;
		*files += cell->files;
	}
	if (!df)
		return 0;
	*var = sum / df;
	return 1;
}
