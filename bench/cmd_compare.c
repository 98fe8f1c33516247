// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench compare: kernel B against kernel A over boots, point by point,
 * with verdicts; on result files of each side (A... vs B...) or an A/B
 * runner's directory. Reads result files only: any host, no module.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "compare/calibration.h"
#include "compare/compare.h"
#include "compare/out.h"
#include "compare/sets.h"
#include "result/machine.h"
#include "compare/matrix.h"
#include "run/provenance.h"

struct compare_args;

/* What --format writes, and whether it needs -o DIR or takes --matrix. */
struct compare_format {
	const char *name;
	int (*write)(const struct compare_args *a, const struct cmb_set *s,
		     const struct cmb_comparison *cmp, const struct cmb_text_opts *t,
		     char *err, size_t len);
	int to_dir;			/* writes files into -o DIR */
	int matrix;			/* --matrix has it */
};

static const struct compare_format formats[];

/* --fail-on: the verdicts that make the exit status CMB_EXIT_VERDICT. */
struct fail_on {
	const char *name;
	unsigned int verdicts;	/* bits by enum cmb_verdict */
};

#define BIT(v)	(1U << (v))

static const struct fail_on fail_ons[] = {
	{ "never", 0 },
	{ "slower", BIT(CMB_SLOWER) },
	{ "faster", BIT(CMB_FASTER) },
	{ "changed", BIT(CMB_SLOWER) | BIT(CMB_FASTER) },
	{ 0 },
};

struct compare_args {
	const struct cmb_stat *stat;
	const struct fail_on *fail_on;
	double theta;		/* percent */
	double alpha;
	const struct cmb_adjustment *adjust;
	const struct compare_format *format;
	const char *out;
	const char *plot_data;
	const char *calibration;
	unsigned int ascii;
	unsigned int matrix;
};

static const struct cmb_option compare_opts[] = {
	{ .name = "stat", .type = CMB_OPT_DESC, .off = offsetof(struct compare_args, stat),
	  .descs = cmb_stats, .desc_size = sizeof(cmb_stats[0]), .def = "centre",
	  .help = "what each boot contributes: centre (of its runs' medians), or p50, p90, "
		  "p99, max of its merged samples, or cycles per op (--clock cycles, the "
		  "CPU_CYCLES event, or a held frequency), or modelled: a cache model's "
		  "cycles per op" },
	{ .name = "theta", .type = CMB_OPT_DOUBLE, .off = offsetof(struct compare_args, theta),
	  .min = 0, .max = 100, .def = "1",
	  .metavar = "PERCENT",
	  .help = "percent: the noise threshold of the verdicts" },
	{ .name = "alpha", .type = CMB_OPT_DOUBLE, .off = offsetof(struct compare_args, alpha),
	  .min = 0, .max = 1, .def = "0.05", .metavar = "LEVEL",
	  .help = "level of the adjusted test" },
	{ .name = "adjust", .type = CMB_OPT_DESC, .off = offsetof(struct compare_args, adjust),
	  .descs = cmb_adjustments, .desc_size = sizeof(cmb_adjustments[0]), .def = "bh",
	  .help = "p-value adjustment over the table: bh (Benjamini-Hochberg), holm, none" },
	{ .name = "fail-on", .type = CMB_OPT_DESC, .off = offsetof(struct compare_args, fail_on),
	  .descs = fail_ons, .desc_size = sizeof(fail_ons[0]), .def = "never",
	  .help = "exit with status 3 when a row (or the geomean) is judged so: a CI gate" },
	{ .name = "format", .type = CMB_OPT_DESC, .off = offsetof(struct compare_args, format),
	  .descs = formats, .desc_size = sizeof(formats[0]), .def = "text",
	  .help = "text (72 columns), json, csv, or ministat (files in -o DIR)" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct compare_args, out),
	  .metavar = "FILE",
	  .help = "write here instead of standard output (a directory for ministat)" },
	{ .name = "plot-data", .type = CMB_OPT_STR,
	  .off = offsetof(struct compare_args, plot_data),
	  .metavar = "DIR",
	  .help = "also write the data of plots/compare-*.gp into this directory" },
	{ .name = "calibration", .type = CMB_OPT_STR,
	  .off = offsetof(struct compare_args, calibration),
	  .metavar = "FILE",
	  .help = "a cmbench calibrate result (default: the one saved for A's target, if "
		  "any): its ICC is printed, its spreads plan the boots that would resolve a row" },
	{ .name = "ascii", .type = CMB_OPT_FLAG, .off = offsetof(struct compare_args, ascii),
	  .help = "plain ASCII text" },
	{ .name = "matrix", .type = CMB_OPT_FLAG, .off = offsetof(struct compare_args, matrix),
	  .help = "result files of several machines (no vs): one column per machine, Y/X "
		  "against the first file's machine" },
	{ 0 },
};

