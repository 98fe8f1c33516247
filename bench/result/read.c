// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "result/result.h"
#include "result/schema.h"
#include "uapi/cmbench_hist.h"

static int fail(struct cmb_reader *r, char *err, size_t len, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, len, "%s:%lu: %s", r->path, r->line, msg);
	return -1;
}

/*
 * A record is one line. The largest cmbench writes (a point of 64 runs,
 * every thread's histogram) is far below this; a longer line is not ours
 * and must not make the reader take memory without bound.
 */
#define CMB_RECORD_MAX	(4U << 20)

/* One line into r->buf, NUL bytes and all: its length, 0 at end, -1 too long. */
static ssize_t read_line(struct cmb_reader *r)
{
	size_t n = 0;
	int c;

	while ((c = getc_unlocked(r->f)) != EOF) {
		if (n + 1 >= r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 4096;
			char *buf;

			if (r->cap >= CMB_RECORD_MAX)
				return -1;
			buf = realloc(r->buf, cap);
			if (!buf)
				return -1;
			r->buf = buf;
			r->cap = cap;
		}
		r->buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n)
		r->buf[n] = '\0';
	return (ssize_t)n;
}

/* Reads the next non-empty line as a JSON object; 0 at end of file. */
static int next_record(struct cmb_reader *r, json_t **rec, char *err, size_t len)
{
	json_error_t je;
	ssize_t n;

	do {
		n = read_line(r);
		if (n == 0 && ferror(r->f))
			return fail(r, err, len, "%s", strerror(errno));
		if (n == 0)
			return 0;
		r->line++;
		if (n < 0)
			return fail(r, err, len, "record longer than %u MiB: not a cmbench result",
				    CMB_RECORD_MAX >> 20);
	} while (n == 1 && r->buf[0] == '\n');
	*rec = json_loadb(r->buf, (size_t)n, 0, &je);
	if (!*rec)
		return fail(r, err, len, "not JSON: %s", je.text);
	if (!json_is_object(*rec)) {
		json_decref(*rec);
		return fail(r, err, len, "record is not an object");
	}
	return 1;
}

/* What must hold before the fields are read: the schema and its histogram. */
static int check_kind(struct cmb_reader *r, json_t *rec, char *err, size_t len)
{
	const char *type = json_string_value(json_object_get(rec, "type"));
	const char *schema = json_string_value(json_object_get(rec, "schema"));
	json_t *ver = json_object_get(rec, "schema_version");
	json_t *hist = json_object_get(rec, "hist");

	if (!type || strcmp(type, "header") || !schema || strcmp(schema, CMB_SCHEMA))
		return fail(r, err, len, "first record is not a %s header", CMB_SCHEMA);
	if (!json_is_integer(ver))
		return fail(r, err, len, "header has no schema_version");
	if (json_integer_value(ver) > CMB_SCHEMA_VERSION)
		return fail(r, err, len, "schema version %lld, newer than this cmbench reads "
			    "(%d to %d): it was written by a newer cmbench; upgrade this one",
			    (long long)json_integer_value(ver), CMB_SCHEMA_OLDEST,
			    CMB_SCHEMA_VERSION);
	if (json_integer_value(ver) < CMB_SCHEMA_OLDEST)
		return fail(r, err, len, "schema version %lld, older than this cmbench reads "
			    "(%d to %d)", (long long)json_integer_value(ver), CMB_SCHEMA_OLDEST,
			    CMB_SCHEMA_VERSION);
	/* A file the upgrade rewrites has its own scheme, which it checks. */
	if (json_integer_value(ver) > CMB_UPGRADE_LAST &&
	    (json_integer_value(json_object_get(hist, "sub_bucket_bits")) != CMBENCH_HIST_BITS ||
	     json_integer_value(json_object_get(hist, "groups")) != CMBENCH_HIST_GROUPS))
		return fail(r, err, len, "histogram scheme differs from this tool's");
	return 0;
}

