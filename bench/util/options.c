// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/options.h"
#include "util/text.h"

int cmb_parse_size(const char *s, uint64_t *v)
{
	unsigned int shift = 0;
	uint64_t n;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case '\0':
		break;
	case 'K':
		shift = 10;
		break;
	case 'M':
		shift = 20;
		break;
	case 'G':
		shift = 30;
		break;
	default:
		return -1;
	}
	if (*end && end[1])
		return -1;
	if (shift && n > (UINT64_MAX >> shift))
		return -1;
	*v = n << shift;
	return 0;
}

const char *cmb_fmt_size(uint64_t v, char *buf, size_t len)
{
	if (v && !(v & ((1ULL << 30) - 1)))
		snprintf(buf, len, "%" PRIu64 "G", v >> 30);
	else if (v && !(v & ((1ULL << 20) - 1)))
		snprintf(buf, len, "%" PRIu64 "M", v >> 20);
	else if (v && !(v & ((1ULL << 10) - 1)))
		snprintf(buf, len, "%" PRIu64 "K", v >> 10);
	else
		snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

static int in_range(const struct cmb_option *o, uint64_t v, const char *text,
		    char *err, size_t errlen)
{
	if (v >= o->min && v <= o->max)
		return 0;
	snprintf(err, errlen, "--%s: %s is out of range [%" PRIu64 ", %" PRIu64 "]",
		 o->name, text, o->min, o->max);
	return -1;
}

static int set_sizes(const struct cmb_option *o, struct cmb_sizes *sz,
		     const char *val, char *err, size_t errlen)
{
	char buf[1024], *tok, *save = NULL;

	if (strlen(val) >= sizeof(buf)) {
		snprintf(err, errlen, "--%s: list too long", o->name);
		return -1;
	}
	strcpy(buf, val);
	sz->n = 0;
	sz->automatic = !strcmp(val, "auto");
	if (sz->automatic)
		return 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t v;

		if (cmb_parse_size(tok, &v)) {
			snprintf(err, errlen,
				 "--%s: bad size '%s' (a number with optional K, M or G)",
				 o->name, tok);
			return -1;
		}
		if (in_range(o, v, tok, err, errlen))
			return -1;
		if (sz->n == CMB_MAX_SIZES) {
			snprintf(err, errlen, "--%s: more than %d sizes", o->name,
				 CMB_MAX_SIZES);
			return -1;
		}
		sz->v[sz->n++] = v;
	}
	if (!sz->n) {
		snprintf(err, errlen, "--%s: empty list", o->name);
		return -1;
	}
	return 0;
}

/* The name of an ENUM or DESC option's i-th choice, NULL past the last. */
static const char *choice_at(const struct cmb_option *o, unsigned int i)
{
	const char *const *name;

	if (o->type == CMB_OPT_ENUM && o->names)
		return i < o->nnames ? o->names[i] : NULL;
	if (o->type == CMB_OPT_ENUM)
		return o->choices[i].name;
	name = (const void *)((const char *)o->descs + i * o->desc_size);
	return *name;
}

static int bad_choice(const struct cmb_option *o, const char *val, char *err, size_t errlen)
{
	int n = snprintf(err, errlen, "--%s: '%s' is not one of", o->name, val);
	unsigned int i;

	for (i = 0; choice_at(o, i) && n > 0 && (size_t)n < errlen; i++)
		n += snprintf(err + n, errlen - (size_t)n, "%s %s", i ? "," : "",
			      choice_at(o, i));
	return -1;
}

const char *cmb_choice_name(const struct cmb_choice *choices, int value)
{
	unsigned int i;

	for (i = 0; choices[i].name; i++)
		if (choices[i].value == value)
			return choices[i].name;
	return NULL;
}

static int set_value(const struct cmb_option *o, void *args, const char *val,
		     char *err, size_t errlen)
{
	char *field = (char *)args + o->off;
	unsigned int i;
	uint64_t v;

	switch (o->type) {
	case CMB_OPT_SIZES:
		return set_sizes(o, (struct cmb_sizes *)field, val, err, errlen);
	case CMB_OPT_SIZE:
	case CMB_OPT_U64:
		if ((o->type == CMB_OPT_SIZE ? cmb_parse_size(val, &v) : parse_u64(val, &v))) {
			snprintf(err, errlen, "--%s: '%s' is not a %s", o->name, val,
				 o->type == CMB_OPT_SIZE ? "size (number with optional K, M or G)"
							 : "whole number");
			return -1;
		}
		if (in_range(o, v, val, err, errlen))
			return -1;
		memcpy(field, &v, sizeof(v));
		return 0;
	case CMB_OPT_ENUM:
		for (i = 0; choice_at(o, i); i++) {
			if (!strcmp(val, choice_at(o, i))) {
				int v = o->names ? (int)i : o->choices[i].value;

				memcpy(field, &v, sizeof(v));
				return 0;
			}
		}
		return bad_choice(o, val, err, errlen);
	case CMB_OPT_DESC:
		for (i = 0; choice_at(o, i); i++) {
			if (!strcmp(val, choice_at(o, i))) {
				const void *d = (const char *)o->descs + i * o->desc_size;

				memcpy(field, &d, sizeof(d));
				return 0;
			}
		}
		return bad_choice(o, val, err, errlen);
	case CMB_OPT_DOUBLE: {
		char *end;
		double d;

		errno = 0;
		d = strtod(val, &end);
		if (errno || end == val || *end || d != d) {
			snprintf(err, errlen, "--%s: '%s' is not a number", o->name, val);
			return -1;
		}
		if (d < (double)o->min || d > (double)o->max) {
			snprintf(err, errlen, "--%s: %s is out of range [%" PRIu64 ", %" PRIu64 "]",
				 o->name, val, o->min, o->max);
			return -1;
		}
		memcpy(field, &d, sizeof(d));
		return 0;
	}
	case CMB_OPT_FLAG:
		if (strcmp(val, "0") && strcmp(val, "1")) {
			snprintf(err, errlen, "--%s takes no value (or =0, =1), not '%s'",
				 o->name, val);
			return -1;
		}
		i = val[0] == '1';
		memcpy(field, &i, sizeof(i));
		return 0;
	case CMB_OPT_STR:
		if (!*val) {
			snprintf(err, errlen, "--%s: empty value", o->name);
			return -1;
		}
		memcpy(field, &val, sizeof(val));
		return 0;
	}
	return -1;
}

