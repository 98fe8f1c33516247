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
#define CMB_NELEM(a)	(sizeof(a) / sizeof((a)[0]))
/* An option over one of the uapi's NAMES lists: its names by value. */
#define CMB_NAMES(list)	.names = list, .nnames = CMB_NELEM(list)
#define CMB_MAX_POS	256	/* report takes many result files */

enum cmb_opt_type {
	CMB_OPT_SIZES,		/* struct cmb_sizes: "4K,64K,1M" */
	CMB_OPT_SIZE,		/* uint64_t: "64", "4K" */
	CMB_OPT_U64,		/* uint64_t, plain number */
	CMB_OPT_ENUM,		/* int: the value of the choice named (choices),
				 * or its index in names (a list in value order) */
	CMB_OPT_DESC,		/* const void *: the descriptor named (descs) */
	CMB_OPT_STR,		/* const char *, points into argv */
	CMB_OPT_DOUBLE,		/* double, range [min, max] */
	CMB_OPT_FLAG,		/* unsigned int: --name sets 1; --name=0 or =1 also */
};

struct cmb_sizes {
	unsigned int n;
	int automatic;			/* "auto": the caller places them */
	uint64_t v[CMB_MAX_SIZES];
};

/* One value an enum option takes, as fio's value_pair: its name and value. */
struct cmb_choice {
	const char *name;
	int value;
};

/* --format text|json, for commands that print one record. */
enum { CMB_FORMAT_TEXT, CMB_FORMAT_JSON };
extern const struct cmb_choice cmb_text_json[];

struct cmb_option {
	const char *name;		/* long name, used as --name */
	char shortname;			/* 0: none */
	enum cmb_opt_type type;
	size_t off;			/* offsetof() the field in the args struct */
	uint64_t min, max;		/* SIZE(S) and U64: inclusive range */
	const struct cmb_choice *choices;	/* ENUM: ended by a NULL name */
	const char *const *names;		/* ENUM: the uapi's names by value */
	unsigned int nnames;
	/*
	 * DESC: an array of structs of desc_size bytes whose first member is
	 * their name (const char *), ended by a NULL name. The option's field
	 * gets a pointer to the one named: a stat, a format, an adjustment is
	 * resolved once into what it means, not re-decided at each use.
	 */
	const void *descs;
	size_t desc_size;
	const char *def;		/* NULL: no default */
	const char *metavar;		/* its value in the help: "LIST"; NULL: by type */
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
/*
 * The options as a command's --help shows them: "--name METAVAR" (the
 * choices of an enum), then the help and default, wrapped at 80 columns.
 */
void cmb_opts_help(FILE *f, const struct cmb_option *tbl);
/* The name of value among choices, or NULL. */
const char *cmb_choice_name(const struct cmb_choice *choices, int value);
/* Index of the entry called name in tbl, or -1. */
int cmb_opts_index(const struct cmb_option *tbl, const char *name);

/* "4096", "4K", "64k", "1M", "1G": binary multiples. 0 ok, -1 bad. */
int cmb_parse_size(const char *s, uint64_t *v);
/* Formats a size as the shortest exact "4K"/"1M"/"100". */
const char *cmb_fmt_size(uint64_t v, char *buf, size_t len);

/* Parse "0,2-3" into cpus (at most max); count, or -1 if malformed. */
int cmb_parse_cpus(const char *s, int *cpus, int max);

#endif
