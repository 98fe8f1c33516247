// SPDX-License-Identifier: GPL-2.0
/* cmbench report FILE...: the tables of result files, on any host. */
#include <stddef.h>
#include <stdio.h>

#include "cmd.h"
#include "report.h"

struct report_args {
	unsigned int rows;
};

static const struct cmb_option report_opts[] = {
	{ .name = "rows", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, rows),
	  .help = "only the table rows of all files, one table, no headers" },
	{ 0 },
};

int cmd_report(const struct cmb_call *c)
{
	struct report_args a = { 0 };
	struct cmb_parsed pa;
	char err[512];
	int i, status;

	if (cli_parse(c, report_opts, &a, &pa, &status))
		return status;
	if (!pa.npos)
		return cli_usage_error(c, report_opts, "give one or more result files");
	if (a.rows)
		cmb_report_table_head(stdout);
	for (i = 0; i < pa.npos; i++) {
		if (i && !a.rows)
			putchar('\n');
		if (cmb_report_file(stdout, pa.pos[i], !a.rows, err, sizeof(err))) {
			fprintf(stderr, "cmbench: %s\n", err);
			return CMB_EXIT_FAIL;
		}
	}
	return CMB_EXIT_OK;
}
