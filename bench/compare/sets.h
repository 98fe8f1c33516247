/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result files as the input of a comparison: each file one boot of one
 * side (A or B), each point a row, found across files by what it measured
 * (op and all its parameters, size, threads, placement). A runner's
 * directory lists its files, their sides and boot order in index.tsv.
 *
 * Files of one side from one boot (same boot_id: a variant run several
 * times in a boot) are one boot: their runs and samples are pooled. When
 * the two sides measured different parameters (variants within a
 * kernel: --coherent-walk 0 against 1), cmb_set_pair_rows() pairs their
 * rows by position.
 */
#ifndef CMB_SETS_H
#define CMB_SETS_H

#include <stddef.h>

#include "result/result.h"

#define CMB_MAX_BOOTS	64
#define CMB_MAX_ROWS	256
/* Runs of one point in one boot, over all its files. */
#define CMB_MAX_BOOT_RUNS	(4 * CMB_MAX_REPEATS)
/* Files of one boot whose runs a cell tells apart (calibrate's invocations). */
#define CMB_MAX_CELL_FILES	32
/* A run median past this is no time cmbench measures: the file is refused. */
#define CMB_MAX_OP_NS		1e12

/* What loading could not use, counted; compare prints each as a warning. */
enum cmb_note { CMB_NOTE_BAD_MEDIAN, CMB_NOTE_NO_RUNS, CMB_NOTE_CUT_RUNS, CMB_NNOTES };
extern const char *const cmb_note_names[];

/* Every file as loaded: what compare checks the sides by. */
struct cmb_file_id {
	char path[512];
	int side;
	char machine[128];		/* cmb_machine_id() */
	char kernel[160];		/* release and build-id */
	char boot_id[40];
};

/*
 * What one boot contributes: the centre of its runs' medians, a quantile
 * or the maximum of its merged samples (ns), or CPU cycles per op.
 */
enum cmb_stat_kind { CMB_STAT_CENTRE, CMB_STAT_P50, CMB_STAT_P90, CMB_STAT_P99,
		     CMB_STAT_MAX, CMB_STAT_CYCLES, CMB_STAT_INSTRUCTIONS, CMB_STAT_MODELLED,
		     CMB_NSTATS };

/* Where a cell's cycles came from. */
enum cmb_cycles_src { CMB_CYC_NONE, CMB_CYC_CLOCK, CMB_CYC_EVENT, CMB_CYC_FIXED_FREQ };

/* One row in one boot. */
struct cmb_cell {
	int present;
	double stat[CMB_NSTATS];	/* by enum cmb_stat_kind: ns, or cycles */
	double res_rel;			/* the centre's resolution, an sd relative to it */
	double unit_res;		/* a count per op's: one unit a run, per op */
	enum cmb_cycles_src cycles_src;
	double cycles_mhz;		/* with CMB_CYC_FIXED_FREQ */
	unsigned int runs;
	double run_p50[CMB_MAX_BOOT_RUNS];
	/* Files (invocations) pooled here: the runs of file f end at file_end[f]. */
	unsigned int files;
	unsigned int file_end[CMB_MAX_CELL_FILES];
	struct cmb_dist *dist;		/* this boot's samples */
};

struct cmb_row {
	char key[192];			/* identity across files */
	char name[48];			/* for tables: "kmap 600p x4", "flush 64K cold" */
	char op[32];
	uint64_t size, pages;		/* the sweep's axis, for plots */
	uint64_t lines;			/* D-cache lines the buffer spans; 0 without */
	unsigned int threads;
	int finding;
	struct cmb_cell cell[CMB_MAX_BOOTS];
	struct cmb_dist *merged[2];	/* all samples of a side, for CDFs */
};

struct cmb_boot {
	char path[512];
	int side;			/* 0: A, 1: B */
	unsigned int files;		/* result files pooled into this boot */
	struct cmb_header h;
};

