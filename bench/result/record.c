// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/record.h"

#define AT(rec, off)	((char *)(rec) + (off))
#define CAT(rec, off)	((const char *)(rec) + (off))

static json_t *put_array(const struct cmb_field *f, const void *rec, const void *root)
{
	unsigned int i, n;
	json_t *a = json_array();

	memcpy(&n, CAT(rec, f->count_off), sizeof(n));
	for (i = 0; a && i < n && i < f->max; i++) {
		const void *elem = CAT(rec, f->off + i * f->size);
		json_t *e = f->each && f->each(elem) == CMB_NULL ? json_null() :
			    cmb_record_put(f->sub, elem, root);

		if (!e || json_array_append_new(a, e)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* One scalar of type t at p. */
static json_t *put_scalar(enum cmb_ftype t, const char *p)
{
	char hex[16];
	uint64_t u64;
	uint32_t u32;
	double d;
	int i;

	switch (t) {
	case CMB_F_STR:
		return json_string(p);
	case CMB_F_U64:
		memcpy(&u64, p, sizeof(u64));
		return json_integer((json_int_t)u64);
	case CMB_F_U32:
		memcpy(&u32, p, sizeof(u32));
		return json_integer(u32);
	case CMB_F_INT:
		memcpy(&i, p, sizeof(i));
		return json_integer(i);
	case CMB_F_BOOL:
		memcpy(&i, p, sizeof(i));
		return json_boolean(i);
	case CMB_F_NUM:
		memcpy(&d, p, sizeof(d));
		return isfinite(d) ? json_real(d) : json_null();
	case CMB_F_HEX32:
		memcpy(&u32, p, sizeof(u32));
		snprintf(hex, sizeof(hex), "0x%08" PRIx32, u32);
		return json_string(hex);
	default:
		return NULL;
	}
}

static unsigned int vec_count(const struct cmb_field *f, const void *rec)
{
	unsigned int n;

	if (f->fixed)
		return f->fixed;
	memcpy(&n, CAT(rec, f->count_off), sizeof(n));
	return n < f->max ? n : f->max;
}

static json_t *put_vec(const struct cmb_field *f, const void *rec)
{
	unsigned int i, n = vec_count(f, rec);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++) {
		json_t *e = put_scalar(f->elem, CAT(rec, f->off + i * f->size));

		if (!e || json_array_append_new(a, e)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* The record a field's offsets are from: rec, or the struct it points to. */
static const void *base_of(const struct cmb_field *f, const void *rec)
{
	const void *p;

	if (!f->indirect)
		return rec;
	memcpy(&p, CAT(rec, f->via), sizeof(p));
	return p;
}

static json_t *put_value(const struct cmb_field *f, const void *rec, const void *root)
{
	const char *p;
	unsigned int u;

	rec = base_of(f, rec);
	if (!rec)
		return json_null();
	p = CAT(rec, f->off);
	switch (f->type) {
	case CMB_F_STR:
		return json_string(p);
	case CMB_F_STR_OR_NULL:
		return *p ? json_string(p) : json_null();
	case CMB_F_OBJ:
		return cmb_record_put(f->sub, p, root);
	case CMB_F_ARRAY:
		return put_array(f, rec, root);
	case CMB_F_CUSTOM:
		return f->put(rec, root);
	case CMB_F_CONST:
		return json_string(f->text);
	case CMB_F_ENUM:
		memcpy(&u, p, sizeof(u));
		for (unsigned int i = 0; f->names[i]; i++)
			if (i == u)
				return json_string(f->names[i]);
		return json_null();
	case CMB_F_VEC:
		return put_vec(f, rec);
	case CMB_F_DESC: {
		const char *const *desc;

		memcpy(&desc, p, sizeof(desc));
		return desc ? json_string(*desc) : json_null();
	}
	default:
		return put_scalar(f->type, p);
	}
}

json_t *cmb_record_put(const struct cmb_field *tbl, const void *rec, const void *root)
{
	const struct cmb_field *f;
	json_t *o = json_object(), *v;

	for (f = tbl; o && f->key; f++) {
		switch (f->present ? f->present(rec) : CMB_WRITE) {
		case CMB_OMIT:
			continue;
		case CMB_NULL:
			v = json_null();
			break;
		default:
			v = put_value(f, rec, root);
			break;
		}
		if (!v || json_object_set_new(o, f->key, v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Where a sub-record failed: "key.sub" or "key[i].sub". */
static int fail_in(char *where, size_t len, const char *key, long index, const char *sub)
{
	char inner[256];

	snprintf(inner, sizeof(inner), "%s", sub);
	if (index >= 0)
		snprintf(where, len, "%s[%ld]%s%s", key, index, *inner ? "." : "", inner);
	else
		snprintf(where, len, "%s%s%s", key, *inner ? "." : "", inner);
	return -1;
}

static int get_array(const struct cmb_field *f, json_t *v, void *rec, char *where,
		     size_t len)
{
	unsigned int n;
	json_t *e;
	size_t i;

	/* A count read before (threads, repeats) must agree with the array. */
	memcpy(&n, AT(rec, f->count_off), sizeof(n));
	if (!json_is_array(v) || json_array_size(v) > f->max ||
	    (n && n != json_array_size(v)))
		return fail_in(where, len, f->key, -1, "");
	json_array_foreach(v, i, e) {
		if (cmb_record_get(f->sub, e, AT(rec, f->off + i * f->size), where, len))
			return fail_in(where, len, f->key, (long)i, where);
	}
	n = (unsigned int)json_array_size(v);
	memcpy(AT(rec, f->count_off), &n, sizeof(n));
	return 0;
}

/* One scalar of type t from v into p: 0, or -1 when v is not one. */
static int get_scalar(enum cmb_ftype t, json_t *v, char *p)
{
	json_int_t j = json_integer_value(v);
	unsigned long hex;
	uint64_t u64;
	uint32_t u32;
	char *end;
	double d;
	int i;

	switch (t) {
	case CMB_F_U64:
		if (!json_is_integer(v) || j < 0)
			return -1;
		u64 = (uint64_t)j;
		memcpy(p, &u64, sizeof(u64));
		return 0;
	case CMB_F_U32:
		if (!json_is_integer(v) || j < 0 || j > UINT32_MAX)
			return -1;
		u32 = (uint32_t)j;
		memcpy(p, &u32, sizeof(u32));
		return 0;
	case CMB_F_INT:
		if (!json_is_integer(v) || j < INT_MIN || j > INT_MAX)
			return -1;
		i = (int)j;
		memcpy(p, &i, sizeof(i));
		return 0;
	case CMB_F_BOOL:
		if (!json_is_boolean(v))
			return -1;
		i = json_is_true(v);
		memcpy(p, &i, sizeof(i));
		return 0;
	case CMB_F_NUM:
		if (!json_is_number(v) && !json_is_null(v))
			return -1;
		d = json_is_null(v) ? NAN : json_number_value(v);
		memcpy(p, &d, sizeof(d));
		return 0;
	case CMB_F_HEX32:
		if (!json_is_string(v))
			return -1;
		errno = 0;
		hex = strtoul(json_string_value(v), &end, 16);
		if (errno || *end || end == json_string_value(v) || hex > UINT32_MAX)
			return -1;
		u32 = (uint32_t)hex;
		memcpy(p, &u32, sizeof(u32));
		return 0;
	default:
		return -1;
	}
}

static int get_vec(const struct cmb_field *f, json_t *v, void *rec)
{
	unsigned int n;
	json_t *e;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) > (f->fixed ? f->fixed : f->max) ||
	    (f->fixed && json_array_size(v) != f->fixed))
		return -1;
	json_array_foreach(v, i, e) {
		char *p = AT(rec, f->off + i * f->size);

		if (f->elem == CMB_F_STR && json_is_string(e))
			snprintf(p, f->size, "%s", json_string_value(e));
		else if (get_scalar(f->elem, e, p))
			return -1;
	}
	if (!f->fixed) {
		n = (unsigned int)json_array_size(v);
		memcpy(AT(rec, f->count_off), &n, sizeof(n));
	}
	return 0;
}

/* 0, or -1 when v is not what f says. */
static int get_value(const struct cmb_field *f, json_t *v, void *rec)
{
	char *p = AT(rec, f->off);
	const char *text = json_string_value(v);
	unsigned int i;

	switch (f->type) {
	case CMB_F_STR_OR_NULL:
		if (json_is_null(v))
			return 0;
		/* fall through */
	case CMB_F_STR:
		if (!text)
			return -1;
		snprintf(p, f->size, "%s", text);
		return 0;
	case CMB_F_CONST:
		return text && !strcmp(text, f->text) ? 0 : -1;
	case CMB_F_ENUM:
		for (i = 0; text && f->names[i]; i++) {
			if (!strcmp(text, f->names[i])) {
				memcpy(p, &i, sizeof(i));
				return 0;
			}
		}
		return -1;
	case CMB_F_VEC:
		return get_vec(f, v, rec);
	default:
		return get_scalar(f->type, v, p);
	}
}

int cmb_record_get(const struct cmb_field *tbl, json_t *o, void *rec, char *where,
		   size_t len)
{
	const struct cmb_field *f;

	if (!json_is_object(o)) {
		snprintf(where, len, "%s", "");
		return -1;
	}
	for (f = tbl; f->key; f++) {
		json_t *v = json_object_get(o, f->key);

		if (f->indirect || f->type == CMB_F_DESC)
			continue;	/* written only */
		if (f->type == CMB_F_CUSTOM) {
			if (f->get && f->get(v, rec))
				return fail_in(where, len, f->key, -1, "");
			continue;
		}
		if (f->present && (!v || json_is_null(v)))
			continue;
		if (f->type == CMB_F_OBJ) {
			if (cmb_record_get(f->sub, v, AT(rec, f->off), where, len))
				return fail_in(where, len, f->key, -1, where);
			if (f->mark)
				f->mark(rec);
			continue;
		}
		if (f->type == CMB_F_ARRAY) {
			if (get_array(f, v, rec, where, len))
				return -1;
			continue;
		}
		if (!v || get_value(f, v, rec))
			return fail_in(where, len, f->key, -1, "");
	}
	return 0;
}

int cmb_record_write(FILE *f, const struct cmb_field *tbl, const void *rec, int indent)
{
	json_t *o = cmb_record_put(tbl, rec, rec);
	int ret;

	if (!o)
		return -1;
	ret = json_dumpf(o, f, (indent ? JSON_INDENT(1) : JSON_COMPACT) | JSON_PRESERVE_ORDER |
			 JSON_REAL_PRECISION(10));
	json_decref(o);
	if (fputc('\n', f) == EOF)
		ret = -1;
	return ret ? -1 : 0;
}

int cmb_record_load(const char *path, const struct cmb_field *tbl, void *rec, char *err,
		    size_t len)
{
	json_error_t je;
	json_t *o = json_load_file(path, 0, &je);
	char where[256];
	int ret = 0;

	if (!o) {
		snprintf(err, len, "%s: %s", path, je.text);
		return -1;
	}
	if (cmb_record_get(tbl, o, rec, where, sizeof(where))) {
		snprintf(err, len, "%s: missing or bad field \"%s\"", path, where);
		ret = -1;
	}
	json_decref(o);
	return ret;
}
