/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's shape: cache levels (what each holds, which CPUs share
 * it, where each number came from) and where every CPU sits, for
 * --sizes auto and for --spread / --compact thread placement.
 *
 * hwloc is the first source. Where it reports no caches (QEMU guests,
 * boards whose firmware describes none) the module's reading of
 * CLIDR/CCSIDR on the CPU fills the levels in; --cache L1d=32K,L2=1M
 * overrides any level.
 */
#ifndef CMB_TOPO_H
#define CMB_TOPO_H

#include <sched.h>
#include <stdint.h>

#include <hwloc.h>

#include "result/caches.h"
#include "run/device.h"
#include "util/options.h"


/* From hwloc, the module's registers for levels hwloc lacks, then the
 * overrides ("" or NULL: none). */
int cmb_topo_read(struct cmb_topo *t, const struct cmbench_info *info,
		  const char *overrides, char *err, size_t len);
/* Applies "L1d=32K,L2=1M,L3=8M" (L1i too); 0 or -1 with err naming the bad one. */
int cmb_topo_override(struct cmb_topo *t, const char *spec, char *err, size_t len);
/*
 * Sizes around every data/unified level (half, at, double, four times)
 * and a log grid from 64 B to four times the largest, sorted, at most max
 * bytes each. The number of sizes.
 */
unsigned int cmb_topo_auto_sizes(const struct cmb_topo *t, uint64_t max,
				 struct cmb_sizes *out);

/*
 * The process's hwloc topology, loaded on first use; NULL when hwloc
 * cannot load one. Tests call cmb_hwloc_synthetic() to describe a machine
 * ("package:2 group:2 core:2 pu:1") instead of reading this one; it drops
 * whatever was loaded before.
 */
hwloc_topology_t cmb_hwloc(void);
void cmb_hwloc_synthetic(const char *desc);

/* Where a CPU sits, as hwloc numbers them (logical indexes; -1 none). */
void cmb_topo_cpu_place(int cpu, struct cmb_cpu_place *p);

enum cmb_place {
	CMB_PLACE_COMPACT,	/* neighbours first: fill a cluster, then the next */
	CMB_PLACE_SPREAD,	/* round robin over packages, clusters, cores */
};

/*
 * The CPUs of allowed in the order threads take them: the first T of the
 * list are where T threads run. Either order keeps that property, so a
 * sweep over T is a sweep over one placement policy. Without hwloc,
 * ascending CPU numbers. Returns how many were written (at most max).
 */
int cmb_topo_order(enum cmb_place how, const cpu_set_t *allowed, int *out, int max);

#endif
