// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench: drive the cmbench module and read its results.
 * info, list and run need /dev/cmbench; export and report only read
 * result files and run on any Linux host.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "device.h"
#include "provenance.h"
#include "report.h"
#include "topo.h"

static const struct cmb_option no_opts[] = { { 0 } };

static void usage(FILE *f)
{
	fprintf(f,
		"usage: cmbench COMMAND [options]\n"
		"  info                 module, ABI, CPU and cache-line facts\n"
		"  list                 operations, and why any cannot run here\n"
		"  topo [--cache ...]   cache levels, where each number came from\n"
		"  run OP [options]     measure OP (cmbench run --help)\n"
		"  sweep SPEC|--preset quick|full -o FILE [--resume]\n"
		"                       many runs into one file, resumable\n"
		"  export FILE.jsonl    TSV for plots/*.gp (no module needed)\n"
		"  report FILE.jsonl... tables from result files (no module needed)\n"
		"The device is %s, or $CMBENCH_DEVICE.\n", CMBENCH_DEVICE);
}

/* What follows the subcommand's name in its usage line. */
static const char *synopsis(const char *sub)
{
	if (!strcmp(sub, "run"))
		return " OP [options]";
	if (!strcmp(sub, "export"))
		return " [-o FILE.tsv] FILE.jsonl";
	if (!strcmp(sub, "report"))
		return " FILE.jsonl...";
	if (!strcmp(sub, "sweep"))
		return " (SPEC | --preset quick|full) -o FILE [options]";
	return "";
}

static void print_usage(FILE *f, const char *sub, const struct cmb_option *tbl)
{
	fprintf(f, "usage: cmbench %s%s\n", sub, synopsis(sub));
	cmb_opts_help(f, tbl);
}

int cmd_usage_error(const char *sub, const struct cmb_option *tbl, const char *msg)
{
	if (msg)
		fprintf(stderr, "cmbench %s: %s\n", sub, msg);
	print_usage(stderr, sub, tbl);
	return 2;
}

int cmd_parse(const char *sub, const struct cmb_option *tbl, void *args,
	      int argc, char **argv, struct cmb_parsed *pa, int *status)
{
	char err[512];
	int ret = cmb_opts_parse(tbl, args, argc, argv, pa, err, sizeof(err));

	if (ret == 1) {
		print_usage(stdout, sub, tbl);
		*status = 0;
		return 1;
	}
	if (ret) {
		*status = cmd_usage_error(sub, tbl, err);
		return 1;
	}
	return 0;
}

static int open_dev(struct cmb_dev *d)
{
	const char *dev = getenv("CMBENCH_DEVICE");
	char err[512];

	if (cmb_dev_open(d, dev ? dev : CMBENCH_DEVICE, err, sizeof(err))) {
		fprintf(stderr, "cmbench: %s\n", err);
		return -1;
	}
	return 0;
}

/* For commands without options or arguments; 1: return *status now. */
static int no_args(const char *sub, int argc, char **argv, int *status)
{
	struct cmb_parsed pa;

	if (cmd_parse(sub, no_opts, NULL, argc, argv, &pa, status))
		return 1;
	if (pa.npos) {
		*status = cmd_usage_error(sub, no_opts, "takes no arguments");
		return 1;
	}
	return 0;
}

int cmd_info(int argc, char **argv)
{
	struct cmb_header h;
	struct cmb_dev d;
	int ret;

	if (no_args("info", argc, argv, &ret))
		return ret;
	if (open_dev(&d))
		return 1;
	cmb_provenance(&h, &d, 0, NULL, NULL);
	printf("module:      %s, ABI %u, built for %s\n", h.module_version,
	       h.abi_version, h.module_release);
	printf("kernel:      %s (%s)\n", h.kernel_release, h.machine);
	printf("cpu:         MIDR 0x%08x %s, %u CPUs\n", h.midr,
	       *h.cpu_part ? h.cpu_part : "(unknown part)", h.n_cpus);
	printf("cache:       CTR 0x%08x: D-line %u B, I-line %u B, CWG %u B\n",
	       h.ctr, h.dcache_line, h.icache_line, h.cwg);
	printf("page size:   %u\n", h.page_size);
	printf("counter:     %llu Hz (%.2f ns per tick)\n",
	       (unsigned long long)h.timer_hz, 1e9 / (double)h.timer_hz);
	printf("operations:  %u\n", d.info.n_ops);
	if (h.emu.emulated)
		printf("emulator:    %s %s, %s, -cpu %s (from %s): timings are not "
		       "hardware timings\n", h.emu.name, h.emu.version, h.emu.accel,
		       h.emu.cpu, h.emu.detected_by);
	else
		printf("emulator:    none detected\n");
	cmb_dev_close(&d);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	struct cmbench_op_info oi;
	struct cmb_dev d;
	uint32_t i;
	int ret;

	if (no_args("list", argc, argv, &ret))
		return ret;
	if (open_dev(&d))
		return 1;
	printf("%-12s %-9s %s\n", "op", "status", "implementation, or why not");
	for (i = 0; i < d.info.n_ops; i++) {
		ret = cmb_dev_op_info(&d, i, &oi);
		if (ret) {
			fprintf(stderr, "cmbench: OP_INFO %u: %s\n", i, strerror(-ret));
			cmb_dev_close(&d);
			return 1;
		}
		if (oi.flags & CMBENCH_OPF_SUPPORTED)
			printf("%-12s %-9s %s\n", oi.name, "ok", oi.impl);
		else
			printf("%-12s %-9s %s\n", oi.name, "skipped", oi.why_unsupported);
	}
	cmb_dev_close(&d);
	return 0;
}

