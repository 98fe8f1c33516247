/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A calibration: an A/A run of one kernel on one target, its variance
 * split per point into boot-to-boot and run-to-run (cmbench calibrate).
 * Saved per target in the calibration directory (below), named after
 * the result files' label; compare finds it there (or takes
 * --calibration FILE),
 * prints its ICC and plans "boots that would resolve it" from it.
 */
#ifndef CMB_CALIBRATION_H
#define CMB_CALIBRATION_H

#include <stddef.h>

#include "compare/sets.h"


struct cmb_calibration_row {
	char key[192];			/* as struct cmb_row's */
	char name[48];
	unsigned int boots, runs;	/* measured; boots 0: one boot, invocations only */
	double sd_boot, sd_run;		/* of the logs; NAN without 2 boots */
	int floored;			/* sd_run is the resolution: runs agreed to it */
	double icc;
	unsigned int runs_per_boot, boots_per_kernel;	/* the plan; 0: more than 99 */
	/* Between invocations (files) in one boot, pooled over boots; NAN without */
	unsigned int invocations;
	double sd_inv;
};

struct cmb_calibration {
	char path[512];
	char kernel[65], label[128];
	unsigned int boots;
	double half;			/* the CI half-width planned for */
	double icc;			/* median over the rows */
	unsigned int n;
	struct cmb_calibration_row row[CMB_MAX_ROWS];
};

/*
 * Where calibrations live, whatever the current directory:
 * $CMBENCH_CALIBRATION_DIR, else $XDG_DATA_HOME/cmbench/calibration, else
 * ~/.local/share/cmbench/calibration (/var/lib/cmbench/calibration
 * without a home). Returns buf.
 */
const char *cmb_calibration_dir(char *buf, size_t len);
/* Where the calibration of the target that wrote h lives: DIR/LABEL.json. */
void cmb_calibration_path(const struct cmb_header *h, char *buf, size_t len);
/* 0, or -1 with err. */
int cmb_calibration_save(const struct cmb_calibration *c, const char *path, char *err,
			 size_t len);
int cmb_calibration_load(struct cmb_calibration *c, const char *path, char *err, size_t len);
/* The row with this key, or NULL. */
const struct cmb_calibration_row *cmb_calibration_find(const struct cmb_calibration *c,
						       const char *key);

#endif
