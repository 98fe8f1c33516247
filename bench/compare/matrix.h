/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compare --matrix: result files of several machines, grouped by machine
 * (the first file's machine is the baseline X), each other machine
 * compared with X as a comparison of its own (Y/X with a 95% CI, boots as
 * units where there are several, runs otherwise; never a verdict), and
 * put side by side: one column per machine, three to a 72-column table.
 */
#ifndef CMB_MATRIX_H
#define CMB_MATRIX_H

#include <stdio.h>

struct cmb_set;
struct cmb_comparison;
struct cmb_compare_opts;
struct cmb_compare_row;

#define CMB_MATRIX_MAX	8	/* machines besides the baseline */

struct cmb_matrix {
	unsigned int n;				/* machines besides X */
	char name[CMB_MATRIX_MAX + 1][96];	/* [0] is X */
	char id[CMB_MATRIX_MAX + 1][128];
	struct cmb_set *set[CMB_MATRIX_MAX];	/* X as side 0, machine k as 1 */
	struct cmb_comparison *cmp[CMB_MATRIX_MAX];
};

/* Groups the files by machine and loads each pair: 0, or -1 with err. */
int cmb_matrix_load(struct cmb_matrix *m, char *const *paths, int n, char *err, size_t len);
void cmb_matrix_compare(struct cmb_matrix *m, const struct cmb_compare_opts *o);
void cmb_matrix_free(struct cmb_matrix *m);
/*
 * Y/X of row i of the baseline's comparison in machine k's (k >= 1; the
 * geomean with i = -1); NULL where machine k did not measure it.
 */
const struct cmb_compare_row *cmb_matrix_cell(const struct cmb_matrix *m, unsigned int k,
					      int i);

void cmb_matrix_text(FILE *f, const struct cmb_matrix *m, const char *command);
int cmb_matrix_json(FILE *f, const struct cmb_matrix *m);
/*
 * DIR/ops.dat for plots/compare-ops.gp: every row's Y/X and CI per
 * machine, an index per row, the geomean last. 0, or -1 with err.
 */
int cmb_matrix_plot_data(const char *dir, const struct cmb_matrix *m, char *err, size_t len);

#endif