/*
 * What is wrong with the arguments' shape, a usage error, before any file
 * is read: one runner directory, or files of A, the word vs, files of B.
 */
static const char *shape_error(const struct cmb_parsed *pa)
{
	struct stat st;
	int i, vs = -1;

	if (pa->npos == 1 && !stat(pa->pos[0], &st) && S_ISDIR(st.st_mode))
		return NULL;
	for (i = 0; i < pa->npos; i++) {
		if (strcmp(pa->pos[i], "vs"))
			continue;
		if (vs >= 0)
			return "'vs' twice";
		vs = i;
	}
	if (vs <= 0 || vs == pa->npos - 1)
		return "give result files of A, the word vs, result files of B (or an A/B "
		       "runner's directory)";
	return NULL;
}

/* The sides, their shape checked: a data error from here on. */
static int load(const struct cmb_parsed *pa, struct cmb_set *s, char *err, size_t len)
{
	struct stat st;
	int i, side = 0;

	if (pa->npos == 1 && !stat(pa->pos[0], &st) && S_ISDIR(st.st_mode)) {
		if (cmb_set_add_dir(s, pa->pos[0], err, len))
			return -1;
		cmb_set_pair_rows(s);
		return 0;
	}
	for (i = 0; i < pa->npos; i++) {
		if (!strcmp(pa->pos[i], "vs")) {
			side = 1;
			continue;
		}
		if (cmb_set_add(s, pa->pos[i], side, err, len))
			return -1;
	}
	if (!cmb_set_boots(s, 0) || !cmb_set_boots(s, 1)) {
		snprintf(err, len, "side %s has no boot to compare", cmb_set_boots(s, 0) ? "B" : "A");
		return -1;
	}
	cmb_set_pair_rows(s);
	return 0;
}

/*
 * The calibration: --calibration FILE, else the one calibrate saved for
 * A's target, if there is one. 0 (cal->n 0: none), or -1 with err.
 */
static int find_calibration(const char *given, const struct cmb_set *s,
			    struct cmb_calibration *cal, char *looked, size_t llen, char *err,
			    size_t len)
{
	if (given)
		return cmb_calibration_load(cal, given, err, len);
	cmb_calibration_path(&s->boot[0]->h, looked, llen);
	if (access(looked, R_OK)) {
		memset(cal, 0, sizeof(*cal));
		return 0;
	}
	return cmb_calibration_load(cal, looked, err, len);
}

/*
 * The directory of path, with the home directory as "~": what a 72-column
 * footnote can hold of where compare looked for a calibration.
 */
static const char *short_dir(char *path)
{
	const char *home = getenv("HOME");
	char *slash = strrchr(path, '/');
	size_t n = home ? strlen(home) : 0;

	if (slash)
		*slash = '\0';
	if (n > 1 && !strncmp(path, home, n) && path[n] == '/') {
		path[n - 1] = '~';
		return path + n - 1;
	}
	return path;
}

/* -o FILE, or standard output. */
static FILE *open_out(const struct compare_args *a, char *err, size_t len)
{
	FILE *f = a->out ? fopen(a->out, "w") : stdout;

	if (!f)
		snprintf(err, len, "%s: cannot write: %s", a->out, strerror(errno));
	return f;
}

static int close_out(const struct compare_args *a, FILE *f, int ret, char *err, size_t len)
{
	if (f != stdout && fclose(f) && !ret) {
		snprintf(err, len, "%s: write failed: %s", a->out, strerror(errno));
		return -1;
	}
	return ret;
}

static int write_text(const struct compare_args *a, const struct cmb_set *s,
		      const struct cmb_comparison *cmp, const struct cmb_text_opts *t,
		      char *err, size_t len)
{
	FILE *f = open_out(a, err, len);

	if (!f)
		return -1;
	cmb_compare_text(f, s, cmp, t);
	return close_out(a, f, 0, err, len);
}

static int write_json(const struct compare_args *a, const struct cmb_set *s,
		      const struct cmb_comparison *cmp, const struct cmb_text_opts *t,
		      char *err, size_t len)
{
	FILE *f = open_out(a, err, len);

	(void)s;
	(void)t;
	if (!f)
		return -1;
	return close_out(a, f, cmb_compare_json(f, cmp), err, len);
}

