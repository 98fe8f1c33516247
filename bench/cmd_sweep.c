// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench sweep: many runs into one result file. Every line of the spec is
 * checked before anything runs, ops this kernel cannot run are skipped
 * with the reason, and each finished point is appended and synced.
 * --resume continues a file where it stopped, refusing when the spec or
 * the kernel differ from the file's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "run/device.h"
#include "run/measure.h"
#include "run/plan.h"
#include "run/provenance.h"
#include "report/report.h"
#include "run/spec.h"

struct sweep_args {
	const struct cmb_preset *preset;
	const char *out;
	unsigned int resume;
	unsigned int list;
	const char *label;
	unsigned int wide;
};

static const struct cmb_option sweep_opts[] = {
	{ .name = "preset", .type = CMB_OPT_DESC, .off = offsetof(struct sweep_args, preset),
	  .descs = cmb_spec_presets, .desc_size = sizeof(cmb_spec_presets[0]),
	  .help = "a built-in spec: quick or full" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct sweep_args, out), .metavar = "FILE",
	  .help = "result file (required)" },
	{ .name = "resume", .type = CMB_OPT_FLAG, .off = offsetof(struct sweep_args, resume),
	  .help = "continue -o FILE where it stopped (same spec and kernel only)" },
	{ .name = "list", .type = CMB_OPT_FLAG, .off = offsetof(struct sweep_args, list),
	  .help = "print the points it would measure, measure nothing" },
	{ .name = "label", .type = CMB_OPT_STR, .off = offsetof(struct sweep_args, label),
	  .metavar = "NAME",
	  .help = "name for this system in tables and plots" },
	{ .name = "wide", .type = CMB_OPT_FLAG, .off = offsetof(struct sweep_args, wide),
	  .help = "the table printed: one line a point, with the timed and other columns "
		  "(past 100 columns)" },
	{ 0 },
};

/* A spec's runs, planned: skipped ones have no plan. */
struct sweep {
	struct cmb_spec spec;
	struct run_plan plan[CMB_SPEC_MAX_RUNS];
	int skipped[CMB_SPEC_MAX_RUNS];
	unsigned int total;		/* points of the runs not skipped */
	/* progress */
	unsigned int done;
	time_t t0;
	int wide;		/* --wide: the table, one line a point */
};

/* Plans every run; unsupported ops are skipped, anything else wrong stops. */
static int plan_all(struct sweep *sw, const struct cmb_dev *d)
{
	struct cmb_parsed pa;
	char err[512];
	int i, ret;

	for (i = 0; i < sw->spec.n; i++) {
		struct cmb_spec_line *l = &sw->spec.run[i];
		struct run_plan *pl = &sw->plan[i];

		memset(pl, 0, sizeof(*pl));
		if (cmb_opts_parse(cmb_run_opts, &pl->a, l->argc, l->argv, &pa, err,
				   sizeof(err)))
			ret = CMB_EXIT_USAGE;
		else
			ret = cmb_plan_make(pl, &pa, d, err, sizeof(err));
		if (ret == CMB_EXIT_SKIP) {
			fprintf(stderr, "cmbench sweep: run %d: %s\n", i + 1, err);
			sw->skipped[i] = 1;
			continue;
		}
		if (!ret && (pl->given_out || pl->given_label)) {
			snprintf(err, sizeof(err), "-o and --label belong on the sweep, "
				 "not its runs");
			ret = CMB_EXIT_USAGE;
		}
		if (ret) {
			fprintf(stderr, "cmbench sweep: run %d (spec line %d) is wrong: %s\n",
				i + 1, l->lineno, err);
			return ret;
		}
		sw->total += cmb_plan_points(pl);
	}
	return 0;
}

/* The points it would measure, named as export names them. */
static void list_points(const struct sweep *sw)
{
	struct cmb_point *p = malloc(sizeof(*p));
	char param[48];
	unsigned int k;
	int i;

	for (i = 0; p && i < sw->spec.n; i++) {
		if (sw->skipped[i])
			continue;
		for (k = 0; k < cmb_plan_points(&sw->plan[i]); k++) {
			cmb_plan_describe(&sw->plan[i], k, p);
			printf("%s\t%s\t%u\n", p->op, cmb_point_param(p, param, sizeof(param)),
			       p->threads);
		}
	}
	free(p);
}

static void progress(const struct run_plan *pl, unsigned int i, void *arg)
{
	struct sweep *sw = arg;
	double elapsed = difftime(time(NULL), sw->t0);
	unsigned int k = sw->done;

	(void)i;
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "[point %u of %u] %s", k + 1, sw->total, pl->oi->name);
	if (k)
		fprintf(stderr, ", about %.0f s left", elapsed / k * (sw->total - k));
	fputc('\n', stderr);
	sw->done++;
}

/* The header of a new file: 0, or CMB_EXIT_FAIL. */
static int write_header(const struct cmb_call *c, struct sweep *sw,
			const struct cmb_dev *d, const struct sweep_args *a, FILE *out,
			int print_only)
{
	struct cmb_header *hdr = malloc(sizeof(*hdr));
	char err[512];
	int i, ret = CMB_EXIT_OK;

	if (!hdr)
		return CMB_EXIT_FAIL;
	cmb_provenance(hdr, d, c->full_argc, c->full_argv, a->label);
	snprintf(hdr->sweep_digest, sizeof(hdr->sweep_digest), "%s", sw->spec.digest);
	cmb_topo_read(&hdr->topo, &d->info, NULL, err, sizeof(err));
	hdr->sweep_points = sw->total;
	for (i = 0; i < sw->spec.n; i++) {
		sw->plan[i].host_cpus = hdr->emu.host_cpus;
		sw->plan[i].icount = hdr->emu.icount;
	}
	if (!print_only && cmb_result_write_header(out, hdr)) {
		fprintf(stderr, "cmbench sweep: writing %s failed\n", a->out);
		ret = CMB_EXIT_FAIL;
	} else {
		cmb_report_header(stdout, hdr);
	}
	free(hdr);
	return ret;
}

