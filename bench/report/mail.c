// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench report --mail: result files as a reviewer pastes them into a
 * mail or a commit message. At most 72 columns; one header block that
 * says the machine(s), kernel(s), commands, what n counts and what the
 * spread is; every figure with its spread: the centre with its CI over
 * the runs, the p99 as the range of the runs' own p99s.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result/machine.h"
#include "report/report.h"
#include "result/stats.h"
#include "util/text.h"

#define WIDTH		72
#define MAX_FILES	256
#define NAME		26

struct mail_file {
	const char *path;
	struct cmb_header h;
	unsigned int machine;		/* index into the machines seen */
};

struct mail {
	FILE *f;
	const struct cmb_mail_opts *o;
	unsigned int nfiles, nmachines;
	struct mail_file file[MAX_FILES];
	char id[MAX_FILES][128];
	unsigned int first[MAX_FILES];	/* a file of each machine */
	unsigned int marks;		/* 1: a finding, 2: overcommitted, printed */
	unsigned int widened, narrow;	/* CIs widened by an invocation spread, not */
};

static int load(struct mail *m, char *const *paths, int n, char *err, size_t len)
{
	char id[128];
	unsigned int k;
	int i;

	if (n > MAX_FILES) {
		snprintf(err, len, "--mail: at most %d files", MAX_FILES);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct mail_file *mf = &m->file[m->nfiles++];

		mf->path = paths[i];
		if (cmb_result_read_header(paths[i], &mf->h, err, len))
			return -1;
		cmb_machine_id(&mf->h, id, sizeof(id));
		for (k = 0; k < m->nmachines && strcmp(m->id[k], id); k++)
			;
		if (k == m->nmachines) {
			snprintf(m->id[k], sizeof(m->id[k]), "%s", id);
			m->first[k] = (unsigned int)i;
			m->nmachines++;
		}
		mf->machine = k;
	}
	return 0;
}

static void wrap(struct mail *m, const char *text)
{
	cmb_wrap(m->f, text, WIDTH, "  ");
}

/* The lines that say what a machine and its kernel were. */
static void machine_block(struct mail *m, unsigned int k)
{
	const struct cmb_header *h = &m->file[m->first[k]].h;
	char line[1024], name[128], boots[512] = "", vcpus[48];
	unsigned int i, nb = 0;
	size_t at = 0;

	cmb_machine_name(h, name, sizeof(name));
	if (m->nmachines > 1)
		snprintf(line, sizeof(line), "%c: %s, %u CPU%s", cmb_machine_letter(k), name,
			 h->n_cpus, h->n_cpus == 1 ? "" : "s");
	else
		snprintf(line, sizeof(line), "machine: %s, %u CPU%s", name, h->n_cpus,
			 h->n_cpus == 1 ? "" : "s");
	wrap(m, line);
	snprintf(line, sizeof(line), "kernel %s, config %.12s, PREEMPT %s; module %s; "
		 "cmbench %s", h->kernel_release, *h->config_sha256 ? h->config_sha256 : "?",
		 *h->preempt ? h->preempt : "?", h->module_version, h->tool_version);
	wrap(m, line);
	if (h->emu.icount) {
		snprintf(line, sizeof(line), "EMULATED with icount: %s %s (-cpu %s, %u vCPUs, "
			 "shift %d, seed %llu): every ns below is %s, not time; no cache is "
			 "modelled", h->emu.name, h->emu.version, h->emu.cpu, h->n_cpus,
			 h->emu.icount_shift, (unsigned long long)h->emu.seed,
			 h->emu.icount_shift ? "2^-shift instructions" : "an instruction");
		wrap(m, line);
	} else if (h->emu.emulated) {
		snprintf(line, sizeof(line), "EMULATED: %s %s (%s, -cpu %s, %s): not hardware "
			 "timings", h->emu.name, h->emu.version, h->emu.accel, h->emu.cpu,
			 cmb_vcpus(h, vcpus, sizeof(vcpus)));
		wrap(m, line);
	}
	if (h->upgraded_from) {
		snprintf(line, sizeof(line), "UPGRADED: %s", h->upgraded_note);
		wrap(m, line);
	}
	if (*h->emu.model) {
		snprintf(line, sizeof(line), "%s; a point's 'MODELLED' line is the model's, "
			 "per op, not measured", h->emu.model);
		wrap(m, line);
	}
	for (i = 0; i < m->nfiles; i++) {
		const char *b = m->file[i].h.boot_id;
		unsigned int j;

		if (m->file[i].machine != k)
			continue;
		for (j = 0; j < i && (m->file[j].machine != k ||
				      strcmp(m->file[j].h.boot_id, b)); j++)
			;
		if (j < i || at >= sizeof(boots))
			continue;
		at += (size_t)snprintf(boots + at, sizeof(boots) - at, " %.8s", *b ? b : "?");
		nb++;
	}
	snprintf(line, sizeof(line), "boot%s:%s", nb == 1 ? "" : "s", boots);
	wrap(m, line);
}

