// SPDX-License-Identifier: GPL-2.0
/*
 * Assertions on the values of JSON Lines files (cmbench results), so that
 * no test depends on the order of keys or greps a line of JSON.
 *
 * usage: check-json FILE ASSERTION...
 *        check-json --get FILE SELECTOR
 *
 * A SELECTOR picks values: it starts at the records, "header" (the first
 * line, or the whole file when it is one indented document), "point" (every other line) or "point[N]" (the N-th point, from
 * 0), and follows ".key", "[N]", "[*]" (every element) and "[key=text]"
 * (the elements of an array whose key reads as text). Keys may hold any
 * character but '.', '[' and ']'; text in brackets may hold spaces.
 *
 * An ASSERTION is "SELECTOR OP VALUE" with OP one of == != < <= > >= (for
 * numbers; == and != compare anything), ~ and !~ (POSIX extended regular
 * expression on the value as text); or "count(SELECTOR) OP N". Every value
 * the selector reaches must hold, and it must reach at least one (count
 * excepted). VALUE is JSON where it parses (3, true, null, "a b"), text
 * otherwise; a string against bare text compares as text ("2679043" ==
 * 2679043, a commit hash). Exit status 0 when all hold; 1 with each
 * failure on stdout.
 *
 * --get prints the values one per line, strings without quotes.
 */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define MAX_VALUES	4096

struct values {
	size_t n;
	json_t *v[MAX_VALUES];
	char where[MAX_VALUES][128];
};

static json_t *records;		/* array of every line's JSON */
static const char *file;

static void die(const char *fmt, const char *a)
{
	fprintf(stderr, "check-json: %s: ", file);
	fprintf(stderr, fmt, a);
	fputc('\n', stderr);
	exit(2);
}

static void load(const char *path)
{
	static char buf[1 << 22];
	json_error_t je;
	FILE *f = fopen(path, "r");
	json_t *rec;
	int c0, c1;

	if (!f)
		die("%s", strerror(errno));
	records = json_array();
	/* One JSON document over many lines (a provenance file): its header. */
	c0 = fgetc(f);
	c1 = fgetc(f);
	rewind(f);
	if (c0 == '{' && c1 == '\n') {
		rec = json_loadf(f, 0, &je);
		if (!rec)
			die("not JSON: %s", je.text);
		json_array_append_new(records, rec);
		fclose(f);
		return;
	}
	while (fgets(buf, sizeof(buf), f)) {
		if (buf[0] == '\n')
			continue;
		rec = json_loads(buf, 0, &je);
		if (!rec)
			die("not JSON Lines: %s", je.text);
		json_array_append_new(records, rec);
	}
	fclose(f);
}

/* The value as text: strings as they are, the rest as JSON. */
static char *text_of(json_t *v, char *buf, size_t len)
{
	char *s;

	if (json_is_string(v)) {
		snprintf(buf, len, "%s", json_string_value(v));
	} else if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)) &&
		   fabs(json_real_value(v)) < 1e15) {
		snprintf(buf, len, "%.1f", json_real_value(v));
	} else {
		s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		snprintf(buf, len, "%s", s ? s : "?");
		free(s);
	}
	return buf;
}

static void add(struct values *out, json_t *v, const char *where)
{
	if (out->n == MAX_VALUES)
		die("selector reaches more than %s values", "4096");
	out->v[out->n] = v;
	snprintf(out->where[out->n], sizeof(out->where[0]), "%s", where);
	out->n++;
}

/* Follows path (after the record part) from v, adding what it reaches. */
static void walk(json_t *v, const char *path, const char *where, struct values *out)
{
	char seg[256], at[160], txt[256];
	const char *end;
	json_t *e;
	size_t i, n;

	if (!v)
		return;
	if (!*path) {
		add(out, v, where);
		return;
	}
	if (*path == '.') {
		n = strcspn(path + 1, ".[");
		snprintf(seg, sizeof(seg), "%.*s", (int)n, path + 1);
		snprintf(at, sizeof(at), "%s.%s", where, seg);
		walk(json_object_get(v, seg), path + 1 + n, at, out);
		return;
	}
	if (*path != '[' || !(end = strchr(path, ']')))
		die("bad selector at '%s'", path);
	snprintf(seg, sizeof(seg), "%.*s", (int)(end - path - 1), path + 1);
	if (!json_is_array(v))
		return;
	json_array_foreach(v, i, e) {
		const char *eq = strchr(seg, '=');
		char key[128];

		if (eq) {
			snprintf(key, sizeof(key), "%.*s", (int)(eq - seg), seg);
			if (!json_object_get(e, key) ||
			    strcmp(text_of(json_object_get(e, key), txt, sizeof(txt)), eq + 1))
				continue;
		} else if (strcmp(seg, "*") && strtoul(seg, NULL, 10) != i) {
			continue;
		}
		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		walk(e, end + 1, at, out);
	}
}

