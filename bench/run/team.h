/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A team of threads, each pinned to its own CPU, that run the same
 * request at the same time: each in its own ioctl, released together, so
 * what they contend for (kmap_lock, vmap locks, a page table) is contended.
 */
#ifndef CMB_TEAM_H
#define CMB_TEAM_H

#include <pthread.h>
#include <signal.h>

#include "run/device.h"
#include "result/hist.h"
#include "run/pmu.h"
#include "result/result.h"

struct cmb_member {
	pthread_t tid;
	int cpu;
	struct cmb_team *team;
	struct cmbench_run req;		/* in: the request; out: its results */
	struct cmb_dist dist;		/* this run's samples */
	struct cmb_pmu pmu;		/* counted around every run's ioctl */
	int ret;			/* 0 or -errno of this run */
};

struct cmb_team {
	struct cmb_dev *dev;
	const struct cmb_event_spec *events;
	unsigned int n;
	struct cmb_member *m;
	pthread_mutex_t lock;
	pthread_cond_t go, done;
	unsigned long generation;	/* bumped to start a run */
	unsigned int finished;		/* members done with this run */
	int quit;
};

/* Starts n threads pinned to cpus[0..n-1], counting events; 0 or -errno. */
int cmb_team_start(struct cmb_team *t, struct cmb_dev *d, unsigned int n,
		   const int *cpus, const struct cmb_event_spec *events);
/* Forgets the PMU counts so far (the warm-up's). */
void cmb_team_pmu_reset(struct cmb_team *t);
/*
 * Runs req on every member at once and waits for all. If *stop becomes
 * set meanwhile (a signal handler's flag), the members' ioctls are
 * interrupted. 0, or the first member's -errno.
 */
int cmb_team_run(struct cmb_team *t, const struct cmbench_run *req,
		 volatile sig_atomic_t *stop);
void cmb_team_stop(struct cmb_team *t);
/* Every member's counts of each event into p: summed, scaled, or why not. */
void cmb_team_collect_events(const struct cmb_team *t, struct cmb_point *p);

#endif