static int write_csv(const struct compare_args *a, const struct cmb_set *s,
		     const struct cmb_comparison *cmp, const struct cmb_text_opts *t,
		     char *err, size_t len)
{
	FILE *f = open_out(a, err, len);

	(void)s;
	(void)t;
	if (!f)
		return -1;
	cmb_compare_csv(f, cmp);
	return close_out(a, f, 0, err, len);
}

static int write_ministat(const struct compare_args *a, const struct cmb_set *s,
			  const struct cmb_comparison *cmp, const struct cmb_text_opts *t,
			  char *err, size_t len)
{
	(void)t;
	return cmb_compare_ministat(a->out, s, cmp, err, len);
}

static const struct compare_format formats[] = {
	{ "text", write_text, 0, 1 },
	{ "json", write_json, 0, 1 },
	{ "csv", write_csv, 0, 0 },
	{ "ministat", write_ministat, 1, 0 },
	{ 0 },
};

/*
 * Both sides count the same thing: instructions under QEMU's icount, or
 * time. 0, or -1 with why not in err.
 */
static int check_units(const struct cmb_set *s, const struct cmb_stat *stat, char *err,
		       size_t len)
{
	unsigned int i, b, have = 0;
	int side;

	for (side = 0; side < 2; side++) {
		if (s->icount[side] && s->timed[side]) {
			snprintf(err, len, "%s mixes files measured under QEMU's icount (ns are "
				 "instructions) with timed ones: give one kind a side",
				 side ? "B" : "A");
			return -1;
		}
	}
	if ((s->icount[0] && s->timed[1]) || (s->timed[0] && s->icount[1])) {
		snprintf(err, len, "%s is measured under QEMU's icount (ns are instructions) "
			 "and %s in time: a ratio between them means nothing; compare icount "
			 "boots with icount boots", s->icount[0] ? "A" : "B",
			 s->icount[0] ? "B" : "A");
		return -1;
	}
	/* A stat only some files carry needs at least one cell that has it. */
	if (stat->kind != CMB_STAT_MODELLED && stat->kind != CMB_STAT_INSTRUCTIONS)
		return 0;
	for (i = 0; i < s->nrows; i++)
		for (b = 0; b < s->nboots; b++)
			have += s->row[i]->cell[b].present && s->row[i]->cell[b].stat[stat->kind] > 0;
	if (!have) {
		snprintf(err, len, "%s", stat->kind == CMB_STAT_MODELLED ?
			 "--stat modelled: no file has a cache model's figures (qemu-run --model, "
			 "then cmbench model)" :
			 "--stat instructions: no file counted instructions (run cmbench with "
			 "--clock instructions)");
		return -1;
	}
	return 0;
}

/* --fail-on: CMB_EXIT_VERDICT when a row or the geomean is judged so. */
static int gate(const struct fail_on *f, const struct cmb_comparison *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < c->n; i++)
		n += !!(f->verdicts & BIT(c->rows[i].v));
	n += !!(f->verdicts & BIT(c->geomean.v));
	if (!n)
		return CMB_EXIT_OK;
	fprintf(stderr, "cmbench compare: --fail-on %s: %u row%s judged so\n", f->name, n,
		n == 1 ? "" : "s");
	return CMB_EXIT_VERDICT;
}

/* Sides that measured nothing alike: no table of dashes, an error. */
static int no_rows_in_common(const struct cmb_comparison *c)
{
	unsigned int i, n[2] = { 0, 0 };

	if (c->whys[CMB_WHY_MISSING] < c->n)
		return 0;
	for (i = 0; i < c->n; i++) {
		n[0] += c->rows[i].r.na > 0;
		n[1] += c->rows[i].r.nb > 0;
	}
	fprintf(stderr, "cmbench compare: no rows in common: A has %u row%s, B %u, none "
		"measured by both with a value; nothing to compare\n", n[0],
		n[0] == 1 ? "" : "s", n[1]);
	return 1;
}

/* What loading left out, where the table that says so is not printed. */
static void warn_notes(const struct cmb_set *s)
{
	unsigned int k;

	for (k = 0; k < CMB_NNOTES; k++)
		if (s->notes[k])
			fprintf(stderr, "cmbench compare: warning: %u %s; the first: %s\n",
				s->notes[k], cmb_note_names[k], s->note_at[k]);
}