int cmb_opts_index(const struct cmb_option *tbl, const char *name)
{
	int i;

	for (i = 0; tbl[i].name; i++)
		if (!strcmp(tbl[i].name, name))
			return i;
	return -1;
}

static int find_short(const struct cmb_option *tbl, char c)
{
	int i;

	for (i = 0; tbl[i].name; i++)
		if (tbl[i].shortname && tbl[i].shortname == c)
			return i;
	return -1;
}

int cmb_opts_parse(const struct cmb_option *tbl, void *args, int argc,
		   char **argv, struct cmb_parsed *out, char *err, size_t errlen)
{
	int i, k, only_pos = 0;

	memset(out, 0, sizeof(*out));
	for (k = 0; tbl[k].name; k++) {
		if (tbl[k].def && set_value(&tbl[k], args, tbl[k].def, err, errlen))
			return -1;	/* a bad default is a bug: say so */
	}

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		char name[64];

		if (only_pos || a[0] != '-' || !a[1]) {
			if (out->npos == CMB_MAX_POS) {
				snprintf(err, errlen, "too many arguments at '%s'", a);
				return -1;
			}
			out->pos[out->npos++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			snprintf(name, sizeof(name), "%.*s",
				 (int)(eq ? eq - (a + 2) : (long)strlen(a + 2)), a + 2);
			k = cmb_opts_index(tbl, name);
			if (eq)
				val = eq + 1;
		} else {
			k = a[2] ? -1 : find_short(tbl, a[1]);
		}
		if (k < 0) {
			snprintf(err, errlen, "unknown option '%s'", a);
			return -1;
		}
		if (!val && tbl[k].type == CMB_OPT_FLAG)
			val = "1";
		if (!val) {
			if (i + 1 >= argc) {
				snprintf(err, errlen, "--%s: needs a value", tbl[k].name);
				return -1;
			}
			val = argv[++i];
		}
		if (set_value(&tbl[k], args, val, err, errlen))
			return -1;
		out->given |= 1ULL << k;
	}
	return 0;
}

/* What an option's value looks like: its metavar, its choices, or its type. */
static void metavar(const struct cmb_option *o, char *buf, size_t len)
{
	static const char *const by_type[] = {
		[CMB_OPT_SIZES] = "LIST", [CMB_OPT_SIZE] = "SIZE", [CMB_OPT_U64] = "N",
		[CMB_OPT_STR] = "VALUE", [CMB_OPT_DOUBLE] = "X", [CMB_OPT_FLAG] = "",
	};
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	if (o->metavar) {
		snprintf(buf, len, "%s", o->metavar);
		return;
	}
	if (o->type != CMB_OPT_ENUM && o->type != CMB_OPT_DESC) {
		snprintf(buf, len, "%s", by_type[o->type]);
		return;
	}
	for (i = 0; choice_at(o, i) && n + 1 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "|" : "", choice_at(o, i));
}

const struct cmb_choice cmb_text_json[] = {
	{ "text", CMB_FORMAT_TEXT }, { "json", CMB_FORMAT_JSON }, { NULL, 0 },
};

#define HELP_WIDTH	80
#define HELP_LEFT	24
#define INDENT		"                        "	/* HELP_LEFT spaces */

void cmb_opts_help(FILE *f, const struct cmb_option *tbl)
{
	char left[128], mv[96], text[1024];
	int i;

	for (i = 0; tbl[i].name; i++) {
		metavar(&tbl[i], mv, sizeof(mv));
		if (tbl[i].shortname)
			snprintf(left, sizeof(left), "  -%c, --%s%s%s", tbl[i].shortname,
				 tbl[i].name, *mv ? " " : "", mv);
		else
			snprintf(left, sizeof(left), "      --%s%s%s", tbl[i].name, *mv ? " " : "",
				 mv);
		snprintf(text, sizeof(text), "%s%s%s%s", tbl[i].help ? tbl[i].help : "",
			 tbl[i].def ? " (default " : "", tbl[i].def ? tbl[i].def : "",
			 tbl[i].def ? ")" : "");
		if (strlen(left) + 2 > HELP_LEFT)	/* two spaces before the text */
			fprintf(f, "%s\n%*s", left, HELP_LEFT, "");
		else
			fprintf(f, "%-*s", HELP_LEFT, left);
		cmb_wrap_from(f, text, HELP_WIDTH, INDENT, HELP_LEFT);
	}
}

int cmb_parse_cpus(const char *s, int *cpus, int max)
{
	int n = 0;

	while (*s) {
		char *end;
		long a = strtol(s, &end, 10), b;

		if (end == s || a < 0)
			return -1;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a)
				return -1;
		}
		for (; a <= b; a++) {
			if (n == max)
				return -1;
			cpus[n++] = (int)a;
		}
		if (*end == ',')
			end++;
		else if (*end)
			return -1;
		s = end;
	}
	return n;
}
