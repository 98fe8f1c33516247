// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <string.h>

#include "util/cli.h"
#include "util/text.h"

static char who[64] = "cmbench";

void cli_set_command(const char *name)
{
	snprintf(who, sizeof(who), "cmbench %s", name);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", who);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void print_usage(FILE *f, const struct cmb_call *c, const struct cmb_option *tbl)
{
	fprintf(f, "usage: cmbench %s%s\n", c->cmd->name, c->cmd->synopsis);
	cmb_opts_help(f, tbl);
}

int cli_usage_error(const struct cmb_call *c, const char *msg)
{
	if (msg)
		fprintf(stderr, "cmbench %s: %s\n", c->cmd->name, msg);
	fprintf(stderr, "usage: cmbench %s%s\n", c->cmd->name, c->cmd->synopsis);
	fprintf(stderr, "see 'cmbench %s --help'\n", c->cmd->name);
	return CMB_EXIT_USAGE;
}

int cli_parse(const struct cmb_call *c, const struct cmb_option *tbl, void *args,
	      struct cmb_parsed *pa, int *status)
{
	char err[512];
	int ret = cmb_opts_parse(tbl, args, c->argc, c->argv, pa, err, sizeof(err));

	if (ret == 1) {
		print_usage(stdout, c, tbl);
		*status = CMB_EXIT_OK;
		return 1;
	}
	if (ret) {
		*status = cli_usage_error(c, err);
		return 1;
	}
	return 0;
}

int cli_no_args(const struct cmb_call *c, int *status)
{
	static const struct cmb_option none[] = { { 0 } };
	struct cmb_parsed pa;

	if (cli_parse(c, none, NULL, &pa, status))
		return 1;
	if (pa.npos) {
		*status = cli_usage_error(c, "takes no arguments");
		return 1;
	}
	return 0;
}

void cli_command_line(const struct cmb_call *c, char *buf, size_t len)
{
	size_t n;

	cmb_quote_command(buf, len, 1, (char *[]){ "cmbench" });
	n = strlen(buf);
	if (n + 1 < len && c->full_argc > 1) {
		buf[n++] = ' ';
		cmb_quote_command(buf + n, len - n, c->full_argc - 1, c->full_argv + 1);
	}
}
