/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line options, described once in a table per subcommand (like
 * fio's fio_option) and parsed and range-checked in one place. Defaults go
 * through the same parser, so a default can never be invalid unnoticed.
 */
#ifndef CMB_OPTIONS_H
#define CMB_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CMB_MAX_SIZES	64
#define CMB_MAX_POS	256	/* report takes many result files */

enum cmb_opt_type {
	CMB_OPT_SIZES,		/* struct cmb_sizes: "4K,64K,1M" */
	CMB_OPT_SIZE,		/* uint64_t: "64", "4K" */
	CMB_OPT_U64,		/* uint64_t, plain number */
	CMB_OPT_ENUM,		/* unsigned int: index into choices */
	CMB_OPT_STR,		/* const char *, points into argv */
	CMB_OPT_DOUBLE,		/* double, range [min, max] */
	CMB_OPT_FLAG,		/* unsigned int: --name sets 1; --name=0 or =1 also */
};

struct cmb_sizes {
	unsigned int n;
	int automatic;			/* "auto": the caller places them */
	uint64_t v[CMB_MAX_SIZES];
};

struct cmb_option {
	const char *name;		/* long name, used as --name */
	char shortname;			/* 0: none */
	enum cmb_opt_type type;
	size_t off;			/* offsetof() the field in the args struct */
	uint64_t min, max;		/* SIZE(S) and U64: inclusive range */
	const char *const *choices;	/* ENUM: NULL-terminated */
	const char *def;		/* NULL: no default */
	const char *help;
	uint32_t applies;		/* caller's use: e.g. which ops take it */
};

struct cmb_parsed {
	uint64_t given;			/* bit i: table entry i was on the line */
	int npos;
	char *pos[CMB_MAX_POS];		/* positional arguments, in order */
};

/* 0 ok; 1 --help or -h seen; -1 with a message naming the bad option or
 * value in err. */
int cmb_opts_parse(const struct cmb_option *tbl, void *args, int argc,
		   char **argv, struct cmb_parsed *out, char *err, size_t errlen);
void cmb_opts_help(FILE *f, const struct cmb_option *tbl);
/* Index of the entry called name in tbl, or -1. */
int cmb_opts_index(const struct cmb_option *tbl, const char *name);

/* "4096", "4K", "64k", "1M", "1G": binary multiples. 0 ok, -1 bad. */
int cmb_parse_size(const char *s, uint64_t *v);
/* Formats a size as the shortest exact "4K"/"1M"/"100". */
const char *cmb_fmt_size(uint64_t v, char *buf, size_t len);

/* Parse "0,2-3" into cpus (at most max); count, or -1 if malformed. */
int cmb_parse_cpus(const char *s, int *cpus, int max);

#endif
