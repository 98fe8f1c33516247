// SPDX-License-Identifier: GPL-2.0
/* cmbench list: every operation, what runs, or why it cannot here. */
#include <stdio.h>

#include "cmd.h"
#include "run/device.h"

int cmd_list(const struct cmb_call *c)
{
	struct cmb_dev d;
	unsigned int i;
	int ret;

	if (cli_no_args(c, &ret))
		return ret;
	if (cmb_dev_open_default(&d))
		return CMB_EXIT_FAIL;
	printf("%-12s %-9s %s\n", "op", "status", "implementation, or why not");
	for (i = 0; i < d.n_ops; i++) {
		const struct cmbench_op_info *oi = &d.ops[i];

		if (oi->flags & CMBENCH_OPF_SUPPORTED)
			printf("%-12s %-9s %s\n", oi->name, "ok", oi->impl);
		else
			printf("%-12s %-9s %s\n", oi->name, "skipped", oi->why_unsupported);
	}
	cmb_dev_close(&d);
	return CMB_EXIT_OK;
}
