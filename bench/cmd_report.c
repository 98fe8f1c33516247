// SPDX-License-Identifier: GPL-2.0
/* cmbench report FILE...: the tables of result files, on any host. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "compare/calibration.h"
#include "util/outbuf.h"
#include "report/report.h"
#include "report/testcases.h"
#include "report/tsv.h"

/*
 * What --format prints. --rows, --mail and --ktap are its older short
 * forms; json is the files' records as this cmbench reads them (an older
 * schema upgraded), tsv what export writes.
 */
enum report_format { FMT_TEXT, FMT_ROWS, FMT_MAIL, FMT_KTAP, FMT_TSV, FMT_JSON };

static const struct cmb_choice report_formats[] = {
	{ "text", FMT_TEXT }, { "rows", FMT_ROWS }, { "mail", FMT_MAIL },
	{ "ktap", FMT_KTAP }, { "tsv", FMT_TSV }, { "json", FMT_JSON }, { NULL, 0 },
};

struct report_args {
	int format;
	unsigned int rows;
	unsigned int wide;
	unsigned int mail;
	unsigned int ascii;
	unsigned int ktap;
	const char *calibration;
};

static const struct cmb_option report_opts[] = {
	{ .name = "format", .type = CMB_OPT_ENUM, .off = offsetof(struct report_args, format),
	  .choices = report_formats, .def = "text",
	  .help = "text: a table per file; rows, mail, ktap: as the flags below; tsv: "
		  "export's columns; json: the file's records in this cmbench's schema "
		  "(an older file upgraded, with its note)" },
	{ .name = "rows", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, rows),
	  .help = "only the table rows of all files, one table, no headers" },
	{ .name = "wide", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, wide),
	  .help = "one line a point, with the timed and other columns (past 100 columns)" },
	{ .name = "mail", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, mail),
	  .help = "for a mail or commit message: 72 columns, one header block, every "
		  "figure with its spread" },
	{ .name = "ascii", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, ascii),
	  .help = "with --mail: plain ASCII (+- for the plus-minus sign)" },
	{ .name = "calibration", .type = CMB_OPT_STR,
	  .off = offsetof(struct report_args, calibration), .metavar = "FILE",
	  .help = "with --mail: a cmbench calibrate result with invocations of the points "
		  "(default: the one saved for the first file's target, if any): each CI "
		  "widened by how far the centre moves between invocations" },
	{ .name = "ktap", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, ktap),
	  .help = "KTAP version 1 for kunit.py and KernelCI: a subtest per op, a test per "
		  "point with its statistics as # key=value lines, # SKIP and why for ops "
		  "the kernel cannot run" },
	{ 0 },
};

/*
 * The invocation spreads of --calibration FILE, or of the calibration
 * saved for the first file's target; none is no error unless asked for.
 * Returns how many, with *from what the mail says they came from.
 */
static int spreads(const struct report_args *a, const char *first, struct cmb_spread **out,
		   unsigned int *n, char *from, size_t flen, char *err, size_t len)
{
	struct cmb_calibration *cal = calloc(1, sizeof(*cal));
	struct cmb_header h;
	char path[512];
	unsigned int i;
	int ret = -1;

	*out = NULL;
	*n = 0;
	if (!cal) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	if (a->calibration) {
		snprintf(path, sizeof(path), "%s", a->calibration);
	} else {
		if (cmb_result_read_header(first, &h, err, len))
			goto out;
		cmb_calibration_path(&h, path, sizeof(path));
		if (access(path, R_OK)) {
			ret = 0;
			goto out;
		}
	}
	if (cmb_calibration_load(cal, path, err, len))
		goto out;
	*out = calloc(cal->n ? cal->n : 1, sizeof(**out));
	if (!*out) {
		snprintf(err, len, "out of memory");
		goto out;
	}
	for (i = 0; i < cal->n; i++) {
		const struct cmb_calibration_row *r = &cal->row[i];

		if (r->invocations < 2 || !(r->sd_inv >= 0))
			continue;
		snprintf((*out)[*n].key, sizeof((*out)[*n].key), "%s", r->key);
		(*out)[*n].sd = r->sd_inv;
		(*out)[(*n)++].invocations = r->invocations;
		snprintf(from, flen, "calibrated over %u invocations in %s", r->invocations,
			 path);
	}
	ret = 0;
out:
	free(cal);
	return ret;
}

