// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench export FILE.jsonl: the TSV the gnuplot scripts in plots/ read.
 * Reads result files only, so it runs on any Linux host with no module.
 */
#include <stddef.h>
#include <stdio.h>

#include "cmd.h"
#include "export.h"

struct export_args {
	const char *out;
};

static const struct cmb_option export_opts[] = {
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct export_args, out),
	  .help = "write the TSV here instead of standard output" },
	{ 0 },
};

int cmd_export(const struct cmb_call *c)
{
	struct export_args a = { 0 };
	struct cmb_parsed pa;
	char err[512];
	FILE *f = stdout;
	int ret;

	if (cli_parse(c, export_opts, &a, &pa, &ret))
		return ret;
	if (pa.npos != 1)
		return cli_usage_error(c, export_opts, "export takes exactly one result file");
	if (a.out) {
		f = fopen(a.out, "w");
		if (!f) {
			perror(a.out);
			return CMB_EXIT_FAIL;
		}
	}
	ret = cmb_export_file(f, pa.pos[0], err, sizeof(err));
	if (ret)
		fprintf(stderr, "cmbench: %s\n", err);
	if (f != stdout && fclose(f) && !ret) {
		perror(a.out);
		ret = -1;
	}
	return ret ? CMB_EXIT_FAIL : CMB_EXIT_OK;
}
