/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a result file's records hold, as field tables (schema_header.c,
 * schema_point.c) that the writer (write.c) and the reader (read.c) walk.
 * The schema is documented in results/README.md.
 */
#ifndef CMB_RESULT_SCHEMA_H
#define CMB_RESULT_SCHEMA_H

#include <stdint.h>

#include "result/record.h"

extern const struct cmb_field cmb_header_fields[];
/* Parts of the header that other documents describe the same way. */
extern const struct cmb_field cmb_cache_fields[];	/* one struct cmb_cache */
extern const struct cmb_field cmb_emulator_fields[];	/* from struct cmb_header */
extern const struct cmb_field cmb_point_fields[];
/* Histogram bucket idx as a result file holds it: [lower, upper or null, count]. */
json_t *cmb_hist_bucket_json(uint32_t idx, uint64_t count);

#endif
