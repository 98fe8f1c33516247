/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PMU counters around each run, per thread: events named as libpfm4 knows
 * them, encoded with pfm_get_os_event_encoding() for kernel mode only,
 * opened with perf_event_open() on the calling thread, and scaled by
 * time_enabled / time_running when the kernel had to multiplex them.
 */
#ifndef CMB_PMU_H
#define CMB_PMU_H

#include <stdint.h>

#define CMB_MAX_EVENTS	8

struct cmb_event_spec {
	unsigned int n;
	char name[CMB_MAX_EVENTS][64];
};

/* What one thread counts. */
struct cmb_pmu {
	unsigned int n;
	int fd[CMB_MAX_EVENTS];		/* -1: not counting (why[i] says why) */
	char why[CMB_MAX_EVENTS][96];
	double count[CMB_MAX_EVENTS];	/* scaled, summed over runs */
	uint64_t enabled[CMB_MAX_EVENTS], running[CMB_MAX_EVENTS];
};

/*
 * "CPU_CYCLES,L1D_CACHE_REFILL" or "default" (a set for the core's PMU)
 * into spec; "" or NULL: no events. 0, or -1 with err set.
 */
int cmb_events_parse(const char *s, struct cmb_event_spec *spec, char *err, size_t len);
/*
 * What a reader must know about an event's count on this system ("" when
 * nothing): e.g. that 32-bit arm's ticket spinlocks never fire
 * lock:contention_begin, so its count there misses spinlock contention.
 */
const char *cmb_event_note(const char *name);
/*
 * Opens spec's events on the calling thread; never fails as a whole. Names
 * are libpfm4's, or "sys:event" for a tracepoint (lock:contention_begin).
 */
void cmb_pmu_open(struct cmb_pmu *p, const struct cmb_event_spec *spec);
void cmb_pmu_start(struct cmb_pmu *p);
/* Stops, reads and adds the scaled counts. */
void cmb_pmu_stop(struct cmb_pmu *p);
void cmb_pmu_close(struct cmb_pmu *p);
/* The scaling of libpfm4's perf_examples: raw * enabled / running. */
double cmb_pmu_scale(uint64_t raw, uint64_t enabled, uint64_t running);

#endif
