/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cache geometry: what each level holds and where that number came from.
 * The module reads CLIDR/CCSIDR on the CPU (QEMU models them, and they
 * are there when firmware tells hwloc nothing); --cache L1d=32K,L2=1M
 * overrides any level.
 */
#ifndef CMB_TOPO_H
#define CMB_TOPO_H

#include <stdint.h>

#include "device.h"
#include "options.h"

#define CMB_MAX_CACHE_LEVELS	16

struct cmb_cache {
	unsigned int level;
	char type[12];			/* "data", "instruction", "unified" */
	uint32_t line, ways, sets;	/* 0 where unknown (overrides) */
	uint64_t size;
	char source[32];		/* "CLIDR/CCSIDR", "--cache" */
};

struct cmb_topo {
	unsigned int n;
	struct cmb_cache c[CMB_MAX_CACHE_LEVELS];
};

/* From the module's registers, then the overrides ("" or NULL: none). */
int cmb_topo_read(struct cmb_topo *t, const struct cmb_dev *d, const char *overrides,
		  char *err, size_t len);
/* Applies "L1d=32K,L2=1M,L3=8M" (L1i too); 0 or -1 with err naming the bad one. */
int cmb_topo_override(struct cmb_topo *t, const char *spec, char *err, size_t len);
/*
 * Sizes around every data/unified level (half, at, double, four times)
 * and a log grid from 64 B to four times the largest, sorted, at most max
 * bytes each. The number of sizes.
 */
unsigned int cmb_topo_auto_sizes(const struct cmb_topo *t, uint64_t max,
				 struct cmb_sizes *out);

#endif
