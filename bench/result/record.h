/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A JSON record described by one table of {key, type, offset}: every
 * writer and reader of cmbench's JSON walks one (result files, schema.c;
 * comparisons, matrices, calibrations, a bundle's provenance), so a new
 * field is one line of a table, not an edit in each.
 */
#ifndef CMB_RECORD_H
#define CMB_RECORD_H

#include <stddef.h>
#include <stdio.h>

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
	CMB_F_CONST,		/* the string text: written, and required on reading */
	CMB_F_ENUM,		/* unsigned int written as names[value] */
	CMB_F_VEC,		/* scalars (or char[size] strings) of type elem, size
				 * bytes each: count_off says how many (max at
				 * most), or fixed of them */
	CMB_F_DESC,		/* a pointer to a descriptor whose first member is
				 * its name (const char *): the name, written only */
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
	/* ARRAY: an element that is CMB_NULL is written as null. */
	enum cmb_presence (*each)(const void *elem);
	/* CONST: the text; ENUM: the names, NULL-terminated, by value. */
	const char *text;
	const char *const *names;
	/* VEC: the elements' type, and a count that never changes. */
	enum cmb_ftype elem;
	unsigned int fixed;
	/*
	 * Written only: the field lives in the struct that a pointer at
	 * offset via points to (a comparison's set), not in rec itself.
	 */
	int indirect;
	size_t via;
	void (*mark)(void *rec);	/* OBJ: called when read present */
	/* CUSTOM: root is the top-level record, for values derived from it. */
	json_t *(*put)(const void *rec, const void *root);
	int (*get)(json_t *v, void *rec);
};

/* Tables are written with these, one line a field. */
#define CMB_FSIZE(s, field)	sizeof(((s *)0)->field)
#define CMB_STR(k, s, field) \
	{ .key = k, .type = CMB_F_STR, .off = offsetof(s, field), .size = CMB_FSIZE(s, field) }
#define CMB_STR_IF(k, s, field, cond) \
	{ .key = k, .type = CMB_F_STR, .off = offsetof(s, field), \
	  .size = CMB_FSIZE(s, field), .present = cond }
#define CMB_STR_NULL(k, s, field) \
	{ .key = k, .type = CMB_F_STR_OR_NULL, .off = offsetof(s, field), \
	  .size = CMB_FSIZE(s, field) }
#define CMB_VAL(k, t, s, field)	{ .key = k, .type = t, .off = offsetof(s, field) }
#define CMB_VAL_IF(k, t, s, field, cond) \
	{ .key = k, .type = t, .off = offsetof(s, field), .present = cond }
#define CMB_ENUM(k, s, field, n) \
	{ .key = k, .type = CMB_F_ENUM, .off = offsetof(s, field), .names = n }
#define CMB_CONST(k, t)		{ .key = k, .type = CMB_F_CONST, .text = t }
#define CMB_DESC(k, s, field)	{ .key = k, .type = CMB_F_DESC, .off = offsetof(s, field) }
#define CMB_OBJ(k, fields)	{ .key = k, .type = CMB_F_OBJ, .sub = fields }
#define CMB_OBJ_AT(k, s, field, fields) \
	{ .key = k, .type = CMB_F_OBJ, .off = offsetof(s, field), .sub = fields }
#define CMB_OBJ_IF(k, fields, cond) \
	{ .key = k, .type = CMB_F_OBJ, .sub = fields, .present = cond }
#define CMB_CUSTOM(k, p, g)	{ .key = k, .type = CMB_F_CUSTOM, .put = p, .get = g }
#define CMB_ARRAY(k, s, field, n, fields) \
	{ .key = k, .type = CMB_F_ARRAY, .off = offsetof(s, field), \
	  .size = CMB_FSIZE(s, field[0]), .sub = fields, .count_off = offsetof(s, n), \
	  .max = CMB_FSIZE(s, field) / CMB_FSIZE(s, field[0]) }
/* A vector of n elements counted at count, or of all its elements. */
#define CMB_VEC(k, t, s, field, n) \
	{ .key = k, .type = CMB_F_VEC, .elem = t, .off = offsetof(s, field), \
	  .size = CMB_FSIZE(s, field[0]), .count_off = offsetof(s, n), \
	  .max = CMB_FSIZE(s, field) / CMB_FSIZE(s, field[0]) }
#define CMB_PAIR(k, t, s, field) \
	{ .key = k, .type = CMB_F_VEC, .elem = t, .off = offsetof(s, field), \
	  .size = CMB_FSIZE(s, field[0]), .fixed = 2 }
/* A field of the struct the pointer ptr (a member of s) points to. */
#define CMB_VIA(s, ptr)		.indirect = 1, .via = offsetof(s, ptr)

/* An optional field: its value when it has one, else null. */
static inline enum cmb_presence cmb_value_or_null(int has)
{
	return has ? CMB_WRITE : CMB_NULL;
}

/* The object for rec, or NULL when a value could not be made. */
json_t *cmb_record_put(const struct cmb_field *tbl, const void *rec, const void *root);
/*
 * Fills rec (zeroed by the caller) from o. 0, or -1 with the path of the
 * first missing or bad field ("pmu[1].count") in where.
 */
int cmb_record_get(const struct cmb_field *tbl, json_t *o, void *rec, char *where,
		   size_t len);
/*
 * rec as one JSON document on f: one line (a record among others, as in
 * a result file), or indented for a reader. 0, or -1 when it could not
 * be made or written.
 */
int cmb_record_write(FILE *f, const struct cmb_field *tbl, const void *rec, int indent);
/* The file at path, read into rec (zeroed first) through tbl: 0, or -1 with err. */
int cmb_record_load(const char *path, const struct cmb_field *tbl, void *rec, char *err,
		    size_t len);

#endif
