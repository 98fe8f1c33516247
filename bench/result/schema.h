/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a result file's records hold, as field tables (result_schema.c)
 * that the writer (result_write.c) and the reader (result_read.c) walk.
 * The schema is documented in results/README.md.
 */
#ifndef CMB_RESULT_SCHEMA_H
#define CMB_RESULT_SCHEMA_H

#include "result/record.h"

extern const struct cmb_field cmb_header_fields[];
extern const struct cmb_field cmb_point_fields[];

#endif