static int first_of_command(const struct mail *m, unsigned int i)
{
	unsigned int j;

	for (j = 0; j < i && strcmp(m->file[j].h.command, m->file[i].h.command); j++)
		;
	return j == i;
}

/* Every distinct command, once; past three, the first and a count. */
static void commands(struct mail *m)
{
	unsigned int i, n = 0, shown = 0;
	char line[1200];

	for (i = 0; i < m->nfiles; i++)
		n += first_of_command(m, i);
	for (i = 0; i < m->nfiles && shown < (n > 3 ? 1 : n); i++) {
		if (!first_of_command(m, i))
			continue;
		snprintf(line, sizeof(line), "command: %s", m->file[i].h.command);
		wrap(m, line);
		shown++;
	}
	if (n > shown) {
		snprintf(line, sizeof(line), "and %u more commands like it, one per file; each "
			 "file's header has its own", n - shown);
		wrap(m, line);
	}
}

static void legend(struct mail *m)
{
	char line[1024];

	snprintf(line, sizeof(line), "runs: n of a point, each run one ioctl of its "
		 "iterations, all in the boot named; centre: geometric mean of the runs' "
		 "medians, %s its 95%% CI half-width over the runs (Student's t on logs), "
		 "n/a below %d runs, h or t where the histogram's or the timer's resolution "
		 "widened it%s; p99: the range of the runs' own p99s.",
		 m->o->ascii ? "+-" : "\u00b1", CMB_CI_MIN_RUNS,
		 m->o->nspread ? ", i where the spread between invocations did" : "");
	wrap(m, line);
}

/*
 * After the table: what the CIs cover. A CI over one invocation's runs
 * does not see what changes between invocations (buffers, placement,
 * the host's load over seconds): later invocations' centres fall
 * outside it far more often than 1 in 20.
 */
static void coverage(struct mail *m)
{
	char line[1024];

	if (m->widened) {
		snprintf(line, sizeof(line), "i: the runs' CI widened by the spread between "
			 "invocations in one boot (%s): the interval a repeat of the same "
			 "command should share%s.", m->o->spread_from,
			 m->narrow ? "; rows without i: this invocation's runs alone" : "");
		wrap(m, line);
	} else {
		wrap(m, "The CIs cover this invocation's runs only; between invocations in one "
		     "boot a centre moves more (cmbench calibrate over several invocations "
		     "in a boot measures how far, and --mail then widens each CI by it).");
	}
}

static const struct cmb_spread *spread_of(const struct mail *m, const struct cmb_point *p)
{
	char key[192];
	unsigned int i;

	cmb_point_key(p, key, sizeof(key));
	for (i = 0; i < m->o->nspread; i++)
		if (!strcmp(m->o->spread[i].key, key))
			return &m->o->spread[i];
	return NULL;
}

/*
 * The runs' CI and the invocations' 95% spread, combined as independent
 * errors on the log scale: "+-4.1%i".
 */
static const char *widened(const struct cmb_point *p, const struct cmb_spread *sp,
			   const char *pm, char *buf, size_t len)
{
	const struct cmb_interval *iv = &p->ci;
	double runs = log(fmax(iv->hi / iv->centre, iv->centre / iv->lo));
	double half = sqrt(runs * runs + pow(1.96 * sp->sd, 2));

	half = 100 * (exp(half) - 1);
	snprintf(buf, len, "%s%.*f%%i", pm, half >= 100 ? 0 : 1, half);
	return buf;
}