/*
 * "-" is standard input, read whole the first time: commands open a file
 * more than once (its header, then its points), which a pipe cannot do,
 * so each open reads the same copy from memory.
 */
static FILE *open_stdin(void)
{
	static char *buf;
	static size_t len;

	if (!buf) {
		size_t cap = 1 << 16, n;

		buf = malloc(cap);
		while (buf && (n = fread(buf + len, 1, cap - len, stdin)) > 0) {
			len += n;
			if (len == cap) {
				char *b = realloc(buf, cap *= 2);

				if (!b)
					free(buf);
				buf = b;
			}
		}
		if (!buf) {
			errno = ENOMEM;
			return NULL;
		}
		if (ferror(stdin))
			return NULL;
	}
	/* fmemopen() of 0 bytes fails in glibc: an empty stdin is an empty file. */
	return len ? fmemopen(buf, len, "r") : fopen("/dev/null", "r");
}

int cmb_result_open(struct cmb_reader *r, const char *path,
		    struct cmb_header *h, char *err, size_t errlen)
{
	char where[256];
	json_t *rec;
	int ret;

	memset(r, 0, sizeof(*r));
	r->path = path;
	r->f = strcmp(path, "-") ? fopen(path, "r") : open_stdin();
	if (!r->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = next_record(r, &rec, err, errlen);
	if (ret <= 0) {
		if (ret == 0)
			fail(r, err, errlen, "empty file, no header record");
		cmb_result_close(r);
		return -1;
	}
	memset(h, 0, sizeof(*h));
	ret = check_kind(r, rec, err, errlen);
	if (!ret && cmb_upgrade_header(rec, &r->up, where, sizeof(where)))
		ret = fail(r, err, errlen, "%s", where);
	if (!ret && cmb_record_get(cmb_header_fields, rec, h, where, sizeof(where)))
		ret = fail(r, err, errlen, "header record is missing or has bad fields: \"%s\"",
			   where);
	json_decref(rec);
	if (ret)
		cmb_result_close(r);
	return ret ? -1 : 0;
}

int cmb_result_next(struct cmb_reader *r, struct cmb_point *p,
		    char *err, size_t errlen)
{
	const char *type;
	char where[256];
	json_t *rec;
	int ret;

	ret = next_record(r, &rec, err, errlen);
	if (ret <= 0)
		return ret;
	memset(p, 0, sizeof(*p));
	type = json_string_value(json_object_get(rec, "type"));
	if (!type || strcmp(type, "point"))
		ret = fail(r, err, errlen, "expected a point record");
	else if (cmb_upgrade_point(rec, &r->up, where, sizeof(where)))
		ret = fail(r, err, errlen, "%s", where);
	else if (cmb_record_get(cmb_point_fields, rec, p, where, sizeof(where)))
		ret = fail(r, err, errlen, "point record is missing or has bad fields: \"%s\"",
			   where);
	else
		cmb_point_finish(p);
	json_decref(rec);
	return ret;
}

void cmb_result_close(struct cmb_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	r->f = NULL;
	r->buf = NULL;
}

int cmb_result_read_header(const char *path, struct cmb_header *h, char *err, size_t errlen)
{
	struct cmb_reader r;

	if (cmb_result_open(&r, path, h, err, errlen))
		return -1;
	cmb_result_close(&r);
	return 0;
}

int cmb_result_each(const char *path,
		    int (*on_header)(const struct cmb_header *h, void *arg),
		    void (*on_point)(const struct cmb_point *p, void *arg), void *arg,
		    char *err, size_t errlen)
{
	struct cmb_header *h = malloc(sizeof(*h));
	struct cmb_point *p = malloc(sizeof(*p));
	struct cmb_reader r;
	int ret = -1;

	if (!h || !p) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	if (cmb_result_open(&r, path, h, err, errlen))
		goto out;
	if (on_header && on_header(h, arg))
		ret = 0;
	else
		while ((ret = cmb_result_next(&r, p, err, errlen)) > 0)
			on_point(p, arg);
	cmb_result_close(&r);
out:
	free(h);
	free(p);
	return ret;
}
