/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A JSON record described by one table of {key, type, offset}: the writer
 * and the reader of result files both walk it, so a new field is one line
 * of a table (result_schema.c), not an edit in each.
 */
#ifndef CMB_RECORD_H
#define CMB_RECORD_H

#include <stddef.h>

#include <jansson.h>

enum cmb_ftype {
	CMB_F_STR,		/* char[size]: a string */
	CMB_F_STR_OR_NULL,	/* char[size]: "" is written as null */
	CMB_F_U64,		/* uint64_t */
	CMB_F_U32,		/* uint32_t or unsigned int */
	CMB_F_INT,		/* int; -1 often means "not known" */
	CMB_F_BOOL,		/* int, 0 or 1 */
	CMB_F_NUM,		/* double; NaN is written as null, null read as NaN */
	CMB_F_HEX32,		/* uint32_t as "0x%08x" */
	CMB_F_OBJ,		/* an object of the fields in sub */
	CMB_F_ARRAY,		/* count_off says how many elements of size at off */
	CMB_F_CUSTOM,		/* put() writes it; get() reads it, when there is one */
};

enum cmb_presence {
	CMB_OMIT,		/* leave the key out */
	CMB_WRITE,		/* write the value */
	CMB_NULL,		/* write null */
};

/*
 * Offsets are from the record the table describes; an OBJ's sub-table
 * adds its own offsets to the OBJ's (0 for an object that groups fields
 * of the same struct). An ARRAY element is a record of its own.
 */
struct cmb_field {
	const char *key;
	enum cmb_ftype type;
	size_t off;
	size_t size;			/* STR: buffer bytes; ARRAY: element bytes */
	const struct cmb_field *sub;	/* OBJ, ARRAY */
	size_t count_off;		/* ARRAY: offset of its unsigned int count */
	unsigned int max;		/* ARRAY: capacity */
	/*
	 * Optional fields: present() says whether to write the value, null,
	 * or nothing. A reader takes a missing or null optional field as
	 * absent: it stays zero, and mark() is not called.
	 */
	enum cmb_presence (*present)(const void *rec);
	void (*mark)(void *rec);	/* OBJ: called when read present */
	/* CUSTOM: root is the top-level record, for values derived from it. */
	json_t *(*put)(const void *rec, const void *root);
	int (*get)(json_t *v, void *rec);
};

/* The object for rec, or NULL when a value could not be made. */
json_t *cmb_record_put(const struct cmb_field *tbl, const void *rec, const void *root);
/*
 * Fills rec (zeroed by the caller) from o. 0, or -1 with the path of the
 * first missing or bad field ("pmu[1].count") in where.
 */
int cmb_record_get(const struct cmb_field *tbl, json_t *o, void *rec, char *where,
		   size_t len);

#endif
