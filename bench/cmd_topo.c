// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench topo: the cache levels and where each number came from, where
 * every CPU sits, the sizes --sizes auto would use and the CPU orders of
 * --compact and --spread; --format json writes the same through field
 * tables (the caches as a result header holds them).
 */
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "run/device.h"
#include "result/record.h"
#include "result/result.h"
#include "result/schema.h"
#include "run/topo.h"

struct topo_args {
	const char *cache;
	int format;
};

static const struct cmb_option topo_opts[] = {
	{ .name = "cache", .type = CMB_OPT_STR, .off = offsetof(struct topo_args, cache),
	  .metavar = "L1d=SIZE,...",
	  .help = "override cache sizes: L1d=32K,L2=1M" },
	{ .name = "format", .type = CMB_OPT_ENUM, .off = offsetof(struct topo_args, format),
	  .choices = cmb_text_json, .def = "text",
	  .help = "text, or json: caches, --sizes auto, each CPU's place and the two orders" },
	{ 0 },
};

/* What topo says, as one JSON document. */
struct topo_doc {
	struct cmb_topo t;
	struct cmb_sizes sizes;
	unsigned int ncpus, ncompact, nspread;
	struct cmb_cpu_place place[CMB_MAX_CPUS];
	int compact[CMB_MAX_THREADS], spread[CMB_MAX_THREADS];
};

static const struct cmb_field place_fields[] = {
	CMB_VAL("package", CMB_F_INT, struct cmb_cpu_place, package),
	CMB_VAL("cluster", CMB_F_INT, struct cmb_cpu_place, cluster),
	CMB_VAL("core", CMB_F_INT, struct cmb_cpu_place, core),
	{ 0 }
};

static const struct cmb_field topo_fields[] = {
	CMB_ARRAY("caches", struct topo_doc, t.c, t.n, cmb_cache_fields),
	CMB_VEC("sizes_auto", CMB_F_U64, struct topo_doc, sizes.v, sizes.n),
	CMB_ARRAY("cpus", struct topo_doc, place, ncpus, place_fields),
	CMB_VEC("compact", CMB_F_INT, struct topo_doc, compact, ncompact),
	CMB_VEC("spread", CMB_F_INT, struct topo_doc, spread, nspread),
	{ 0 }
};

static int order(enum cmb_place how, int *cpus)
{
	cpu_set_t allowed;

	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		return 0;
	return cmb_topo_order(how, &allowed, cpus, CMB_MAX_THREADS);
}

static int print_json(const struct cmb_topo *t, const struct cmb_sizes *s)
{
	static struct topo_doc doc;
	int cpu;

	doc.t = *t;
	doc.sizes = *s;
	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_CONF) && cpu < CMB_MAX_CPUS; cpu++)
		cmb_topo_cpu_place(cpu, &doc.place[cpu]);
	doc.ncpus = (unsigned int)cpu;
	doc.ncompact = (unsigned int)order(CMB_PLACE_COMPACT, doc.compact);
	doc.nspread = (unsigned int)order(CMB_PLACE_SPREAD, doc.spread);
	return cmb_record_write(stdout, topo_fields, &doc, 1) ? CMB_EXIT_FAIL : CMB_EXIT_OK;
}

static void print_order(const char *name, enum cmb_place how)
{
	int cpus[CMB_MAX_THREADS], i, n = order(how, cpus);

	printf("--%s:%*s", name, (int)(9 - strlen(name)), "");
	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", cpus[i]);
	printf("\n");
}

static void print_caches(const struct cmb_topo *t, uint32_t clidr)
{
	char sz[16];
	unsigned int i;

	printf("hwloc %s; CLIDR 0x%08x on the CPU that answered\n",
	       cmb_hwloc() ? HWLOC_VERSION : "(no topology)", clidr);
	printf("%-5s %-12s %8s %6s %6s %7s %-10s %5s  %s\n", "level", "type", "size", "line",
	       "ways", "sets", "shared_by", "count", "source");
	for (i = 0; i < t->n; i++)
		printf("L%-4u %-12s %8s %6u %6u %7u %-10s %5u  %s\n", t->c[i].level,
		       t->c[i].type, cmb_fmt_size(t->c[i].size, sz, sizeof(sz)),
		       t->c[i].line, t->c[i].ways, t->c[i].sets,
		       t->c[i].cpus[0] ? t->c[i].cpus : "?", t->c[i].instances,
		       t->c[i].source);
	if (!t->n)
		printf("(no caches reported: give them with --cache L1d=32K,L2=1M)\n");
}

int cmd_topo(const struct cmb_call *c)
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

	if (cli_parse(c, topo_opts, &a, &pa, &status))
		return status;
	if (pa.npos)
		return cli_usage_error(c, "takes no arguments");
	if (cmb_dev_open_default(&d))
		return CMB_EXIT_FAIL;
	if (cmb_topo_read(&t, &d.info, a.cache, err, sizeof(err))) {
		cmb_dev_close(&d);
		return cli_usage_error(c, err);
	}
	cmb_topo_auto_sizes(&t, CMBENCH_MAX_SIZE, &s);
	if (a.format == CMB_FORMAT_JSON) {
		cmb_dev_close(&d);
		return print_json(&t, &s);
	}
	print_caches(&t, d.info.clidr);
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
	return CMB_EXIT_OK;
}
