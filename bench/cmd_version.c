// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench version (and cmbench --version): which cmbench this is, and
 * the interfaces it speaks, as every result file's header records them.
 */
#include <stdio.h>

#include "cmb_version.h"
#include "cmd.h"
#include "result/result.h"
#include "uapi/cmbench.h"

static const struct cmb_option version_opts[] = {
	{ 0 },
};

int cmd_version(const struct cmb_call *c)
{
	struct cmb_parsed pa;
	int status;

	if (cli_parse(c, version_opts, NULL, &pa, &status))
		return status;
	if (pa.npos)
		return cli_usage_error(c, "takes no arguments");
	printf("cmbench %s (module ABI %u, result schema %d, reads %d to %d)\n",
	       CMB_TOOL_VERSION, CMBENCH_ABI_VERSION, CMB_SCHEMA_VERSION, CMB_SCHEMA_OLDEST,
	       CMB_SCHEMA_VERSION);
	return CMB_EXIT_OK;
}
