// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "run/team.h"

/* Members' wake-up call when a run must end early: the module stops on it. */
static void on_kick(int sig)
{
	(void)sig;
}

static void *member_main(void *arg)
{
	struct cmb_member *m = arg;
	struct cmb_team *t = m->team;
	unsigned long seen = 0;
	cpu_set_t set;
	sigset_t mask;

	/* Ctrl-C goes to the main thread; members only get SIGUSR1 from it. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);
	CPU_ZERO(&set);
	CPU_SET(m->cpu, &set);
	m->ret = sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
	/* Counters follow this thread, so open them from it, once pinned. */
	cmb_pmu_open(&m->pmu, t->events, m->cpu);

	pthread_mutex_lock(&t->lock);
	for (;;) {
		while (t->generation == seen && !t->quit)
			pthread_cond_wait(&t->go, &t->lock);
		if (t->quit)
			break;
		seen = t->generation;
		pthread_mutex_unlock(&t->lock);

		if (!m->ret) {
			cmb_dist_init(&m->dist);
			cmb_pmu_start(&m->pmu);
			m->ret = cmb_dev_run(t->dev, &m->req, m->dist.hist);
			cmb_pmu_stop(&m->pmu);
		}

		pthread_mutex_lock(&t->lock);
		t->finished++;
		pthread_cond_signal(&t->done);
	}
	pthread_mutex_unlock(&t->lock);
	cmb_pmu_close(&m->pmu);
	return NULL;
}

void cmb_team_pmu_reset(struct cmb_team *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		cmb_pmu_reset(&t->m[i].pmu);
}

int cmb_team_start(struct cmb_team *t, struct cmb_dev *d, unsigned int n,
		   const int *cpus, const struct cmb_event_spec *events)
{
	struct sigaction sa;
	unsigned int i;
	int ret;

	memset(t, 0, sizeof(*t));
	t->dev = d;
	t->events = events;
	t->m = calloc(n, sizeof(*t->m));
	if (!t->m)
		return -ENOMEM;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;	/* no SA_RESTART: the ioctl must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->go, NULL);
	pthread_cond_init(&t->done, NULL);
	for (i = 0; i < n; i++) {
		t->m[i].team = t;
		t->m[i].cpu = cpus[i];
		ret = pthread_create(&t->m[i].tid, NULL, member_main, &t->m[i]);
		if (ret) {
			t->n = i;
			cmb_team_stop(t);
			return -ret;
		}
	}
	t->n = n;
	return 0;
}

int cmb_team_run(struct cmb_team *t, const struct cmbench_run *req,
		 volatile sig_atomic_t *stop)
{
	struct timespec tick;
	unsigned int i;

	pthread_mutex_lock(&t->lock);
	for (i = 0; i < t->n; i++)
		t->m[i].req = *req;
	t->finished = 0;
	t->generation++;
	pthread_cond_broadcast(&t->go);
	while (t->finished < t->n) {
		/* Wake every 10 ms to pass a Ctrl-C on to the members. */
		clock_gettime(CLOCK_REALTIME, &tick);
		tick.tv_nsec += 10000000;
		if (tick.tv_nsec >= 1000000000) {
			tick.tv_sec++;
			tick.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&t->done, &t->lock, &tick);
		/*
		 * Every tick until all have returned: a kick that lands just
		 * before a member enters its ioctl is lost, the next is not.
		 */
		if (*stop)
			for (i = 0; i < t->n; i++)
				pthread_kill(t->m[i].tid, SIGUSR1);
	}
	pthread_mutex_unlock(&t->lock);
	for (i = 0; i < t->n; i++)
		if (t->m[i].ret)
			return t->m[i].ret;
	return 0;
}

void cmb_team_stop(struct cmb_team *t)
{
	unsigned int i;

	pthread_mutex_lock(&t->lock);
	t->quit = 1;
	pthread_cond_broadcast(&t->go);
	pthread_mutex_unlock(&t->lock);
	for (i = 0; i < t->n; i++)
		pthread_join(t->m[i].tid, NULL);
	free(t->m);
	t->m = NULL;
	t->n = 0;
}

/* Adds name to a comma-separated list of distinct names. */
static void add_name(char *list, size_t len, const char *name)
{
	size_t n = strlen(name), at;
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return;
	at = strlen(list);
	snprintf(list + at, len - at, "%s%s", at ? "," : "", name);
}

/* Every thread's counts of each event, summed; unsupported if any failed. */
void cmb_team_collect_events(const struct cmb_team *t, struct cmb_point *p)
{
	uint64_t enabled, running;
	unsigned int i, k;

	p->nevents = t->n ? t->m[0].pmu.n : 0;
	for (k = 0; k < p->nevents; k++) {
		struct cmb_event *e = &p->ev[k];

		snprintf(e->name, sizeof(e->name), "%s", t->events->name[k]);
		snprintf(e->note, sizeof(e->note), "%s", cmb_event_note(e->name));
		e->supported = 1;
		e->group = t->m[0].pmu.group[k];
		enabled = running = 0;
		for (i = 0; i < t->n; i++) {
			const struct cmb_pmu *pm = &t->m[i].pmu;

			if (pm->fd[k] < 0) {
				e->supported = 0;
				snprintf(e->why, sizeof(e->why), "CPU %d: %s", t->m[i].cpu,
					 pm->why[k]);
				break;
			}
			e->count += pm->count[k];
			enabled += pm->enabled[k];
			running += pm->running[k];
			add_name(e->pmu, sizeof(e->pmu), pm->pmu[k]);
			if (!i && pm->why[k][0]) {	/* counted, with a caveat */
				size_t at = strlen(e->note);

				snprintf(e->note + at, sizeof(e->note) - at, "%s%s",
					 at ? "; " : "", pm->why[k]);
			}
			if (pm->wait_event == (int)k) {
				e->has_wait = 1;
				e->wait_ns += pm->lw.wait_ns;
				e->waits += pm->lw.waits;
				e->unpaired += pm->lw.unpaired;
				e->lost += pm->lw.lost;
			}
		}
		e->running = enabled ? (double)running / (double)enabled : NAN;
	}
}
