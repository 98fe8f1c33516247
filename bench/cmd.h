/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands, one file each (cmd_NAME.c), listed in main.c's table.
 * Only main.c calls them; they call only what lies below them.
 */
#ifndef CMB_CMD_H
#define CMB_CMD_H

#include "util/cli.h"

int cmd_info(const struct cmb_call *c);
int cmd_list(const struct cmb_call *c);
int cmd_topo(const struct cmb_call *c);
int cmd_run(const struct cmb_call *c);
int cmd_sweep(const struct cmb_call *c);
int cmd_export(const struct cmb_call *c);
int cmd_report(const struct cmb_call *c);
int cmd_compare(const struct cmb_call *c);
int cmd_calibrate(const struct cmb_call *c);
int cmd_publish(const struct cmb_call *c);
int cmd_version(const struct cmb_call *c);
int cmd_model(const struct cmb_call *c);

#endif
