// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench export FILE.jsonl: the TSV the gnuplot scripts in plots/ read,
 * or (--format lava) the test-case lines LAVA's send-to-lava.sh reads.
 * Reads result files only, so it runs on any Linux host with no module.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "report/tsv.h"
#include "util/outbuf.h"
#include "report/testcases.h"

/* What --format writes. */
struct export_format {
	const char *name;
	int (*write)(FILE *f, const char *path, char *err, size_t errlen);
};

static const struct export_format formats[] = {
	{ "tsv", cmb_export_file },
	{ "lava", cmb_lava_file },
	{ NULL, NULL },
};

struct export_args {
	const char *out;
	const struct export_format *format;
};

static const struct cmb_option export_opts[] = {
	{ .name = "format", .type = CMB_OPT_DESC, .off = offsetof(struct export_args, format),
	  .descs = formats, .desc_size = sizeof(formats[0]), .def = "tsv",
	  .help = "tsv: the plots' columns; lava: \"NAME pass|fail|skip [VALUE UNITS]\" "
		  "lines and lava-test-set start/stop per op, for send-to-lava.sh" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct export_args, out),
	  .metavar = "FILE",
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
		return cli_usage_error(c, "export takes exactly one result file");
	/* The file (or standard output) gets the TSV whole, or nothing. */
	f = cmb_outbuf_open(&ob);
	if (!f) {
		cli_error("%s", strerror(errno));
		return CMB_EXIT_FAIL;
	}
	ret = a.format->write(f, pa.pos[0], err, sizeof(err));
	if (ret) {
		cli_error("%s", err);
		cmb_outbuf_drop(&ob);
	} else if (cmb_outbuf_commit(&ob, stdout, a.out)) {
		cli_error("%s: %s", a.out ? a.out : "standard output", strerror(errno));
		ret = -1;
	}
	return ret ? CMB_EXIT_FAIL : CMB_EXIT_OK;
}
