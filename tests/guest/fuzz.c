// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench-fuzz: runs in the emulated guest with the module loaded and
 * throws ioctls at /dev/cmbench from several processes at once: INFO,
 * OP_INFO, RUN and unknown commands, well-formed and with one field set to
 * an edge value, through good, read-only, half-mapped and wild pointers,
 * with timers that interrupt runs, while the parent SIGKILLs children in
 * the middle of their runs and times how long the kernel takes to let
 * them go.
 *
 * Every answer is checked against uapi/cmbench.h: the errno is one the
 * header documents for that ioctl, and one it predicts where the request
 * says which (nonzero reserved: EINVAL; unknown command: ENOTTY; a struct
 * the kernel cannot read or write: EFAULT). A run that returns 0 must
 * hold together: count <= iters, count == iters / batch unless
 * interrupted, the histogram sums to count and lies between min and max,
 * sum between count * min and count * max, wall = timed + untimed. At the
 * end the device must still run a null and a flush run correctly.
 *
 * usage: cmbench-fuzz [--seconds N] [--procs N] [--seed N] [--kill-ms N]
 * Prints "fuzz: key=value ..." figures and one "ANOMALY: ..." line per
 * anomaly (the first 20); exits 1 on any anomaly, 2 on a setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmbench_hist.h"
#include "fuzz.h"

struct figures *fig;
struct cmbench_op_info ops[CMBENCH_OP_MAX];
long n_cpus;
uint64_t rng;
static int me;			/* this child's slot in fig->doing */
unsigned char *area;
size_t page;
uint64_t *hist, *hist_ro, *hist_half;

static void on_alarm(int sig)
{
	(void)sig;
}

/*
 * A timer that interrupts the next run: mostly within 300 ms, else within
 * 3 s, so that every run ends, some by themselves and some cut short.
 */
static void arm_timer(int on)
{
	struct itimerval t;
	uint64_t us = chance(70) ? 1000 + rnd() % 300000 : 1000 + rnd() % 3000000;

	memset(&t, 0, sizeof(t));
	if (on) {
		t.it_value.tv_sec = us / 1000000;
		t.it_value.tv_usec = us % 1000000;
	}
	setitimer(ITIMER_REAL, &t, NULL);
}

/*
 * One ioctl, its answer counted and checked. cmd 0 stands for "some
 * unknown command", sent as ucmd. want: the errno the request predicts,
 * or 0 for "any the header allows", or -1 for "must succeed".
 */
static int call(int fd, unsigned long cmd, unsigned long ucmd, void *arg, int want,
		const char *what)
{
	int ret = ioctl(fd, cmd ? cmd : ucmd, arg);
	int e = errno;

	ADD(ioctls, 1);
	if (!ret) {
		ADD(ok, 1);
		if (cmd == 0 || want > 0)
			anomaly("%s: succeeded, want %s", what, cmd ? strerror(want) : "ENOTTY");
		return 0;
	}
	ADD(err[e < ERRNO_SLOTS ? e : 0], 1);
	if (!errno_allowed(cmd, e))
		anomaly("%s (cmd %#lx): errno %d (%s), not documented", what,
			cmd ? cmd : ucmd, e, strerror(e));
	else if (want > 0 && e != want)
		anomaly("%s: errno %s, want %s", what, strerror(e), strerror(want));
	else if (want < 0)
		anomaly("%s: errno %s, want success", what, strerror(e));
	return -1;
}