static void row_out(const struct cmb_point *p, void *arg)
{
	const struct sweep *sw = arg;

	cmb_report_row(stdout, p, sw->wide);
	fflush(stdout);
}

/* Measures every point from the have-th on; the exit status. */
static int measure_all(struct sweep *sw, struct cmb_dev *d, FILE *out, const char *path,
		       unsigned int have)
{
	const struct cmb_measure_hooks hooks = {
		.before = progress, .after = row_out, .arg = sw,
	};
	unsigned int skip = have, done = 0, pts;
	int i, ret = CMB_EXIT_OK;

	sw->done = have;
	sw->t0 = time(NULL);
	for (i = 0; i < sw->spec.n && !ret; i++) {
		if (sw->skipped[i])
			continue;
		pts = cmb_plan_points(&sw->plan[i]);
		if (skip >= pts) {
			skip -= pts;
			continue;
		}
		ret = cmb_measure_plan(&sw->plan[i], d, out, path, skip, &done, &hooks);
		skip = 0;
	}
	if (ret == CMB_EXIT_INTERRUPTED)
		fprintf(stderr, "cmbench sweep: interrupted: %u of %u points in %s; "
			"--resume continues\n", have + done, sw->total, path);
	else if (!ret)
		printf("# sweep complete: %u points in %s\n", have + done, path);
	return ret;
}

/* Opens the result file, new or resumed; NULL with *ret set when not. */
static FILE *open_result(const struct sweep_args *a, const struct sweep *sw,
			 const struct cmb_dev *d, unsigned int *have, int *ret)
{
	struct utsname u;
	char err[512];
	FILE *out;

	*have = 0;
	*ret = CMB_EXIT_FAIL;
	if (a->resume) {
		uname(&u);
		if (cmb_spec_can_resume(a->out, sw->spec.digest, u.release, d->info.release,
					have, err, sizeof(err))) {
			fprintf(stderr, "cmbench sweep: cannot resume: %s\n", err);
			*ret = CMB_EXIT_USAGE;
			return NULL;
		}
		if (*have >= sw->total) {
			printf("# sweep already complete: %u points in %s\n", *have, a->out);
			*ret = CMB_EXIT_OK;
			return NULL;
		}
		out = fopen(a->out, "a");
	} else {
		out = fopen(a->out, "wx");
		if (!out && errno == EEXIST) {
			fprintf(stderr, "cmbench sweep: %s exists; --resume to continue it, "
				"or give another -o\n", a->out);
			return NULL;
		}
	}
	if (!out)
		fprintf(stderr, "cmbench sweep: %s: %s\n", a->out, strerror(errno));
	return out;
}

static int sweep(const struct cmb_call *c, struct sweep *sw, const struct sweep_args *a)
{
	unsigned int have;
	struct cmb_dev d;
	FILE *out = NULL;
	int ret;

	if (cmb_dev_open_default(&d))
		return CMB_EXIT_FAIL;
	ret = plan_all(sw, &d);
	if (ret || a->list) {
		if (!ret)
			list_points(sw);
		goto out;
	}
	out = open_result(a, sw, &d, &have, &ret);
	if (!out)
		goto out;
	ret = write_header(c, sw, &d, a, out, a->resume);
	if (ret)
		goto out;
	printf("# sweep %s: %u points%s\n", sw->spec.digest, sw->total,
	       have ? ", resuming" : "");
	sw->wide = (int)a->wide;
	cmb_report_table_head(stdout, sw->wide);
	ret = measure_all(sw, &d, out, a->out, have);
out:
	if (out && fclose(out) && !ret)
		ret = CMB_EXIT_FAIL;
	cmb_dev_close(&d);
	return ret;
}

int cmd_sweep(const struct cmb_call *c)
{
	struct sweep_args a = { 0 };
	struct cmb_parsed pa;
	struct sweep *sw;
	char err[512], *text;
	int ret;

	if (cli_parse(c, sweep_opts, &a, &pa, &ret))
		return ret;
	if (a.preset && pa.npos)
		return cli_usage_error(c, "give a spec file or --preset, not both");
	if (!a.preset && pa.npos != 1)
		return cli_usage_error(c, "give a spec file or --preset");
	if (!a.out && !a.list)
		return cli_usage_error(c, "-o FILE is required");
	if (a.preset)
		text = strdup(a.preset->spec);
	else
		text = cmb_spec_read(pa.pos[0], err, sizeof(err));
	if (!text) {
		fprintf(stderr, "cmbench sweep: %s\n", a.preset ? "out of memory" : err);
		return CMB_EXIT_FAIL;
	}
	sw = calloc(1, sizeof(*sw));
	if (!sw) {
		free(text);
		return CMB_EXIT_FAIL;
	}
	if (cmb_spec_parse(&sw->spec, text, err, sizeof(err))) {
		fprintf(stderr, "cmbench sweep: %s\n", err);
		ret = CMB_EXIT_USAGE;
	} else {
		ret = sweep(c, sw, &a);
	}
	free(sw);
	free(text);
	return ret;
}
