// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench calibrate BOOT.jsonl... | DIR: an A/A run, several boots of one
 * kernel, split into boot-to-boot and run-to-run variance per point; how
 * many runs per boot and boots per kernel a comparison needs for a 95% CI
 * of B/A within --half; saved per target (~/.local/share/cmbench/
 * calibration/LABEL.json, or $CMBENCH_CALIBRATION_DIR)
 * for compare to find.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "compare/abstat.h"
#include "compare/calibration.h"
#include "cmd.h"
#include "compare/out.h"
#include "compare/sets.h"
#include "util/text.h"

struct calibrate_args {
	const char *out;
	double half;		/* percent */
};

static const struct cmb_option calibrate_opts[] = {
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct calibrate_args, out),
	  .metavar = "FILE",
	  .help = "save the calibration here (default: LABEL.json, LABEL the result files' "
		  "label, in $CMBENCH_CALIBRATION_DIR, $XDG_DATA_HOME/cmbench/calibration or "
		  "~/.local/share/cmbench/calibration; compare and report look there)" },
	{ .name = "half", .type = CMB_OPT_DOUBLE, .off = offsetof(struct calibrate_args, half),
	  .min = 0, .max = 100, .def = "1",
	  .metavar = "PERCENT",
	  .help = "percent: the 95% CI half-width of B/A to plan for" },
	{ 0 },
};