static const struct cmb_compare_opts *make_opts(const struct compare_args *a,
						const struct cmb_calibration *cal,
						struct cmb_compare_opts *o)
{
	*o = (struct cmb_compare_opts){ .stat = a->stat, .theta = a->theta / 100,
		.alpha = a->alpha, .adjust = a->adjust, .max_boots = 99,
		.cal = cal && cal->n ? cal : NULL };
	return o;
}

static int matrix(const struct cmb_call *c, const struct compare_args *a,
		  const struct cmb_parsed *pa)
{
	struct cmb_matrix m;
	struct cmb_compare_opts o;
	char err[1024], command[1024];
	FILE *f;
	int ret = CMB_EXIT_FAIL, bad = 0;

	if (cmb_matrix_load(&m, pa->pos, pa->npos, err, sizeof(err))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		return CMB_EXIT_FAIL;
	}
	cmb_matrix_compare(&m, make_opts(a, NULL, &o));
	cli_command_line(c, command, sizeof(command));
	f = open_out(a, err, sizeof(err));
	if (!f) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	if (a->format->write == write_json)
		bad = cmb_matrix_json(f, &m);
	else
		cmb_matrix_text(f, &m, command);
	if (bad)
		snprintf(err, sizeof(err), "%s: JSON could not be written",
			 a->out ? a->out : "standard output");
	if (close_out(a, f, bad, err, sizeof(err))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	if (a->plot_data && cmb_matrix_plot_data(a->plot_data, &m, err, sizeof(err))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	ret = CMB_EXIT_OK;
out:
	cmb_matrix_free(&m);
	return ret;
}

int cmd_compare(const struct cmb_call *c)
{
	struct compare_args a = { 0 };
	struct cmb_set *s = calloc(1, sizeof(*s));
	struct cmb_comparison *cmp = malloc(sizeof(*cmp));
	struct cmb_calibration *cal = calloc(1, sizeof(*cal));
	struct cmb_compare_opts o;
	struct cmb_text_opts t = { .icc = NAN };
	struct cmb_parsed pa;
	char err[1024], command[1024], looked[512] = "";
	int ret, k;

	if (!s || !cmp || !cal) {
		free(s);
		free(cmp);
		free(cal);
		return CMB_EXIT_FAIL;
	}
	if (cli_parse(c, compare_opts, &a, &pa, &ret))
		goto out;
	ret = CMB_EXIT_USAGE;
	if (a.format->to_dir && !a.out) {
		cli_usage_error(c, "--format ministat: give -o DIR");
		goto out;
	}
	if (a.matrix && (!a.format->matrix || a.calibration)) {
		cli_usage_error(c, a.calibration ?
				"--matrix compares machines: no --calibration" :
				"--matrix: --format text or json");
		goto out;
	}
	if (a.matrix) {
		ret = matrix(c, &a, &pa);
		goto out;
	}
	if (shape_error(&pa)) {
		ret = cli_usage_error(c, shape_error(&pa));
		goto out;
	}
	ret = CMB_EXIT_FAIL;
	if (load(&pa, s, err, sizeof(err)) ||
	    find_calibration(a.calibration, s, cal, looked, sizeof(looked), err,
			     sizeof(err))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	if (check_units(s, a.stat, err, sizeof(err)) ||
	    cmb_set_check_sides(s, &k, err, sizeof(err))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	cmb_compare(s, make_opts(&a, cal, &o), cmp);
	if (no_rows_in_common(cmp))
		goto out;
	if (a.format->write != write_text)
		warn_notes(s);
	/* Machines are named by what they are, where the runner did not name them. */
	for (k = 0; k < 2 && cmp->o.machines; k++)
		if (!*s->side_name[k] && cmb_set_side_header(s, k))
			cmb_machine_name(cmb_set_side_header(s, k), s->side_name[k], sizeof(s->side_name[k]));
	cli_command_line(c, command, sizeof(command));
	t = (struct cmb_text_opts){ .ascii = a.ascii, .command = command,
				    .calibration = cal->n ? cal->path : NULL,
				    .looked = *looked ? short_dir(looked) : NULL,
				    .icc = cal->n ? cal->icc : NAN };
	if (a.format->write(&a, s, cmp, &t, err, sizeof(err)) ||
	    (a.plot_data && cmb_compare_plot_data(a.plot_data, s, cmp, err, sizeof(err)))) {
		fprintf(stderr, "cmbench compare: %s\n", err);
		goto out;
	}
	ret = gate(a.fail_on, cmp);
out:
	cmb_set_free(s);
	free(s);
	free(cmp);
	free(cal);
	return ret;
}