/* The runs' p99s, lowest to highest: "150-171ns". */
static const char *p99_range(const struct cmb_point *p, char *buf, size_t len)
{
	double lo = INFINITY, hi = 0;
	char a[16], b[16];
	unsigned int r;

	for (r = 0; r < p->repeats && r < CMB_MAX_REPEATS; r++) {
		lo = fmin(lo, (double)p->rep[r].p99);
		hi = fmax(hi, (double)p->rep[r].p99);
	}
	/* fmin/fmax skip a NaN: files before schema 6 have no run's p99. */
	if (!p->repeats || lo > hi)
		snprintf(buf, len, "-");
	else if (lo == hi)
		snprintf(buf, len, "%s", cmb_t8(lo, a, sizeof(a)));
	else
		snprintf(buf, len, "%s-%s", cmb_t8(lo, a, sizeof(a)), cmb_t8(hi, b, sizeof(b)));
	return buf;
}

static void head(struct mail *m)
{
	fprintf(m->f, "%-*s %3s %4s %8s %*s %s\n", NAME, "op, parameters", "thr", "runs",
		"centre", m->o->ascii ? 8 : 9, m->o->ascii ? "+-95%" : "\u00b195%",
		"p99 of runs");
}

static void point(const struct cmb_point *p, void *arg)
{
	struct mail *m = arg;
	const struct cmb_spread *sp;
	char name[96], param[48], a[16], b[24], c[40];

	cmb_point_param(p, param, sizeof(param));
	snprintf(name, sizeof(name), "%s%s%s%s%s", p->op, strcmp(param, "-") ? " " : "",
		 strcmp(param, "-") ? param : "",
		 *p->state && strcmp(p->state, "dirty") ? " " : "",
		 *p->state && strcmp(p->state, "dirty") ? p->state : "");
	if (strlen(name) > NAME) {
		fprintf(m->f, "%s\n", name);
		name[0] = '\0';
	}
	sp = spread_of(m, p);
	if (sp && p->ci.bound != CMB_BOUND_NONE && p->ci.centre > 0) {
		widened(p, sp, m->o->ascii ? "+-" : "\u00b1", b, sizeof(b));
		m->widened++;
	} else {
		cmb_ci_pct(p, m->o->ascii ? "+-" : "\u00b1", b, sizeof(b));
		m->narrow++;
	}
	/* The plus-minus sign is two bytes and one column. */
	fprintf(m->f, "%-*s %3u %4u %8s %*s %s%s%s\n", NAME, name, p->threads, p->repeats,
		cmb_t8(p->ci.centre, a, sizeof(a)), strstr(b, "\u00b1") ? 9 : 8, b,
		p99_range(p, c, sizeof(c)),
		p->finding ? " f" : "", p->overcommit ? " o" : "");
	m->marks |= (p->finding ? 1 : 0) | (p->overcommit ? 2 : 0);
	/* At most 72 columns: counts in eight (cmb_c8), then two figures. */
	if (p->model.cycles.centre > 0)
		fprintf(m->f, "  MODELLED: %s cycles/op, %.1f L1 write-backs, %.1f to memory\n",
			cmb_c8(p->model.cycles.centre, a, sizeof(a)), p->model.l1_wb,
			p->model.mem_wr);
}

static int read_on(const struct cmb_header *h, void *arg)
{
	(void)h;
	(void)arg;
	return 0;
}

static int table(struct mail *m, unsigned int k, char *err, size_t len)
{
	unsigned int i;

	for (i = 0; i < m->nfiles; i++)
		if (m->file[i].machine == k &&
		    cmb_result_each(m->file[i].path, read_on, point, m, err, len))
			return -1;
	return 0;
}

int cmb_report_mail(FILE *f, char *const *paths, int n, const struct cmb_mail_opts *o,
		    char *err, size_t len)
{
	struct mail *m = calloc(1, sizeof(*m));
	unsigned int k;
	int ret = -1;

	if (!m) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	m->f = f;
	m->o = o;
	if (load(m, paths, n, err, len))
		goto out;
	for (k = 0; k < m->nmachines; k++)
		machine_block(m, k);
	commands(m);
	legend(m);
	for (k = 0; k < m->nmachines; k++) {
		fputc('\n', f);
		if (m->nmachines > 1)
			fprintf(f, "%c:\n", cmb_machine_letter(k));
		head(m);
		if (table(m, k, err, len))
			goto out;
	}
	coverage(m);
	if (m->marks & 1)
		wrap(m, "f: a probe's finding: its counters are the answer (cmbench report)");
	if (m->marks & 2)
		wrap(m, "o: more threads than the emulator's host has CPUs: a lock holder's "
		     "vCPU may be descheduled");
	ret = 0;
out:
	free(m);
	return ret;
}
