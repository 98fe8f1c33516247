/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result files of every schema cmbench has written stay readable: before
 * the field tables read a record of an older schema, it is rewritten as
 * the current schema holds it. What the old file did not record is left
 * as the current schema's "not known" (null, "", 0 or NaN), never made
 * up; what the upgrade did is said in the header's "upgraded" note, which
 * reports, mail and exports print.
 */
#ifndef CMB_RESULT_UPGRADE_H
#define CMB_RESULT_UPGRADE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* The oldest schema the upgrade takes: the first cmbench wrote. */
#define CMB_SCHEMA_FIRST	1
/* The newest whose records it rewrites (6 only lacks fields 7 makes optional). */
#define CMB_UPGRADE_LAST	5

/* What a file's header says, needed again for each of its points. */
struct cmb_upgrade {
	int from;			/* the file's schema version */
	uint64_t timer_hz;		/* its module's counter (files upgraded) */
	int hist_bits;			/* its histogram's sub-bucket bits */
};

/*
 * Rewrites the header record rec of schema u->from as the current schema
 * holds it, with an "upgraded" object saying what was done. 0, or -1 with
 * the reason in err.
 */
int cmb_upgrade_header(json_t *rec, struct cmb_upgrade *u, char *err, size_t len);
/* The same for a point record of that file. */
int cmb_upgrade_point(json_t *rec, const struct cmb_upgrade *u, char *err, size_t len);

#endif