struct report_args {
	unsigned int rows;
};

static const struct cmb_option report_opts[] = {
	{ .name = "rows", .type = CMB_OPT_FLAG, .off = offsetof(struct report_args, rows),
	  .help = "only the table rows of all files, one table, no headers" },
	{ 0 },
};

struct topo_args {
	const char *cache;
};

static const struct cmb_option topo_opts[] = {
	{ .name = "cache", .type = CMB_OPT_STR, .off = offsetof(struct topo_args, cache),
	  .help = "override cache sizes: L1d=32K,L2=1M" },
	{ 0 },
};

static void print_order(const char *name, enum cmb_place how)
{
	int cpus[CMB_MAX_THREADS], i, n;
	cpu_set_t allowed;

	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		return;
	n = cmb_topo_order(how, &allowed, cpus, CMB_MAX_THREADS);
	printf("--%s:%*s", name, (int)(9 - strlen(name)), "");
	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", cpus[i]);
	printf("\n");
}

int cmd_topo(int argc, char **argv)
{
	struct topo_args a = { 0 };
	struct cmb_cpu_place p;
	struct cmb_parsed pa;
	struct cmb_topo t;
	struct cmb_sizes s;
	struct cmb_dev d;
	char err[512], sz[16];
	unsigned int i;
	int status, cpu;

	if (cmd_parse("topo", topo_opts, &a, argc, argv, &pa, &status))
		return status;
	if (open_dev(&d))
		return 1;
	if (cmb_topo_read(&t, &d, a.cache, err, sizeof(err))) {
		cmb_dev_close(&d);
		return cmd_usage_error("topo", topo_opts, err);
	}
	printf("hwloc %s; CLIDR 0x%08x on the CPU that answered\n",
	       cmb_hwloc() ? HWLOC_VERSION : "(no topology)", d.info.clidr);
	printf("%-5s %-12s %8s %6s %6s %7s %-10s %5s  %s\n", "level", "type", "size", "line",
	       "ways", "sets", "shared_by", "count", "source");
	for (i = 0; i < t.n; i++)
		printf("L%-4u %-12s %8s %6u %6u %7u %-10s %5u  %s\n", t.c[i].level, t.c[i].type,
		       cmb_fmt_size(t.c[i].size, sz, sizeof(sz)), t.c[i].line, t.c[i].ways,
		       t.c[i].sets, t.c[i].cpus[0] ? t.c[i].cpus : "?", t.c[i].instances,
		       t.c[i].source);
	if (!t.n)
		printf("(no caches reported: give them with --cache L1d=32K,L2=1M)\n");
	cmb_topo_auto_sizes(&t, CMBENCH_MAX_SIZE, &s);
	printf("--sizes auto:");
	for (i = 0; i < s.n; i++)
		printf("%s%s", i ? "," : " ", cmb_fmt_size(s.v[i], sz, sizeof(sz)));
	printf("\n\n%-4s %7s %7s %5s   (hwloc logical indexes, -1: none)\n", "cpu",
	       "package", "cluster", "core");
	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_CONF) && cpu < CMB_MAX_CPUS; cpu++) {
		cmb_topo_cpu_place(cpu, &p);
		printf("%-4d %7d %7d %5d\n", cpu, p.package, p.cluster, p.core);
	}
	printf("threads take CPUs in this order:\n");
	print_order("compact", CMB_PLACE_COMPACT);
	print_order("spread", CMB_PLACE_SPREAD);
	cmb_dev_close(&d);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a;
	struct cmb_parsed pa;
	char err[512];
	int i, status;

	if (cmd_parse("report", report_opts, &a, argc, argv, &pa, &status))
		return status;
	if (!pa.npos)
		return cmd_usage_error("report", report_opts, "give one or more result files");
	if (a.rows)
		cmb_report_table_head(stdout);
	for (i = 0; i < pa.npos; i++) {
		if (i && !a.rows)
			putchar('\n');
		if (cmb_report_file(stdout, pa.pos[i], !a.rows, err, sizeof(err))) {
			fprintf(stderr, "cmbench: %s\n", err);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd || !strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(cmd ? stdout : stderr);
		return cmd ? 0 : 2;
	}
	if (!strcmp(cmd, "info"))
		return cmd_info(argc - 2, argv + 2);
	if (!strcmp(cmd, "list"))
		return cmd_list(argc - 2, argv + 2);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2, argc, argv);
	if (!strcmp(cmd, "export"))
		return cmd_export(argc - 2, argv + 2);
	if (!strcmp(cmd, "topo"))
		return cmd_topo(argc - 2, argv + 2);
	if (!strcmp(cmd, "sweep"))
		return cmd_sweep(argc - 2, argv + 2, argc, argv);
	if (!strcmp(cmd, "report"))
		return cmd_report(argc - 2, argv + 2);
	fprintf(stderr, "cmbench: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