static int by_icc(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

static void print_row(const struct cmb_calibration_row *r)
{
	char boots[8];

	if (!r->boots)
		return;
	snprintf(boots, sizeof(boots), r->boots_per_kernel ? "%u" : ">99", r->boots_per_kernel);
	printf("%-22.22s %5u %5u %6.1f%% %6.1f%% %5.2f %5u %5s\n", r->name, r->boots, r->runs,
	       100 * r->sd_boot, 100 * r->sd_run, r->icc, r->runs_per_boot, boots);
}

/* The spread between invocations in a boot, where 2 or more were run. */
static void print_invocations(const struct cmb_calibration *cal)
{
	unsigned int i, any = 0;

	for (i = 0; i < cal->n; i++)
		any |= !isnan(cal->row[i].sd_inv);
	if (!any)
		return;
	printf("\n%-22s %11s %13s\n", "op, parameters", "invocations", "invocation sd");
	for (i = 0; i < cal->n; i++)
		if (!isnan(cal->row[i].sd_inv))
			printf("%-22.22s %11u %12.1f%%\n", cal->row[i].name, cal->row[i].invocations,
			       100 * cal->row[i].sd_inv);
}

/*
 * Every row with runs in 2 boots or more: its components and plan; and
 * with 2 invocations or more in a boot, their spread.
 */
static void calibrate(const struct cmb_set *s, double half, struct cmb_calibration *cal)
{
	const double *runs[CMB_MAX_BOOTS];
	unsigned int i, b, n[CMB_MAX_BOOTS], k;
	struct cmb_components c;

	for (i = 0; i < s->nrows; i++) {
		const struct cmb_row *r = s->row[i];
		struct cmb_calibration_row *cr = &cal->row[cal->n];
		double floor = 0, var_inv;
		unsigned int files;
		int boots, invs;

		for (b = 0, k = 0; b < s->nboots; b++) {
			if (!r->cell[b].present || !r->cell[b].runs)
				continue;
			runs[k] = r->cell[b].run_p50;
			n[k++] = r->cell[b].runs;
			floor = fmax(floor, r->cell[b].res_rel);
		}
		if (r->finding)
			continue;
		boots = !cmb_components(runs, n, k, &c);
		invs = cmb_row_invocations(r, s->nboots, &var_inv, &files);
		if (!boots && !invs)
			continue;
		memset(cr, 0, sizeof(*cr));
		cr->invocations = files;
		snprintf(cr->key, sizeof(cr->key), "%s", r->key);
		snprintf(cr->name, sizeof(cr->name), "%s", r->name);
		cr->sd_inv = invs ? sqrt(var_inv) : NAN;
		cr->sd_boot = cr->sd_run = cr->icc = NAN;
		cal->n++;
		if (!boots)
			continue;
		/* Runs that agree to the resolution spread by it, as compare takes them. */
		cr->floored = c.var_run < floor * floor;
		if (cr->floored) {
			c.var_run = floor * floor;
			c.icc = c.var_boot / (c.var_boot + c.var_run);
		}
		cr->boots = c.boots;
		cr->runs = c.runs;
		cr->sd_boot = sqrt(c.var_boot);
		cr->sd_run = sqrt(c.var_run);
		cr->icc = c.icc;
		cmb_plan_boots(&c, half, CMB_MAX_REPEATS, 99, &cr->runs_per_boot,
			       &cr->boots_per_kernel);
	}
}

/* A directory (an A/B runner's, A/A) or files: every boot, one side. */
static int load(struct cmb_set *s, const struct cmb_parsed *pa, char *err, size_t len)
{
	struct stat st;
	unsigned int k;

	if (pa->npos == 1 && !stat(pa->pos[0], &st) && S_ISDIR(st.st_mode)) {
		if (cmb_set_add_dir(s, pa->pos[0], err, len))
			return -1;
	} else {
		for (k = 0; k < (unsigned int)pa->npos; k++)
			if (cmb_set_add(s, pa->pos[k], 0, err, len))
				return -1;
	}
	for (k = 0; k < s->nboots; k++) {
		if (strcmp(s->boot[k]->h.kernel_release, s->boot[0]->h.kernel_release) ||
		    strcmp(s->boot[k]->h.kernel_build_id, s->boot[0]->h.kernel_build_id)) {
			snprintf(err, len, "%s is kernel %s (build-id %.12s), %s is %s (%.12s): an "
				 "A/A run is one kernel", s->boot[k]->path,
				 s->boot[k]->h.kernel_release, s->boot[k]->h.kernel_build_id,
				 s->boot[0]->path, s->boot[0]->h.kernel_release,
				 s->boot[0]->h.kernel_build_id);
			return -1;
		}
	}
	for (k = 0; k < s->nboots && s->boot[k]->files < 2; k++)
		;
	if (s->nboots < 2 && k == s->nboots) {
		snprintf(err, len, "%u boot of one file: a calibration needs 2 boots or more (3 of "
			 "20 runs, better), or 2 invocations or more in a boot", s->nboots);
		return -1;
	}
	return 0;
}

int cmd_calibrate(const struct cmb_call *c)
{
	struct calibrate_args a = { 0 };
	struct cmb_set *s = calloc(1, sizeof(*s));
	struct cmb_calibration *cal = calloc(1, sizeof(*cal));
	double iccs[CMB_MAX_ROWS];
	struct cmb_parsed pa;
	unsigned int i, nicc = 0, min_runs = CMB_MAX_BOOT_RUNS;
	char err[1024], line[256], path[512];
	int ret = CMB_EXIT_FAIL;

	if (!s || !cal)
		goto out;
	if (cli_parse(c, calibrate_opts, &a, &pa, &ret))
		goto out;
	if (pa.npos < 1) {
		ret = cli_usage_error(c, "give the result files of 2 boots or "
				      "more of one kernel, or an A/A runner's directory");
		goto out;
	}
	ret = CMB_EXIT_FAIL;
	if (load(s, &pa, err, sizeof(err))) {
		fprintf(stderr, "cmbench calibrate: %s\n", err);
		goto out;
	}
	cal->boots = s->nboots;
	cal->half = a.half / 100;
	snprintf(cal->kernel, sizeof(cal->kernel), "%s", s->boot[0]->h.kernel_release);
	snprintf(cal->label, sizeof(cal->label), "%s", s->boot[0]->h.label);
	calibrate(s, cal->half, cal);
	for (i = 0; i < cal->n; i++) {
		if (!cal->row[i].boots)
			continue;
		iccs[nicc++] = cal->row[i].icc;
		if (cal->row[i].runs / cal->row[i].boots < min_runs)
			min_runs = cal->row[i].runs / cal->row[i].boots;
	}
	cal->icc = NAN;
	if (nicc) {
		snprintf(line, sizeof(line), "%u boots of %s: per point, the spread of the "
			 "boots' centres (boot sd) and of the runs in a boot (run sd), the boots' "
			 "share (ICC), and for a B/A CI within +-%.1f%%: runs per boot, boots per "
			 "kernel", s->nboots, s->boot[0]->h.kernel_release, a.half);
		cmb_wrap(stdout, line, 72, "  ");
		printf("\n%-22s %5s %5s %7s %7s %5s %5s %5s\n", "op, parameters", "boots",
		       "runs", "boot sd", "run sd", "ICC", "runs", "boots");
		for (i = 0; i < cal->n; i++)
			print_row(&cal->row[i]);
		qsort(iccs, nicc, sizeof(iccs[0]), by_icc);
		cal->icc = nicc % 2 ? iccs[nicc / 2] : (iccs[nicc / 2 - 1] + iccs[nicc / 2]) / 2;
		printf("\nmedian ICC %.2f over %u points\n", cal->icc, nicc);
	} else {
		snprintf(line, sizeof(line), "1 boot of %s, several invocations: per point, how "
			 "far its centre moves between invocations beyond its runs' spread (no "
			 "boot-to-boot spread: that needs 2 boots or more)",
			 s->boot[0]->h.kernel_release);
		cmb_wrap(stdout, line, 72, "  ");
	}
	print_invocations(cal);
	if (nicc && (s->nboots < 3 || min_runs < 20))
		cmb_wrap(stdout, "Few boots or runs: a calibration wants 3 boots of 20 runs or "
			 "more; these estimates are rough.", 72, "  ");
	if (!a.out)
		cmb_calibration_path(&s->boot[0]->h, path, sizeof(path));
	if (cal->n && cmb_calibration_save(cal, a.out ? a.out : path, err, sizeof(err))) {
		fprintf(stderr, "cmbench calibrate: %s\n", err);
		goto out;
	}
	if (cal->n)
		printf("saved: %s\n", a.out ? a.out : path);
	ret = cal->n ? CMB_EXIT_OK : CMB_EXIT_FAIL;
out:
	if (s)
		cmb_set_free(s);
	free(s);
	free(cal);
	return ret;
}