static void select_values(const char *sel, struct values *out)
{
	size_t i, n = json_array_size(records);
	const char *rest;
	long want = -1;
	char at[32];

	out->n = 0;
	if (!strncmp(sel, "header", 6)) {
		walk(json_array_get(records, 0), sel + 6, "header", out);
		return;
	}
	if (strncmp(sel, "point", 5))
		die("a selector starts with header or point, not '%s'", sel);
	rest = sel + 5;
	if (!strncmp(rest, "[*]", 3)) {
		rest += 3;
	} else if (*rest == '[') {
		want = strtol(rest + 1, NULL, 10);
		rest = strchr(rest, ']');
		if (!rest)
			die("bad selector '%s'", sel);
		rest++;
	}
	for (i = 1; i < n; i++) {
		if (want >= 0 && (long)i - 1 != want)
			continue;
		snprintf(at, sizeof(at), "point[%zu]", i - 1);
		walk(json_array_get(records, i), rest, at, out);
	}
}

/* Does v OP want hold? */
static int holds(json_t *v, const char *op, const char *want_text)
{
	json_t *want = json_loads(want_text, JSON_DECODE_ANY, NULL);
	char buf[512];
	int ret = 0, cmp;

	if (!strcmp(op, "~") || !strcmp(op, "!~")) {
		regex_t re;

		if (regcomp(&re, want_text, REG_EXTENDED | REG_NOSUB))
			die("bad regular expression '%s'", want_text);
		ret = !regexec(&re, text_of(v, buf, sizeof(buf)), 0, NULL, 0);
		regfree(&re);
		json_decref(want);
		return op[0] == '!' ? !ret : ret;
	}
	if (json_is_number(v) && want && json_is_number(want)) {
		double a = json_number_value(v), b = json_number_value(want);

		cmp = a < b ? -1 : a > b;
	} else if (!strcmp(op, "==") || !strcmp(op, "!=")) {
		/*
		 * A string against bare text compares as text, even when the
		 * text parses as JSON: a commit hash can be all digits.
		 */
		cmp = want && !(json_is_string(v) && !json_is_string(want)) ?
		      !json_equal(v, want) :
		      strcmp(text_of(v, buf, sizeof(buf)), want_text) != 0;
	} else {
		json_decref(want);
		return 0;	/* an order on something that is not a number */
	}
	json_decref(want);
	if (!strcmp(op, "=="))
		return cmp == 0;
	if (!strcmp(op, "!="))
		return cmp != 0;
	if (!strcmp(op, "<"))
		return cmp < 0;
	if (!strcmp(op, "<="))
		return cmp <= 0;
	if (!strcmp(op, ">"))
		return cmp > 0;
	if (!strcmp(op, ">="))
		return cmp >= 0;
	die("unknown operator '%s'", op);
	return 0;
}

/* "SEL OP VALUE" or "count(SEL) OP N": 0 when it holds. */
static int check(const char *assertion)
{
	static struct values vals;
	char sel[512], inner[512], op[4], buf[256];
	const char *rest;
	int counting = 0, failed = 0, depth;
	size_t i, n;

	/* The selector ends at the first space outside brackets. */
	for (n = 0, depth = 0; assertion[n] && (depth || assertion[n] != ' '); n++)
		depth += assertion[n] == '[' ? 1 : assertion[n] == ']' ? -1 : 0;
	snprintf(sel, sizeof(sel), "%.*s", (int)n, assertion);
	rest = assertion + n + strspn(assertion + n, " ");
	n = strcspn(rest, " ");
	snprintf(op, sizeof(op), "%.*s", (int)(n < 3 ? n : 3), rest);
	rest += n + strspn(rest + n, " ");
	if (!*op || !*rest)
		die("an assertion is 'SELECTOR OP VALUE', not '%s'", assertion);
	n = strlen(sel);
	if (!strncmp(sel, "count(", 6) && sel[n - 1] == ')') {
		counting = 1;
		snprintf(inner, sizeof(inner), "%.*s", (int)(n - 7), sel + 6);
		snprintf(sel, sizeof(sel), "%s", inner);
	}
	select_values(sel, &vals);
	if (counting) {
		json_t *c = json_integer((json_int_t)vals.n);

		failed = !holds(c, op, rest);
		if (failed)
			printf("%s: %s: %zu values, want %s %s\n", file, assertion, vals.n, op, rest);
		json_decref(c);
		return failed;
	}
	if (!vals.n) {
		printf("%s: %s: no value at %s\n", file, assertion, sel);
		return 1;
	}
	for (i = 0; i < vals.n; i++) {
		if (holds(vals.v[i], op, rest))
			continue;
		printf("%s: %s: %s is %s\n", file, assertion, vals.where[i],
		       text_of(vals.v[i], buf, sizeof(buf)));
		failed = 1;
	}
	return failed;
}

int main(int argc, char **argv)
{
	static struct values vals;
	char buf[4096];
	int i, failed = 0;
	size_t k;

	if (argc == 4 && !strcmp(argv[1], "--get")) {
		file = argv[2];
		load(file);
		select_values(argv[3], &vals);
		for (k = 0; k < vals.n; k++)
			printf("%s\n", text_of(vals.v[k], buf, sizeof(buf)));
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: check-json FILE 'SELECTOR OP VALUE'...\n"
			"       check-json --get FILE SELECTOR\n");
		return 2;
	}
	file = argv[1];
	load(file);
	for (i = 2; i < argc; i++)
		failed |= check(argv[i]);
	return failed;
}
