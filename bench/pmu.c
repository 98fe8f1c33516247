// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <perfmon/pfmlib_perf_event.h>

#include "pmu.h"

/*
 * The default set: cycles and instructions, and the cache traffic that
 * maintenance by VA causes. Any the core cannot count are reported so.
 */
static const char *const arm_defaults[] = {
	"CPU_CYCLES", "INST_RETIRED", "L1D_CACHE_REFILL", "L1D_CACHE_WB",
	"L2D_CACHE_REFILL", "BUS_ACCESS", NULL,
};

static int pfm_ready(void)
{
	static int ret = -1, done;

	if (!done) {
		ret = pfm_initialize() == PFM_SUCCESS ? 0 : -1;
		done = 1;
	}
	return ret;
}

int cmb_events_parse(const char *s, struct cmb_event_spec *spec, char *err, size_t len)
{
	char buf[512], *tok, *save = NULL;
	int i;

	memset(spec, 0, sizeof(*spec));
	if (!s || !*s)
		return 0;
	if (!strcmp(s, "default")) {
		for (i = 0; arm_defaults[i]; i++)
			snprintf(spec->name[spec->n++], sizeof(spec->name[0]), "%s",
				 arm_defaults[i]);
		return 0;
	}
	if (strlen(s) >= sizeof(buf)) {
		snprintf(err, len, "--events: list too long");
		return -1;
	}
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (spec->n == CMB_MAX_EVENTS) {
			snprintf(err, len, "--events: more than %d events", CMB_MAX_EVENTS);
			return -1;
		}
		snprintf(spec->name[spec->n++], sizeof(spec->name[0]), "%s", tok);
	}
	return 0;
}

/* The tracefs id of tracepoint "sys:event", or -1. */
static long tracepoint_id(const char *name, char *why, size_t len)
{
	static const char *const roots[] = { "/sys/kernel/tracing",
					     "/sys/kernel/debug/tracing" };
	char path[256], sys[64], ev[128];
	unsigned int i;
	long id = -1;
	FILE *f;

	if (sscanf(name, "%63[^:]:%127s", sys, ev) != 2) {
		snprintf(why, len, "not a tracepoint name");
		return -1;
	}
	for (i = 0; i < 2 && id < 0; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/%s/id", roots[i], sys, ev);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%ld", &id) != 1)
			id = -1;
		fclose(f);
	}
	if (id < 0)
		snprintf(why, len, "no tracepoint %s in tracefs (not built, or tracefs "
			 "not mounted at /sys/kernel/tracing)", name);
	return id;
}

static int open_event(const char *name, char *why, size_t len)
{
	struct perf_event_attr attr;
	pfm_perf_encode_arg_t arg;
	int ret, fd;
	long tp;

	/* "sys:event" (one colon) is a tracepoint, counted like an event. */
	if (strchr(name, ':') && !strstr(name, "::")) {
		tp = tracepoint_id(name, why, len);
		if (tp < 0)
			return -1;
		memset(&attr, 0, sizeof(attr));
		attr.type = PERF_TYPE_TRACEPOINT;
		attr.config = (uint64_t)tp;
		goto open;
	}

	if (pfm_ready()) {
		snprintf(why, len, "libpfm4 could not initialise");
		return -1;
	}
	memset(&attr, 0, sizeof(attr));
	memset(&arg, 0, sizeof(arg));
	arg.attr = &attr;
	arg.size = sizeof(arg);
	/* PFM_PLM0: kernel mode only, where the operation runs. */
	ret = pfm_get_os_event_encoding(name, PFM_PLM0, PFM_OS_PERF_EVENT, &arg);
	if (ret != PFM_SUCCESS) {
		snprintf(why, len, "libpfm4: %s", pfm_strerror(ret));
		return -1;
	}
open:
	attr.size = sizeof(attr);
	attr.disabled = 1;
	attr.exclude_hv = 1;
	attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	fd = (int)syscall(__NR_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd < 0) {
		int e = errno;

		snprintf(why, len, "perf_event_open: %s%s", strerror(e),
			 e == EACCES || e == EPERM ? " (see /proc/sys/kernel/perf_event_paranoid)" :
			 e == ENOENT || e == EOPNOTSUPP ? " (this PMU cannot count it)" : "");
		return -1;
	}
	return fd;
}

const char *cmb_event_note(const char *name)
{
#ifdef __arm__
	/* arm's spinlocks are ticket locks: only the queued kinds fire it. */
	if (!strncmp(name, "lock:contention_", 16))
		return "32-bit arm spinlocks are ticket locks and never fire this: "
		       "mutex and rwsem contention only";
#else
	(void)name;
#endif
	return "";
}

void cmb_pmu_open(struct cmb_pmu *p, const struct cmb_event_spec *spec)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->n = spec->n;
	for (i = 0; i < p->n; i++)
		p->fd[i] = open_event(spec->name[i], p->why[i], sizeof(p->why[i]));
}

void cmb_pmu_start(struct cmb_pmu *p)
{
	unsigned int i;

	for (i = 0; i < p->n; i++) {
		if (p->fd[i] < 0)
			continue;
		ioctl(p->fd[i], PERF_EVENT_IOC_RESET, 0);
		ioctl(p->fd[i], PERF_EVENT_IOC_ENABLE, 0);
	}
}

double cmb_pmu_scale(uint64_t raw, uint64_t enabled, uint64_t running)
{
	if (!running)
		return 0;
	return (double)raw * ((double)enabled / (double)running);
}

void cmb_pmu_stop(struct cmb_pmu *p)
{
	uint64_t v[3];
	unsigned int i;

	for (i = 0; i < p->n; i++) {
		if (p->fd[i] < 0)
			continue;
		ioctl(p->fd[i], PERF_EVENT_IOC_DISABLE, 0);
		if (read(p->fd[i], v, sizeof(v)) != sizeof(v))
			continue;
		p->count[i] += cmb_pmu_scale(v[0], v[1], v[2]);
		p->enabled[i] += v[1];
		p->running[i] += v[2];
	}
}

void cmb_pmu_close(struct cmb_pmu *p)
{
	unsigned int i;

	for (i = 0; i < p->n; i++)
		if (p->fd[i] >= 0)
			close(p->fd[i]);
	p->n = 0;
}
