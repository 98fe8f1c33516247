/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every subcommand shares, below the commands: how it was called,
 * parsing its options once, usage errors that name the problem, exit
 * statuses.
 */
#ifndef CMB_CLI_H
#define CMB_CLI_H

#include <stdio.h>

#include "util/exit.h"
#include "util/options.h"

struct cmb_call;

/* One row of main.c's command table. */
struct cmb_command {
	const char *name;
	int (*fn)(const struct cmb_call *call);
	const char *synopsis;	/* what follows the name in its usage line */
	const char *help;	/* one line for "cmbench help" */
};

/* A command as invoked: its own arguments and the whole line. */
struct cmb_call {
	const struct cmb_command *cmd;
	int argc;		/* after the command's name */
	char **argv;
	int full_argc;		/* from "cmbench", for result provenance */
	char **full_argv;
};

/*
 * Errors say who: "cmbench CMD: " once main has dispatched CMD, "cmbench: "
 * before. cli_error() prints one line with that prefix.
 */
void cli_set_command(const char *name);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Prints "cmbench CMD: msg", CMD's usage line and where its options are
 * (the option table itself would bury the one line that matters);
 * returns CMB_EXIT_USAGE.
 */
int cli_usage_error(const struct cmb_call *c, const char *msg);
/*
 * Parses the call's options into args, once. 0 to go on; otherwise the
 * caller returns *status at once (0 after --help, 2 after a usage error).
 */
int cli_parse(const struct cmb_call *c, const struct cmb_option *tbl, void *args,
	      struct cmb_parsed *pa, int *status);
/* For commands that take nothing: 0 to go on, else return *status. */
int cli_no_args(const struct cmb_call *c, int *status);
/*
 * How this command was called, shell-quoted, as "cmbench ARGS": what a
 * footer quotes for a commit message (the command, not where it lives).
 */
void cli_command_line(const struct cmb_call *c, char *buf, size_t len);

#endif
