/* SPDX-License-Identifier: GPL-2.0 */
/* The human-readable side of results: the provenance lines and the table. */
#ifndef CMB_REPORT_H
#define CMB_REPORT_H

#include <stdio.h>

#include "result/result.h"

/* What report, run and sweep fit by default; --wide: one line a point. */
#define CMB_TABLE_WIDTH	100

void cmb_report_header(FILE *f, const struct cmb_header *h);
void cmb_report_table_head(FILE *f, int wide);
void cmb_report_row(FILE *f, const struct cmb_point *p, int wide);
/* The row on stdout, flushed: a measuring hook (arg: unsigned int *wide, or NULL). */
void cmb_report_row_out(const struct cmb_point *p, void *arg);
/*
 * The centre's 95% CI as a percentage of it after the sign pm ("+-" or
 * U+00B1), marked h or t where the histogram's or the timer's resolution
 * bounds it; "n/a" from one run. Returns buf.
 */
const char *cmb_ci_pct(const struct cmb_point *p, const char *pm, char *buf, size_t len);
/* Prints a result file's rows, after its header and table head if asked;
 * 0 ok, -1 with err set. */
int cmb_report_file(FILE *f, const char *path, int headers, int wide, char *err,
		    size_t errlen);

/* How far a point's centre moves between invocations in one boot. */
struct cmb_spread {
	char key[192];			/* cmb_point_key() */
	double sd;			/* of the log centres */
	unsigned int invocations;	/* it was measured from */
};

struct cmb_mail_opts {
	int ascii;			/* "+-" for the plus-minus sign */
	/* Invocation spreads (cmbench calibrate) and where from; none: NULL */
	const struct cmb_spread *spread;
	unsigned int nspread;
	const char *spread_from;
};

/*
 * The files as one mail-ready text: a header block (machines, kernels,
 * commands, what n and the spread are), then a table per machine, at most
 * 72 columns. 0, or -1 with err.
 */
int cmb_report_mail(FILE *f, char *const *paths, int n, const struct cmb_mail_opts *o,
		    char *err, size_t len);

#endif
