/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A comparison written out: a table for a commit message (72 columns at
 * most, one summary line, a footer with the commands, kernels, CPU and
 * boots), JSON, CSV, ministat's input (one file per side and row, the
 * per-boot values' logs), and the data behind the comparison plots.
 */
#ifndef CMB_COMPARE_OUT_H
#define CMB_COMPARE_OUT_H

#include <stdio.h>

struct cmb_set;
struct cmb_comparison;

struct cmb_text_opts {
	int ascii;			/* no UTF-8 (theta, plus-minus) */
	const char *command;		/* how compare was called, for the footer */
	const char *calibration;	/* its file, or NULL */
	const char *looked;		/* without one: the directory compare looked in */
	double icc;			/* from the calibration; NAN: from these boots */
};

void cmb_compare_text(FILE *f, const struct cmb_set *s, const struct cmb_comparison *c,
		      const struct cmb_text_opts *t);
/*
 * compare/footnotes.c: what the table's marks and missing verdicts mean,
 * each only when a printed row carries it, and what loading left out.
 */
void cmb_compare_footnotes(FILE *f, const struct cmb_comparison *c,
			   const struct cmb_text_opts *t);
/* One line of JSON; 0, or -1 when it could not be written. */
int cmb_compare_json(FILE *f, const struct cmb_comparison *c);
void cmb_compare_csv(FILE *f, const struct cmb_comparison *c);
/* DIR/NN-A.txt, DIR/NN-B.txt per row and DIR/rows.txt; 0, or -1 with err. */
int cmb_compare_ministat(const char *dir, const struct cmb_set *s,
			 const struct cmb_comparison *c, char *err, size_t len);
/*
 * DIR/ratio.dat (B/A and CI against size or pages), DIR/boots.dat (each
 * boot's value by row, in boot order), DIR/cdf-NN.dat (the merged
 * latency CDFs of both sides, row NN); 0, or -1 with err.
 */
int cmb_compare_plot_data(const char *dir, const struct cmb_set *s,
			  const struct cmb_comparison *c, char *err, size_t len);


#endif
