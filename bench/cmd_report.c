// SPDX-License-Identifier: GPL-2.0
/* cmbench report FILE...: the tables of result files, on any host. */
#include <stddef.h>
#include <stdio.h>

#include "cmd.h"
#include "util/outbuf.h"
#include "report/report.h"
#include "report/testcases.h"

struct report_args {
	unsigned int rows;
	unsigned int mail;
	unsigned int ascii;
	unsigned int ktap;
};

static const struct cmb_option report_opts[] = {
	{ .name = "rows", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, rows),
	  .help = "only the table rows of all files, one table, no headers" },
	{ .name = "mail", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, mail),
	  .help = "for a mail or commit message: 72 columns, one header block, every "
		  "figure with its spread" },
	{ .name = "ascii", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, ascii),
	  .help = "with --mail: plain ASCII (+- for the plus-minus sign)" },
	{ .name = "ktap", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, ktap),
	  .help = "KTAP version 1 for kunit.py and KernelCI: a subtest per op, a test per "
		  "point with its statistics as # key=value lines, # SKIP and why for ops "
		  "the kernel cannot run" },
	{ 0 },
};

int cmd_report(const struct cmb_call *c)
{
	struct report_args a = { 0 };
	struct cmb_outbuf ob;
	struct cmb_parsed pa;
	char err[512];
	int i, status;
	FILE *out;

	if (cli_parse(c, report_opts, &a, &pa, &status))
		return status;
	if (!pa.npos)
		return cli_usage_error(c, report_opts, "give one or more result files");
	if (a.ascii && !a.mail)
		return cli_usage_error(c, report_opts, "--ascii goes with --mail");
	if (a.mail + a.rows + a.ktap > 1)
		return cli_usage_error(c, report_opts, "--mail, --rows and --ktap: choose one");
	if (a.ktap && pa.npos != 1)
		return cli_usage_error(c, report_opts, "--ktap reads one result file");
	/* Nothing is printed unless every file reads whole. */
	out = cmb_outbuf_open(&ob);
	if (!out) {
		perror("cmbench");
		return CMB_EXIT_FAIL;
	}
	if (a.ktap) {
		if (cmb_ktap_file(out, pa.pos[0], err, sizeof(err)))
			goto fail;
	} else if (a.mail) {
		struct cmb_mail_opts mo = { .ascii = (int)a.ascii };

		if (cmb_report_mail(out, pa.pos, pa.npos, &mo, err, sizeof(err)))
			goto fail;
	} else {
		if (a.rows)
			cmb_report_table_head(out);
		for (i = 0; i < pa.npos; i++) {
			if (i && !a.rows)
				fputc('\n', out);
			if (cmb_report_file(out, pa.pos[i], !a.rows, err, sizeof(err)))
				goto fail;
		}
	}
	if (cmb_outbuf_commit(&ob, stdout, NULL)) {
		perror("cmbench: standard output");
		return CMB_EXIT_FAIL;
	}
	return CMB_EXIT_OK;
fail:
	cmb_outbuf_drop(&ob);
	fprintf(stderr, "cmbench: %s\n", err);
	return CMB_EXIT_FAIL;
}