/* --format json: the records as read, written back by this cmbench's writer. */
struct rewrite {
	FILE *f;
	int failed;
};

static int write_header(const struct cmb_header *h, void *arg)
{
	struct rewrite *w = arg;

	w->failed |= cmb_result_write_header(w->f, h);
	return w->failed;
}

static void write_point(const struct cmb_point *p, void *arg)
{
	struct rewrite *w = arg;

	w->failed |= cmb_result_write_point(w->f, p);
}

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
		return cli_usage_error(c, "give one or more result files");
	if (a.mail + a.rows + a.ktap > 1 || (a.mail + a.rows + a.ktap && a.format != FMT_TEXT))
		return cli_usage_error(c, "--format, --mail, --rows and --ktap: choose one");
	if (a.mail)
		a.format = FMT_MAIL;
	else if (a.rows)
		a.format = FMT_ROWS;
	else if (a.ktap)
		a.format = FMT_KTAP;
	if ((a.ascii || a.calibration) && a.format != FMT_MAIL)
		return cli_usage_error(c, a.ascii ? "--ascii goes with --mail" :
				       "--calibration goes with --mail");
	if (a.wide && a.format != FMT_TEXT && a.format != FMT_ROWS)
		return cli_usage_error(c, "--wide goes with the text and rows formats");
	if (pa.npos != 1 && (a.format == FMT_KTAP || a.format == FMT_TSV ||
			     a.format == FMT_JSON)) {
		snprintf(err, sizeof(err), "--format %s reads one result file",
			 cmb_choice_name(report_formats, a.format));
		return cli_usage_error(c, err);
	}
	/* Nothing is printed unless every file reads whole. */
	out = cmb_outbuf_open(&ob);
	if (!out) {
		cli_error("%s", strerror(errno));
		return CMB_EXIT_FAIL;
	}
	if (a.format == FMT_KTAP) {
		if (cmb_ktap_file(out, pa.pos[0], err, sizeof(err)))
			goto fail;
	} else if (a.format == FMT_TSV) {
		if (cmb_export_file(out, pa.pos[0], err, sizeof(err)))
			goto fail;
	} else if (a.format == FMT_JSON) {
		struct rewrite w = { .f = out };

		if (cmb_result_each(pa.pos[0], write_header, write_point, &w, err, sizeof(err)))
			goto fail;
		if (w.failed) {
			snprintf(err, sizeof(err), "%s: a record could not be written", pa.pos[0]);
			goto fail;
		}
	} else if (a.format == FMT_MAIL) {
		struct cmb_mail_opts mo = { .ascii = (int)a.ascii };
		struct cmb_spread *sp;
		char from[640];
		int bad;

		if (spreads(&a, pa.pos[0], &sp, &mo.nspread, from, sizeof(from), err,
			    sizeof(err)))
			goto fail;
		mo.spread = sp;
		mo.spread_from = from;
		bad = cmb_report_mail(out, pa.pos, pa.npos, &mo, err, sizeof(err));
		free(sp);
		if (bad)
			goto fail;
	} else {
		int rows = a.format == FMT_ROWS;

		if (rows)
			cmb_report_table_head(out, (int)a.wide);
		for (i = 0; i < pa.npos; i++) {
			if (i && !rows)
				fputc('\n', out);
			if (cmb_report_file(out, pa.pos[i], !rows, (int)a.wide, err,
					    sizeof(err)))
				goto fail;
		}
	}
	if (cmb_outbuf_commit(&ob, stdout, NULL)) {
		cli_error("standard output: %s", strerror(errno));
		return CMB_EXIT_FAIL;
	}
	return CMB_EXIT_OK;
fail:
	cmb_outbuf_drop(&ob);
	cli_error("%s", err);
	return CMB_EXIT_FAIL;
}