static void fuzz_run(int fd)
{
	struct cmbench_run r;
	int want = 0, hist_bad = 0, ret, k = rnd() % 100;
	const char *name;

	well_formed(&r.in, rnd() % CMBENCH_OP_MAX);
	memset(&r.out, 0xa5, sizeof(r.out));	/* the kernel must clear it */
	if (k < 30) {
		want = mutate(&r.in);
	} else if (k < 35) {
		/* A valid null run in a read-only page: it runs, then EFAULT. */
		call(fd, CMBENCH_IOC_RUN, 0, area + 3 * page, EFAULT, "RUN in a read-only page");
		return;
	} else if (k < 45) {
		/* A histogram the kernel cannot write: no run, EFAULT, unless an op check fails first. */
		r.in.hist_ptr = (uintptr_t)(chance(50) ? hist_ro : hist_half);
		hist_bad = 1;
	}
	name = r.in.op < CMBENCH_OP_MAX ? ops[r.in.op].name : "unknown op";
	snprintf(fig->doing[me], sizeof(fig->doing[me]),
		 "%s iters %llu size %llu pages %u pgsize %llu fmt %u batch %u", name,
		 (unsigned long long)r.in.iters, (unsigned long long)r.in.size, r.in.pages,
		 (unsigned long long)r.in.pgsize, r.in.fmt, r.in.batch);
	arm_timer(1);
	ret = call(fd, CMBENCH_IOC_RUN, 0, &r, want, name);
	arm_timer(0);
	if (ret) {
		if (hist_bad && errno != EFAULT && errno != EINVAL && errno != EOPNOTSUPP)
			anomaly("RUN %s, unwritable histogram: errno %s", name, strerror(errno));
		return;
	}
	if (hist_bad)
		anomaly("RUN %s: succeeded with an unwritable histogram", name);
	else if (!(ops[r.in.op].flags & CMBENCH_OPF_SUPPORTED))
		anomaly("RUN %s: succeeded on an unsupported op", name);
	else
		check_run(&r, hist);
}

/* INFO and OP_INFO, through good and bad pointers; and unknown commands. */
static void fuzz_info(int fd)
{
	struct cmbench_info info;
	struct cmbench_op_info oi;
	int k = rnd() % 10;

	if (k == 0) {
		static const size_t size[] = {
			sizeof(struct cmbench_info), sizeof(struct cmbench_op_info),
			sizeof(struct cmbench_run),
		};
		static const char *const bad_name[] = {
			"NULL", "address 1", "unmapped page", "half-mapped struct",
			"read-only page", "address ~0",
		};
		static const char *const cmd_name[] = { "INFO", "OP_INFO", "RUN" };
		unsigned long cmds[] = { CMBENCH_IOC_INFO, CMBENCH_IOC_OP_INFO, CMBENCH_IOC_RUN };
		unsigned int b = rnd() % 6, c = rnd() % 3;
		/* The half-mapped struct starts in a page and ends in the next, unmapped. */
		void *bad[] = { NULL, (void *)1, area + 2 * page,
				area + 2 * page - size[c] / 2, area + 3 * page, (void *)~0UL };
		char what[64];

		snprintf(what, sizeof(what), "%s, %s", cmd_name[c], bad_name[b]);
		call(fd, cmds[c], 0, bad[b], EFAULT, what);
	} else if (k == 1) {
		/*
		 * cmbench's magic with other numbers, sizes or directions, and
		 * magics nobody uses; not the VFS's own (FIOCLEX, FIFREEZE...),
		 * which it answers before the driver sees them.
		 */
		static const unsigned int magic[] = { CMBENCH_IOC_MAGIC, 0xCA, 0xCC, 0xF0 };
		unsigned long c = _IOC(rnd() % 4, magic[rnd() % 4], rnd() % 256, rnd() % 1024);

		if (c != CMBENCH_IOC_INFO && c != CMBENCH_IOC_OP_INFO && c != CMBENCH_IOC_RUN)
			call(fd, 0, c, area, ENOTTY, "unknown command");
	} else if (k < 5) {
		memset(&info, 0, sizeof(info));
		if (chance(30))
			info.reserved[rnd() % 6] = edge64() | 1;
		if (!call(fd, CMBENCH_IOC_INFO, 0, &info, info.reserved[0] | info.reserved[1] |
			  info.reserved[2] | info.reserved[3] | info.reserved[4] |
			  info.reserved[5] ? EINVAL : -1, "INFO") &&
		    (info.abi_version != CMBENCH_ABI_VERSION || info.n_ops != CMBENCH_OP_MAX ||
		     info.hist_buckets != CMBENCH_HIST_BUCKETS))
			anomaly("INFO: abi %u ops %u buckets %llu", info.abi_version, info.n_ops,
				(unsigned long long)info.hist_buckets);
	} else {
		memset(&oi, 0xa5, sizeof(oi));
		memset(oi.reserved, 0, sizeof(oi.reserved));
		oi.op = chance(80) ? rnd() % CMBENCH_OP_MAX : edge32();
		if (chance(10))
			oi.reserved[rnd() % 4] = 1;
		if (!call(fd, CMBENCH_IOC_OP_INFO, 0, &oi,
			  (oi.op >= CMBENCH_OP_MAX || oi.reserved[0] | oi.reserved[1] |
			   oi.reserved[2] | oi.reserved[3]) ? EINVAL : -1, "OP_INFO") &&
		    (memchr(oi.name, 0, sizeof(oi.name)) == NULL ||
		     strcmp(oi.name, ops[oi.op].name) || oi.flags != ops[oi.op].flags))
			anomaly("OP_INFO %u: answer changed between calls", oi.op);
	}
}

