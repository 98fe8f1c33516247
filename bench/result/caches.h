/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A machine's cache levels and where each CPU sits, as a result file's
 * header records them: run/topo.c reads them from hwloc, the CPU's
 * CLIDR/CCSIDR and --cache; comparisons read them back from the file.
 */
#ifndef CMB_CACHES_H
#define CMB_CACHES_H

#include <stdint.h>

#define CMB_MAX_CACHE_LEVELS	16

struct cmb_cache {
	unsigned int level;
	char type[12];			/* "data", "instruction", "unified" */
	uint32_t line, ways, sets;	/* 0 where unknown (overrides) */
	uint64_t size;
	char source[32];		/* "hwloc", "CLIDR/CCSIDR", "--cache" */
	char cpus[64];			/* CPUs sharing one instance, "" unknown */
	unsigned int instances;		/* 0 unknown */
};

struct cmb_topo {
	unsigned int n;
	struct cmb_cache c[CMB_MAX_CACHE_LEVELS];
};

/* Where a CPU sits (hwloc's logical indexes; -1 where it does not say). */
struct cmb_cpu_place {
	int package, cluster, core;
};

#endif
