// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench export FILE.jsonl: the TSV the gnuplot scripts in plots/ read,
 * or (--format lava) the test-case lines LAVA's send-to-lava.sh reads.
 * Reads result files only, so it runs on any Linux host with no module.
 */
#include <stddef.h>
#include <stdio.h>

#include "cmd.h"
#include "report/tsv.h"
#include "util/outbuf.h"
#include "report/testcases.h"

static const char *const format_choices[] = { "tsv", "lava", NULL };

struct export_args {
	const char *out;
	unsigned int format;
};

static const struct cmb_option export_opts[] = {
	{ .name = "format", .type = CMB_OPT_ENUM, .off = offsetof(struct export_args, format),
	  .choices = format_choices, .def = "tsv",
	  .help = "tsv: the plots' columns; lava: \"NAME pass|fail|skip [VALUE UNITS]\" "
		  "lines and lava-test-set start/stop per op, for send-to-lava.sh" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct export_args, out),
	  .help = "write it here instead of standard output" },
	{ 0 },
};

int cmd_export(const struct cmb_call *c)
{
	struct export_args a = { 0 };
	struct cmb_parsed pa;
	char err[512];
	struct cmb_outbuf ob;
	FILE *f;
	int ret;

	if (cli_parse(c, export_opts, &a, &pa, &ret))
		return ret;
	if (pa.npos != 1)
		return cli_usage_error(c, export_opts, "export takes exactly one result file");
	/* The file (or standard output) gets the TSV whole, or nothing. */
	f = cmb_outbuf_open(&ob);
	if (!f) {
		perror("cmbench");
		return CMB_EXIT_FAIL;
	}
	if (a.format == 1)
		ret = cmb_lava_file(f, pa.pos[0], err, sizeof(err));
	else
		ret = cmb_export_file(f, pa.pos[0], err, sizeof(err));
	if (ret) {
		fprintf(stderr, "cmbench: %s\n", err);
		cmb_outbuf_drop(&ob);
	} else if (cmb_outbuf_commit(&ob, stdout, a.out)) {
		perror(a.out ? a.out : "cmbench: standard output");
		ret = -1;
	}
	return ret ? CMB_EXIT_FAIL : CMB_EXIT_OK;
}