static void child(int index, uint64_t seed, time_t end)
{
	struct sigaction sa;
	int fd = open(CMBENCH_DEVICE, O_RDWR);

	if (fd < 0) {
		anomaly("child %d: open: %s", index, strerror(errno));
		_exit(1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the run sees the signal */
	sigaction(SIGALRM, &sa, NULL);
	rng = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)index + 1;
	me = index;
	while (time(NULL) < end) {
		if (chance(60))
			fuzz_run(fd);
		else
			fuzz_info(fd);
	}
	close(fd);
	_exit(0);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* SIGKILL child i and wait for the kernel to let it go; how long it took. */
static void kill_and_reap(pid_t pid, int i)
{
	double t0 = now_us(), us;
	int status;

	kill(pid, SIGKILL);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_us() - t0 > REAP_HANG_S * 1e6) {
			anomaly("child %d not reaped %d s after SIGKILL", (int)pid, REAP_HANG_S);
			return;
		}
		usleep(200);
	}
	us = now_us() - t0;
	ADD(kills, 1);
	if (us > fig->reap_worst_us) {
		fig->reap_worst_us = (uint64_t)us;
		memcpy(fig->worst_reap, fig->doing[i], sizeof(fig->worst_reap));
	}
}

static int setup(void)
{
	int fd = open(CMBENCH_DEVICE, O_RDWR);
	uint32_t i;

	if (fd < 0) {
		perror("cmbench-fuzz: " CMBENCH_DEVICE);
		return -1;
	}
	for (i = 0; i < CMBENCH_OP_MAX; i++) {
		memset(&ops[i], 0, sizeof(ops[i]));
		ops[i].op = i;
		if (ioctl(fd, CMBENCH_IOC_OP_INFO, &ops[i])) {
			perror("cmbench-fuzz: OP_INFO");
			close(fd);
			return -1;
		}
	}
	close(fd);
	page = sysconf(_SC_PAGESIZE);
	n_cpus = sysconf(_SC_NPROCESSORS_CONF);
	fig = mmap(NULL, sizeof(*fig), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	area = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* Histograms: good; read-only; running into an unmapped page. */
	hist = mmap(NULL, CMBENCH_HIST_BUCKETS * 8, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hist_ro = mmap(NULL, CMBENCH_HIST_BUCKETS * 8, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (fig == MAP_FAILED || area == MAP_FAILED || hist == MAP_FAILED || hist_ro == MAP_FAILED)
		return -1;
	hist_half = (uint64_t *)(area + 2 * page) - CMBENCH_HIST_BUCKETS / 2;
	if ((unsigned char *)hist_half < area)
		hist_half = (uint64_t *)area;	/* large pages: still crosses */
	memset(fig, 0, sizeof(*fig));
	/* The read-only page holds a valid null run: only the write-back fails. */
	{
		struct cmbench_run *r = (struct cmbench_run *)(area + 3 * page);

		r->in.op = CMBENCH_OP_NULL;
		r->in.iters = 4;
		r->in.hist_ptr = (uintptr_t)hist;
		r->in.hist_len = CMBENCH_HIST_BUCKETS;
	}
	if (mprotect(area + 2 * page, page, PROT_NONE) ||
	    mprotect(area + 3 * page, page, PROT_READ))
		return -1;
	return 0;
}

/* After the campaign: the device still answers, and right. */
static int still_works(void)
{
	int fd = open(CMBENCH_DEVICE, O_RDWR), good = 1;
	struct cmbench_run r;
	uint32_t ops_try[] = { CMBENCH_OP_NULL, CMBENCH_OP_FLUSH }, i;
	uint64_t before = fig->anomalies;

	if (fd < 0)
		return 0;
	for (i = 0; i < 2; i++) {
		memset(&r, 0, sizeof(r));
		r.in.op = ops_try[i];
		r.in.iters = 100;
		r.in.size = ops_try[i] == CMBENCH_OP_FLUSH ? 4096 : 0;
		r.in.hist_ptr = (uintptr_t)hist;
		r.in.hist_len = CMBENCH_HIST_BUCKETS;
		if (ioctl(fd, CMBENCH_IOC_RUN, &r) || r.out.count != 100)
			good = 0;
		else
			check_run(&r, hist);
	}
	close(fd);
	return good && fig->anomalies == before;
}

int main(int argc, char **argv)
{
	long seconds = 20, procs = 4, kill_ms = 400;
	uint64_t seed = (uint64_t)time(NULL);
	pid_t pid[MAX_PROCS];
	time_t end;
	int i, e, works, status;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seconds"))
			seconds = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--procs"))
			procs = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--kill-ms"))
			kill_ms = atol(argv[i + 1]);
		else
			break;
	}
	if (i != argc || seconds < 1 || procs < 1 || procs > MAX_PROCS || kill_ms < 10) {
		fprintf(stderr, "usage: cmbench-fuzz [--seconds N] [--procs 1..%d] [--seed N] [--kill-ms N>=10]\n",
			MAX_PROCS);
		return 2;
	}
	if (setup())
		return 2;
	printf("fuzz: seconds=%ld procs=%ld seed=%llu kill_ms=%ld\n", seconds, procs,
	       (unsigned long long)seed, kill_ms);
	fflush(stdout);

	end = time(NULL) + seconds;
	for (i = 0; i < procs; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			child(i, seed, end);
	}
	/* Kill a random child mid-run now and then; a new one takes its place. */
	rng = seed;
	while (time(NULL) < end) {
		usleep(kill_ms * 1000);
		if (time(NULL) >= end)
			break;
		i = rnd() % procs;
		kill_and_reap(pid[i], i);
		pid[i] = fork();
		if (pid[i] == 0)
			child(i, seed + fig->kills, end);
	}
	for (i = 0; i < procs; i++) {
		if (waitpid(pid[i], &status, 0) != pid[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			anomaly("child %d ended with status %#x", (int)pid[i], status);
	}

	works = still_works();
	if (!works)
		anomaly("device no longer runs null and flush correctly");
	printf("fuzz: ioctls=%llu ok=%llu interrupted=%llu killed=%llu worst_reap_ms=%.1f anomalies=%llu\n",
	       (unsigned long long)fig->ioctls, (unsigned long long)fig->ok,
	       (unsigned long long)fig->interrupted, (unsigned long long)fig->kills,
	       fig->reap_worst_us / 1e3, (unsigned long long)fig->anomalies);
	printf("fuzz: worst_reap_in: %s\n", fig->worst_reap);
	printf("fuzz: errno");
	for (e = 0; e < ERRNO_SLOTS; e++)
		if (fig->err[e])
			printf(" %s=%llu", e ? strerrorname_np(e) : "other",
			       (unsigned long long)fig->err[e]);
	printf("\nfuzz: runs_ok");
	for (e = 0; e < CMBENCH_OP_MAX; e++)
		printf(" %s=%llu", ops[e].name, (unsigned long long)fig->op_ok[e]);
	/* A figure, not a check: a slow target may not reach every op in a short run. */
	printf("\nfuzz: supported_but_never_ran:");
	for (e = 0; e < CMBENCH_OP_MAX; e++)
		if ((ops[e].flags & CMBENCH_OPF_SUPPORTED) && !fig->op_ok[e])
			printf(" %s", ops[e].name);
	printf("\nfuzz: device_works_after=%s\n", works ? "yes" : "no");
	for (e = 0; e < (int)fig->notes && e < MAX_NOTES; e++)
		printf("ANOMALY: %s\n", fig->note[e]);
	return fig->anomalies ? 1 : 0;
}