struct cmb_set {
	unsigned int nboots, nrows;
	/* Files of each side measured under QEMU's icount, and not. */
	unsigned int icount[2], timed[2];
	struct cmb_boot *boot[CMB_MAX_BOOTS];
	struct cmb_row *row[CMB_MAX_ROWS];
	/* What each side is, from the runner's "sides" file; "" without. */
	char side_name[2][128];
	/* Rows paired by position: what differs, "coherent_walk 0" per side. */
	int paired_rows;
	char variant[2][96];
	/* What loading left out: how many of each, and where the first was. */
	unsigned int notes[CMB_NNOTES];
	char note_at[CMB_NNOTES][640];
	unsigned int nfiles;
	struct cmb_file_id *file;
};

/* Adds one file as a boot of side 0 (A) or 1 (B): 0, or -1 with err. */
int cmb_set_add(struct cmb_set *s, const char *path, int side, char *err, size_t len);
/*
 * Adds a runner's directory: its index.tsv names each boot's file and
 * side, in the order they booted (boots that did not finish are
 * skipped); its "sides" file, when there, what A and B are.
 */
int cmb_set_add_dir(struct cmb_set *s, const char *dir, char *err, size_t len);
void cmb_set_free(struct cmb_set *s);
/*
 * compare/cells.c: adds point p of a file of header h to cell c, where
 * "FILE: point" for notes and errors. -1 with err for a time no run
 * can have; what it leaves out is counted in s->notes.
 */
int cmb_cell_add(struct cmb_set *s, struct cmb_cell *c, const struct cmb_point *p,
		 const struct cmb_header *h, const char *where, char *err, size_t len);
/*
 * compare/cells.c: the variance of row r's centre between invocations
 * (files) in one boot, beyond its runs', pooled over the boots with 2
 * or more; *files, how many files. 0 when no boot has 2.
 */
int cmb_row_invocations(const struct cmb_row *r, unsigned int nboots, double *var,
			unsigned int *files);
/*
 * compare/sides.c: what the sides are, from every file. -1 with err when
 * a side mixes machines or kernels, when a file is on both sides, or
 * when boots of different kernels share a boot_id; else 0, *machines
 * set when the sides are two machines. err may be NULL.
 */
int cmb_set_check_sides(const struct cmb_set *s, int *machines, char *err, size_t len);
/*
 * When no row is measured by both sides, and each side has the same ops
 * in the same order, pairs the n-th row of B with the n-th of A (the
 * sides are variants of one spec) and says what differs. 1 if paired.
 */
int cmb_set_pair_rows(struct cmb_set *s);
/* The header of side's first boot (what the side is), or NULL. */
const struct cmb_header *cmb_set_side_header(const struct cmb_set *s, int side);
/* Boots of side, and how many of them have row r. */
unsigned int cmb_set_boots(const struct cmb_set *s, int side);
/* "--clock cycles", "CPU_CYCLES event", "ns at a fixed 1800 MHz", "none". */
const char *cmb_cycles_src_name(enum cmb_cycles_src src, double mhz, char *buf, size_t len);
/* What one boot contributes to a comparison, described once: --stat's values. */
struct cmb_stat {
	const char *name;		/* "centre", "p99", "cycles" */
	enum cmb_stat_kind kind;	/* which of a cell's stat[] */
	const char *unit;		/* "ns", "cycles" */
	const char *column;		/* after a side's letter in a table's head */
	const char *(*fmt8)(double v, char *buf, size_t len);	/* in 8 columns */
	const char *phrase;		/* what one boot's value is, for a heading */
	int from_runs;			/* its runs replicate it: one boot a side has
					 * a within-boot CI from them */
	int whole_units;		/* a count: never resolved finer than one unit */
};

extern const struct cmb_stat cmb_stats[];	/* ended by a NULL name */
/* The stat called name, or NULL. */
const struct cmb_stat *cmb_stat_named(const char *name);

#endif
