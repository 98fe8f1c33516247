// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <perfmon/pfmlib_perf_event.h>

#include "util/options.h"
#include "run/pmu.h"

#define SYSFS_PMUS	"/sys/bus/event_source/devices"

/*
 * The default set: cycles and instructions, and the cache traffic that
 * maintenance by VA causes. All are ARM common events, so one list serves
 * every core; each CPU drops those its PMU does not implement (reported,
 * with why), which makes the set per core type.
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

int cmb_cpu_pmu(const char *root, int cpu, char *name, size_t len, uint32_t *type)
{
	char path[512], buf[256];
	struct dirent *de;
	int cpus[1024], n, i, found = 0;
	DIR *d = opendir(root);
	FILE *f;

	while (d && !found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/cpus", root, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		n = fgets(buf, sizeof(buf), f) ?
		    cmb_parse_cpus(strtok(buf, "\n"), cpus, 1024) : -1;
		fclose(f);
		for (i = 0; i < n && !found; i++)
			found = cpus[i] == cpu;
		if (!found)
			continue;
		snprintf(path, sizeof(path), "%s/%s/type", root, de->d_name);
		f = fopen(path, "r");
		found = f && fscanf(f, "%u", type) == 1;
		if (f)
			fclose(f);
		snprintf(name, len, "%s", de->d_name);
	}
	if (d)
		closedir(d);
	return found ? 0 : -1;
}

/* "cortex_a53" from "arm_cortex_a53" (libpfm4) or "armv8_cortex_a53" (perf). */
static const char *core_of(const char *pmu)
{
	const char *u = strchr(pmu, '_');

	return u ? u + 1 : pmu;
}

/* 1 if dev's sysfs events list config, 0 if not, -1 if it lists none. */
static int sysfs_has_event(const char *root, const char *dev, uint64_t config)
{
	char path[512], buf[64];
	struct dirent *de;
	unsigned long long v;
	int listed = -1;
	DIR *d;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/events", root, dev);
	d = opendir(path);
	while (d && listed != 1 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/events/%s", root, dev, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && sscanf(buf, "event=%llx", &v) == 1)
			listed = v == config ? 1 : 0;
		fclose(f);
	}
	if (d)
		closedir(d);
	return listed;
}

int cmb_event_fits(const char *root, const char *lib, const char *dev, uint64_t config,
		   char *why, size_t len)
{
	int common = config < 0x40, generic = !strncmp(core_of(dev), "pmuv3", 5);

	if (common && !sysfs_has_event(root, dev, config)) {
		snprintf(why, len, "%s does not implement it (not in its sysfs events, "
			 "which follow PMCEID)", dev);
		return 0;
	}
	if (common || generic || !strcmp(core_of(lib), core_of(dev)))
		return 1;
	snprintf(why, len, "libpfm4 encoded it for %s, this CPU's PMU is %s: only "
		 "common events carry over", lib, dev);
	return 0;
}

