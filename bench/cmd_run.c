// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench run OP: measure one operation over a list of sizes (or pages)
 * and thread counts, print the table, and append every finished point to
 * the result file as it ends, so Ctrl-C loses only the point in flight.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "run/device.h"
#include "run/measure.h"
#include "run/plan.h"
#include "run/provenance.h"
#include "report/report.h"
#include "result/result.h"

static FILE *open_output(const struct run_args *a, const char *op,
			 char *path, size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	FILE *f;

	if (a->out) {
		snprintf(path, len, "%s", a->out);
	} else {
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", gmtime(&now));
		snprintf(path, len, "cmbench-%s-%s.jsonl", op, stamp);
	}
	/* Never overwrite: an earlier run's results are worth more than a typo. */
	f = fopen(path, "wx");
	if (!f && errno == EEXIST)
		cli_error("%s exists; give another -o or move it away",
			path);
	else if (!f)
		cli_error("cannot write %s: %s", path, strerror(errno));
	return f;
}

/* The header, then the table: 0, or CMB_EXIT_FAIL after saying why. */
static int start_output(const struct cmb_call *c, struct run_plan *pl,
			const struct cmb_dev *d, FILE *out, const char *path)
{
	struct cmb_header *hdr = malloc(sizeof(*hdr));
	int ret = CMB_EXIT_OK;

	if (!hdr)
		return CMB_EXIT_FAIL;
	cmb_provenance(hdr, d, c->full_argc, c->full_argv, pl->a.label);
	hdr->topo = pl->topo;
	errno = 0;
	if (cmb_result_write_header(out, hdr)) {
		cli_error("writing %s: %s", path,
			errno ? strerror(errno) : "short write");
		ret = CMB_EXIT_FAIL;
	} else {
		pl->host_cpus = hdr->emu.host_cpus;
		pl->icount = hdr->emu.icount;
		cmb_report_header(stdout, hdr);
		printf("# %s: %s\n", pl->oi->name, pl->oi->impl);
		cmb_report_table_head(stdout, (int)pl->a.wide);
		fflush(stdout);
	}
	free(hdr);
	return ret;
}

static int run_plan(const struct cmb_call *c, struct run_plan *pl, struct cmb_dev *d)
{
	const struct cmb_measure_hooks hooks = { .after = cmb_report_row_out, .arg = &pl->a.wide };
	char path[4096];
	unsigned int done = 0;
	FILE *out;
	int ret;

	out = open_output(&pl->a, pl->oi->name, path, sizeof(path));
	if (!out)
		return CMB_EXIT_FAIL;
	ret = start_output(c, pl, d, out, path);
	if (!ret)
		ret = cmb_measure_plan(pl, d, out, path, 0, &done, &hooks);
	if (ret == CMB_EXIT_INTERRUPTED)
		cli_error("interrupted: %u finished point%s kept in %s",
			done, done == 1 ? "" : "s", path);
	else if (!ret)
		printf("# %u point%s written to %s\n", done, done == 1 ? "" : "s", path);
	if (fclose(out) && !ret) {
		cli_error("closing %s: %s", path, strerror(errno));
		ret = CMB_EXIT_FAIL;
	}
	return ret;
}

int cmd_run(const struct cmb_call *c)
{
	struct run_plan *pl = calloc(1, sizeof(*pl));
	struct cmb_parsed pa;
	struct cmb_dev d;
	char err[512];
	int ret;

	if (!pl)
		return CMB_EXIT_FAIL;
	/* Options first: a usage error needs no module. */
	if (cli_parse(c, cmb_run_opts, &pl->a, &pa, &ret))
		goto out;
	ret = CMB_EXIT_FAIL;
	if (cmb_dev_open_default(&d))
		goto out;
	ret = cmb_plan_make(pl, &pa, &d, err, sizeof(err));
	if (ret == CMB_EXIT_USAGE)
		cli_usage_error(c, err);
	else if (ret)
		cli_error("%s", err);
	else
		ret = run_plan(c, pl, &d);
	cmb_dev_close(&d);
out:
	free(pl);
	return ret;
}
