/* SPDX-License-Identifier: GPL-2.0 */
/* cmbench's subcommands; each takes the arguments after its name. */
#ifndef CMB_CMD_H
#define CMB_CMD_H

#include "options.h"

int cmd_info(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv, int full_argc, char **full_argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Prints "cmbench SUB: msg" and SUB's options; returns exit status 2. */
int cmd_usage_error(const char *sub, const struct cmb_option *tbl, const char *msg);
/*
 * Parses SUB's options into args. Returns 0 to go on; otherwise the caller
 * returns *status at once (0 after --help, 2 after a usage error).
 */
int cmd_parse(const char *sub, const struct cmb_option *tbl, void *args,
	      int argc, char **argv, struct cmb_parsed *pa, int *status);

#endif