int cmb_sysfs_event(const char *root, const char *dev, const char *name, uint64_t *config)
{
	char path[512], lower[64], buf[64];
	unsigned long long v;
	size_t i;
	FILE *f;
	int ok;

	for (i = 0; name[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	if (strchr(lower, '/') || !i)
		return -1;
	snprintf(path, sizeof(path), "%s/%s/events/%s", root, dev, lower);
	f = fopen(path, "r");
	if (!f)
		return -1;
	/* "event=0x0011"; an encoding with more fields is not a plain number. */
	ok = fgets(buf, sizeof(buf), f) && sscanf(buf, "event=%llx", &v) == 1 &&
	     !strchr(buf, ',');
	fclose(f);
	if (ok)
		*config = v;
	return ok ? 0 : -1;
}

/* libpfm4's encoding of name for kernel mode; 0, or -1 with why. */
static int encode(const char *name, struct perf_event_attr *attr, char *lib, size_t liblen,
		  char *why, size_t len)
{
	pfm_perf_encode_arg_t arg;
	pfm_event_info_t ei;
	pfm_pmu_info_t pi;
	int ret;

	if (pfm_ready()) {
		snprintf(why, len, "libpfm4 could not initialise");
		return -1;
	}
	memset(&arg, 0, sizeof(arg));
	arg.attr = attr;
	arg.size = sizeof(arg);
	/* PFM_PLM0: kernel mode only, where the operation runs. */
	ret = pfm_get_os_event_encoding(name, PFM_PLM0, PFM_OS_PERF_EVENT, &arg);
	if (ret != PFM_SUCCESS) {
		snprintf(why, len, "libpfm4: %s", pfm_strerror(ret));
		return -1;
	}
	memset(&ei, 0, sizeof(ei));
	memset(&pi, 0, sizeof(pi));
	ei.size = sizeof(ei);
	pi.size = sizeof(pi);
	lib[0] = '\0';
	if (pfm_get_event_info(arg.idx, PFM_OS_NONE, &ei) == PFM_SUCCESS &&
	    pfm_get_pmu_info(ei.pmu, &pi) == PFM_SUCCESS)
		snprintf(lib, liblen, "%s", pi.name);
	return 0;
}

/*
 * Opened enabled, and disabled once every group is built: arm_pmu's
 * validate_group() does not count a leader that was opened disabled, so
 * a group opened that way can be admitted with one event more than the
 * PMU has counters and then never be scheduled at all.
 */
static int perf_open(struct perf_event_attr *attr, int group)
{
	attr->size = sizeof(*attr);
	attr->disabled = 0;
	attr->exclude_hv = 1;
	attr->read_format = PERF_FORMAT_GROUP | PERF_FORMAT_ID |
			    PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	return (int)syscall(__NR_perf_event_open, attr, 0, -1, group, 0);
}

static void open_error(char *why, size_t len)
{
	int e = errno;

	snprintf(why, len, "perf_event_open: %s%s", strerror(e),
		 e == EACCES || e == EPERM ? " (see /proc/sys/kernel/perf_event_paranoid)" :
		 e == ENOENT || e == EOPNOTSUPP ? " (this PMU cannot count it)" : "");
}

/*
 * Event i joins the first group of its PMU that takes it; the kernel
 * refuses a member (EINVAL, ENOSPC) when the group no longer fits the
 * PMU's counters, and then it leads a group of its own.
 */
static void place(struct cmb_pmu *p, unsigned int i, struct perf_event_attr *attr,
		  uint32_t *type_of_group)
{
	unsigned int g;
	int fd;

	for (g = 0; g < p->ngroups; g++) {
		if (type_of_group[g] != attr->type)
			continue;
		fd = perf_open(attr, p->lead[g]);
		if (fd >= 0) {
			p->fd[i] = fd;
			p->group[i] = (int)g;
			return;
		}
	}
	fd = perf_open(attr, -1);
	if (fd < 0) {
		open_error(p->why[i], sizeof(p->why[i]));
		return;
	}
	p->fd[i] = fd;
	p->group[i] = (int)p->ngroups;
	type_of_group[p->ngroups] = attr->type;
	p->lead[p->ngroups++] = fd;
}

static void count_tracepoint(struct cmb_pmu *p, unsigned int i, const char *name,
			     uint32_t *type_of_group)
{
	struct perf_event_attr attr;
	long tp = cmb_tracepoint_id(name, p->why[i], sizeof(p->why[i]));

	if (tp < 0)
		return;
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (uint64_t)tp;
	snprintf(p->pmu[i], sizeof(p->pmu[i]), "tracepoint");
	place(p, i, &attr, type_of_group);
}

/* The perf PMU of the CPU a thread is pinned to; dev "" when none says. */
struct cpu_pmu {
	char dev[32];
	uint32_t type;
};

static void open_event(struct cmb_pmu *p, unsigned int i, const char *name,
		       const struct cpu_pmu *own, uint32_t *type_of_group)
{
	struct perf_event_attr attr;
	char lib[32];

	memset(&attr, 0, sizeof(attr));
	if (!strcmp(name, "lock:contention_begin") && p->wait_event < 0) {
		/* Counted and sampled for wait time: a group of its own. */
		if (cmb_lockwait_open(&p->lw, p->why[i], sizeof(p->why[i]))) {
			char why[96];

			/* Still worth counting; the note says why there is no wait. */
			snprintf(why, sizeof(why), "%s", p->why[i]);
			p->why[i][0] = '\0';
			count_tracepoint(p, i, name, type_of_group);
			if (p->fd[i] >= 0)
				snprintf(p->why[i], sizeof(p->why[i]), "no wait time: %s", why);
			return;
		}
		p->wait_event = (int)i;
		p->fd[i] = p->lw.fd;
		p->group[i] = (int)p->ngroups;
		type_of_group[p->ngroups] = UINT32_MAX;	/* no type: nothing joins */
		p->lead[p->ngroups++] = p->lw.fd;
		snprintf(p->pmu[i], sizeof(p->pmu[i]), "tracepoint");
		return;
	}
	/* "sys:event" (one colon) is a tracepoint, counted like an event. */
	if (strchr(name, ':') && !strstr(name, "::")) {
		count_tracepoint(p, i, name, type_of_group);
		return;
	}
	if (encode(name, &attr, lib, sizeof(lib), p->why[i], sizeof(p->why[i]))) {
		uint64_t config;
		char why[96];

		/*
		 * A core libpfm4 does not know (4.13 has no Cortex-A72): the
		 * kernel's PMU driver still names the events it implements in
		 * sysfs, ARM common events among them. The note says so.
		 */
		if (!own->dev[0])
			return;
		if (cmb_sysfs_event(SYSFS_PMUS, own->dev, name, &config)) {
			size_t at = strlen(p->why[i]);

			snprintf(p->why[i] + at, sizeof(p->why[i]) - at,
				 ", nor in %s's sysfs events", own->dev);
			return;
		}
		snprintf(why, sizeof(why), "%s", p->why[i]);
		memset(&attr, 0, sizeof(attr));
		attr.type = own->type;
		attr.config = config;
		attr.exclude_user = 1;
		snprintf(p->pmu[i], sizeof(p->pmu[i]), "%s", own->dev);
		snprintf(p->why[i], sizeof(p->why[i]), "encoded from %s's sysfs events (%s)",
			 own->dev, why);
		place(p, i, &attr, type_of_group);
		return;
	}
	snprintf(p->pmu[i], sizeof(p->pmu[i]), "%s", lib);
	/*
	 * PERF_TYPE_RAW goes to whichever CPU PMU the kernel tries first; on
	 * a big.LITTLE system that may be the other cluster's, which never
	 * counts on this CPU. Name this CPU's own PMU instead.
	 */
	if (attr.type == PERF_TYPE_RAW && own->dev[0]) {
		if (!cmb_event_fits(SYSFS_PMUS, lib, own->dev, attr.config, p->why[i],
				    sizeof(p->why[i])))
			return;
		attr.type = own->type;
		snprintf(p->pmu[i], sizeof(p->pmu[i]), "%s", own->dev);
	}
	place(p, i, &attr, type_of_group);
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

void cmb_pmu_open(struct cmb_pmu *p, const struct cmb_event_spec *spec, int cpu)
{
	uint32_t type_of_group[CMB_MAX_EVENTS];
	struct cpu_pmu own = { "", 0 };
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->n = spec->n;
	p->wait_event = -1;
	p->lw.fd = p->lw.end_fd = -1;
	for (i = 0; i < p->n; i++) {
		p->fd[i] = -1;
		p->group[i] = -1;
	}
	if (!p->n || cpu < 0 ||
	    cmb_cpu_pmu(SYSFS_PMUS, cpu, own.dev, sizeof(own.dev), &own.type))
		own.dev[0] = '\0';
	for (i = 0; i < p->n; i++) {
		open_event(p, i, spec->name[i], &own, type_of_group);
		if (p->fd[i] >= 0 && ioctl(p->fd[i], PERF_EVENT_IOC_ID, &p->id[i])) {
			open_error(p->why[i], sizeof(p->why[i]));
			/* Left open while it may lead a group; cmb_pmu_close() closes it. */
			p->stale[p->nstale++] = p->fd[i];
			p->fd[i] = -1;
		}
	}
	for (i = 0; i < p->ngroups; i++)
		ioctl(p->lead[i], PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
}

void cmb_pmu_start(struct cmb_pmu *p)
{
	unsigned int g;

	for (g = 0; g < p->ngroups; g++) {
		ioctl(p->lead[g], PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
		ioctl(p->lead[g], PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
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
	/* nr, time_enabled, time_running, then { value, id } per member */
	uint64_t v[3 + 2 * (CMB_MAX_EVENTS + 1)];
	unsigned int g, k, i;
	ssize_t got;

	for (g = 0; g < p->ngroups; g++)
		ioctl(p->lead[g], PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	for (g = 0; g < p->ngroups; g++) {
		got = read(p->lead[g], v, sizeof(v));
		if (got < 24 || v[0] > CMB_MAX_EVENTS + 1 ||
		    (size_t)got < (3 + 2 * v[0]) * sizeof(v[0]))
			continue;
		for (k = 0; k < v[0]; k++) {
			for (i = 0; i < p->n; i++) {
				if (p->fd[i] < 0 || p->id[i] != v[4 + 2 * k])
					continue;
				p->count[i] += cmb_pmu_scale(v[3 + 2 * k], v[1], v[2]);
				p->enabled[i] += v[1];
				p->running[i] += v[2];
			}
		}
	}
	cmb_lockwait_drain(&p->lw);
}

void cmb_pmu_reset(struct cmb_pmu *p)
{
	unsigned int i;

	for (i = 0; i < p->n; i++) {
		p->count[i] = 0;
		p->enabled[i] = p->running[i] = 0;
	}
	p->lw.wait_ns = p->lw.waits = p->lw.unpaired = p->lw.lost = 0;
}

void cmb_pmu_close(struct cmb_pmu *p)
{
	unsigned int i;

	cmb_lockwait_close(&p->lw);
	for (i = 0; i < p->n; i++)
		if (p->fd[i] >= 0 && (int)i != p->wait_event)
			close(p->fd[i]);
	for (i = 0; i < p->nstale; i++)
		close(p->stale[i]);
	p->n = 0;
	p->ngroups = 0;
	p->nstale = 0;
}
