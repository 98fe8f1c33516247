// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench: drive the cmbench module and read its results. Every
 * subcommand is one row below and one file, cmd_NAME.c; usage, each
 * command's synopsis and dispatch all come from this table (as perf's
 * commands[] does). info, list, topo, run and sweep need /dev/cmbench;
 * export and report only read result files and run on any Linux host.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util/text.h"
#include "uapi/cmbench.h"

static const struct cmb_command commands[] = {
	{ "info", cmd_info, " [--format text|json]",
	  "module, ABI, CPU and cache-line facts" },
	{ "list", cmd_list, "",
	  "operations, and why any cannot run here" },
	{ "topo", cmd_topo, " [--cache L1d=32K,L2=1M] [--format text|json]",
	  "cache levels, where each number came from, CPU placement" },
	{ "run", cmd_run, " OP [options]",
	  "measure OP, an operation of cmbench list" },
	{ "sweep", cmd_sweep, " (SPEC | --preset quick|full) -o FILE [options]",
	  "many runs into one file, resumable" },
	{ "export", cmd_export, " [-o FILE.tsv] FILE.jsonl",
	  "TSV for plots/*.gp (- reads standard input; no module needed)" },
	{ "report", cmd_report, " FILE.jsonl...",
	  "tables from result files (- reads standard input; no module needed)" },
	{ "compare", cmd_compare, " (A.jsonl... vs B.jsonl... | AB-DIR) [options]",
	  "kernel B against A over boots, with verdicts; machines (--matrix)" },
	{ "calibrate", cmd_calibrate, " (BOOT.jsonl... | AA-DIR) [-o FILE]",
	  "A/A boots of one kernel: boot-to-boot and run-to-run spread" },
	{ "publish", cmd_publish, " RESULTS... -o DIR",
	  "a bundle for a review: summary, plots, provenance" },
	{ "model", cmd_model, " MODEL.txt FILE.jsonl...",
	  "join a cache model's figures (qemu-run --model) to its boot's results: MODELLED" },
	{ "version", cmd_version, "",
	  "this cmbench's version, module ABI and result schemas (also --version)" },
};

#define N_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	char left[64];
	size_t i;

	fprintf(f, "usage: cmbench COMMAND [options]\n");
	for (i = 0; i < N_COMMANDS; i++) {
		snprintf(left, sizeof(left), "%s%s", commands[i].name, commands[i].synopsis);
		/* Two spaces at least between synopsis and text, or a line of its own. */
		if (strlen(left) > 19)
			fprintf(f, "  %s\n%23s", left, "");
		else
			fprintf(f, "  %-20s ", left);
		cmb_wrap_from(f, commands[i].help, 80, "                       ", 23);
	}
	cmb_wrap(f, "The device is " CMBENCH_DEVICE ", or $CMBENCH_DEVICE. "
		 "'cmbench help COMMAND' shows a command's options.", 80, "");
}

static int dispatch(const struct cmb_command *cmd, int argc, char **argv)
{
	const struct cmb_call call = {
		.cmd = cmd, .argc = argc - 2, .argv = argv + 2,
		.full_argc = argc, .full_argv = argv,
	};

	cli_set_command(cmd->name);
	return cmd->fn(&call);
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	size_t i;

	/* "cmbench help run" is "cmbench run --help". */
	if (name && !strcmp(name, "help") && argc > 2) {
		name = argv[2];
		argv[2] = "--help";
		argc = 3;
		argv[1] = (char *)name;
		for (i = 0; i < N_COMMANDS; i++)
			if (!strcmp(name, commands[i].name))
				break;
		if (i == N_COMMANDS) {
			fprintf(stderr, "cmbench help: unknown command '%s'\n", name);
			return CMB_EXIT_USAGE;
		}
		return dispatch(&commands[i], argc, argv);
	}
	if (name && !strcmp(name, "--version"))
		argv[1] = (char *)(name = "version");
	if (!name || !strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
		usage(name ? stdout : stderr);
		return name ? CMB_EXIT_OK : CMB_EXIT_USAGE;
	}
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return dispatch(&commands[i], argc, argv);
	fprintf(stderr, "cmbench: unknown command '%s'\n", name);
	usage(stderr);
	return CMB_EXIT_USAGE;
}
