/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TSV the gnuplot scripts in plots/ read, from a result file: comment
 * lines with the label, source, emulation and cache levels, then one row
 * per point (columns in results/README.md).
 */
#ifndef CMB_EXPORT_H
#define CMB_EXPORT_H

#include <stddef.h>
#include <stdio.h>

/* 0, or -1 with err naming the file (and line) that was wrong. */
int cmb_export_file(FILE *f, const char *path, char *err, size_t errlen);

#endif
