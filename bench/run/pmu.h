/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PMU counters around each run, per thread: events named as libpfm4 knows
 * them, encoded with pfm_get_os_event_encoding() for kernel mode only,
 * opened with perf_event_open() on the calling thread for the PMU of the
 * CPU it is pinned to, one group per PMU (a new group when the counters of
 * one are full), and scaled by time_enabled / time_running when the kernel
 * had to multiplex the groups, as libpfm4's perf_examples do.
 */
#ifndef CMB_PMU_H
#define CMB_PMU_H

#include <stddef.h>
#include <stdint.h>

#include "run/lockwait.h"

#define CMB_MAX_EVENTS	8

struct cmb_event_spec {
	unsigned int n;
	char name[CMB_MAX_EVENTS][64];
};

/* What one thread counts. */
struct cmb_pmu {
	unsigned int n;
	int fd[CMB_MAX_EVENTS];		/* -1: not counting (why[i] says why) */
	uint64_t id[CMB_MAX_EVENTS];
	int group[CMB_MAX_EVENTS];	/* index of its group's leader in lead[] */
	char pmu[CMB_MAX_EVENTS][32];	/* the PMU that counts it */
	char why[CMB_MAX_EVENTS][96];
	double count[CMB_MAX_EVENTS];	/* scaled, summed over runs */
	uint64_t enabled[CMB_MAX_EVENTS], running[CMB_MAX_EVENTS];
	unsigned int ngroups;
	int lead[CMB_MAX_EVENTS];	/* group leaders' fds */
	int wait_event;			/* index of lock:contention_begin, or -1 */
	/* fds whose ID could not be read: kept while they may lead a group */
	unsigned int nstale;
	int stale[CMB_MAX_EVENTS];
	struct cmb_lockwait lw;		/* its wait times */
};

/*
 * "CPU_CYCLES,L1D_CACHE_REFILL" or "default" (cycles, instructions and
 * cache traffic; each CPU keeps those its PMU implements) into spec; ""
 * or NULL: no events. 0, or -1 with err set.
 */
int cmb_events_parse(const char *s, struct cmb_event_spec *spec, char *err, size_t len);
/*
 * What a reader must know about an event's count on this system ("" when
 * nothing): e.g. that 32-bit arm's ticket spinlocks never fire
 * lock:contention_begin, so its count there misses spinlock contention.
 */
const char *cmb_event_note(const char *name);
/*
 * Opens spec's events on the calling thread, pinned to cpu; never fails
 * as a whole. Names are libpfm4's, or "sys:event" for a tracepoint;
 * lock:contention_begin also samples lock wait time.
 */
void cmb_pmu_open(struct cmb_pmu *p, const struct cmb_event_spec *spec, int cpu);
void cmb_pmu_start(struct cmb_pmu *p);
/* Stops, reads and adds the scaled counts (and the lock waits). */
void cmb_pmu_stop(struct cmb_pmu *p);
/* Zeroes what was added, keeping the events open. */
void cmb_pmu_reset(struct cmb_pmu *p);
void cmb_pmu_close(struct cmb_pmu *p);
/* The scaling of libpfm4's perf_examples: raw * enabled / running. */
double cmb_pmu_scale(uint64_t raw, uint64_t enabled, uint64_t running);

/*
 * The perf PMU that counts for cpu: the event_source device under root
 * (normally /sys/bus/event_source/devices) whose "cpus" lists it. Its
 * name and type; 0, or -1 when none says (one PMU for all: PERF_TYPE_RAW).
 */
int cmb_cpu_pmu(const char *root, int cpu, char *name, size_t len, uint32_t *type);
/*
 * Whether a raw event number encoded by libpfm4 for its PMU (lib, e.g.
 * "arm_cortex_a57") can be counted by perf PMU dev (e.g.
 * "armv8_cortex_a53"): always on the same core type; on another core only
 * the ARM common events (numbers below 0x40), and only if dev lists it in
 * its sysfs events (PMCEID: what the core implements). 1, or 0 with why.
 */
int cmb_event_fits(const char *root, const char *lib, const char *dev, uint64_t config,
		   char *why, size_t len);
/*
 * An event by the name the kernel's PMU driver gives it in sysfs
 * (root/dev/events/cpu_cycles: "event=0x11"), for a core libpfm4 does not
 * know. name in any case; 0 and the raw number, or -1 when dev lists no
 * such plain event.
 */
int cmb_sysfs_event(const char *root, const char *dev, const char *name, uint64_t *config);

#endif
