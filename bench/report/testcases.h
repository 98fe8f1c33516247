/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A result file as test results, for the harnesses kernel testing already
 * runs: KTAP (cmbench report --ktap, read by kunit.py and KernelCI) and
 * LAVA's test cases (cmbench export --format lava, read by Linaro's
 * send-to-lava.sh and by scripts/lava/cmbench-lava). One reading of the
 * file, one name per point and one verdict per op, so the two agree.
 */
#ifndef CMB_TESTCASES_H
#define CMB_TESTCASES_H

#include <stddef.h>
#include <stdio.h>

/* 0, or -1 with err naming the file (and line) that was wrong. */
int cmb_ktap_file(FILE *f, const char *path, char *err, size_t errlen);
int cmb_lava_file(FILE *f, const char *path, char *err, size_t errlen);

/*
 * A point's test-case name, "flush.4K.off8.dirty.t1": op, parameters, offset,
 * buffer state and threads, in the characters LAVA and KTAP both accept
 * ([-_.a-zA-Z0-9]; anything else becomes '_').
 */
struct cmb_point;
const char *cmb_case_name(const struct cmb_point *p, char *buf, size_t len);

#endif
