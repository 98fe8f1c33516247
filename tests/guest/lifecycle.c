// SPDX-License-Identifier: GPL-2.0
/*
 * Runs in the emulated guest with the module loaded: what happens around
 * a run rather than in it. Two processes running at once; the device
 * closed by one thread while another is in a run; rmmod while a run is in
 * flight (refused: the open file holds the module); kmap_high_get runs
 * that together would hold too much of the pkmap area (-EBUSY); load
 * threads that cannot start because real-time tasks hold their CPUs
 * (-ETIMEDOUT). Prints one "ok"/"not ok" line per case, "# SKIP why"
 * where this kernel or guest cannot run one; exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmbench.h"
#include "cases.h"

static int supported(int fd, uint32_t op)
{
	struct cmbench_op_info oi;

	memset(&oi, 0, sizeof(oi));
	oi.op = op;
	return ioctl(fd, CMBENCH_IOC_OP_INFO, &oi) == 0 && (oi.flags & CMBENCH_OPF_SUPPORTED);
}

/* Runs in a child: op with its parameters, exit 0 when it ran whole. */
static int run_exit(struct cmbench_run r)
{
	int fd = open(CMBENCH_DEVICE, O_RDWR);

	if (fd < 0 || ioctl(fd, CMBENCH_IOC_RUN, &r))
		return 1;
	return r.out.count == r.in.iters && !(r.out.flags & CMBENCH_OUTF_INTERRUPTED) ? 0 : 2;
}

static void two_processes(void)
{
	struct cmbench_run a = valid_null(), b = valid_null();
	pid_t pa, pb;
	int sa, sb;
	char detail[64];

	a.in.op = CMBENCH_OP_FLUSH;
	a.in.size = 4096;
	a.in.iters = 3000;
	b.in.op = CMBENCH_OP_VM_MAP_RAM;
	b.in.pages = 4;
	b.in.iters = 3000;
	pa = fork();
	if (pa == 0)
		_exit(run_exit(a));
	pb = fork();
	if (pb == 0)
		_exit(run_exit(b));
	sa = child_status(pa);
	sb = child_status(pb);
	snprintf(detail, sizeof(detail), "flush exit %d, vm_map_ram exit %d", sa, sb);
	check(!sa && !sb, "two processes run flush and vm_map_ram at once, each whole", detail);
}

struct long_run {
	int fd, ret, err;
	struct cmbench_run r;
};

static void *long_run_thread(void *arg)
{
	struct long_run *lr = arg;

	lr->ret = ioctl(lr->fd, CMBENCH_IOC_RUN, &lr->r);
	lr->err = errno;
	return NULL;
}

/*
 * One thread in a long run; another closes the device and tries to unload
 * the module. The ioctl holds the file, the file holds the module: the
 * close returns at once, the unload is refused, and the run goes on until
 * a signal ends it, its answer written back.
 */
static void close_and_rmmod_mid_run(void)
{
	struct long_run lr = { .r = valid_null() };
	pthread_t t;
	char detail[128];
	int closed, unload, uerr;

	lr.fd = open(CMBENCH_DEVICE, O_RDWR);
	lr.r.in.iters = CMBENCH_MAX_ITERS;
	if (lr.fd < 0 || pthread_create(&t, NULL, long_run_thread, &lr)) {
		check(0, "close and rmmod mid-run", "setup failed");
		return;
	}
	usleep(300000);
	closed = close(lr.fd);
	unload = syscall(SYS_delete_module, "cmbench", O_NONBLOCK);
	uerr = errno;
	usleep(100000);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	snprintf(detail, sizeof(detail), "close %d; delete_module %d (%s); run %d (%s) count %llu flags %#x",
		 closed, unload, unload ? strerror(uerr) : "-", lr.ret,
		 lr.ret ? strerror(lr.err) : "-", (unsigned long long)lr.r.out.count,
		 lr.r.out.flags);
	check(closed == 0, "close() of the device while a run is in flight returns 0", detail);
	check(unload == -1 && (uerr == EWOULDBLOCK || uerr == EBUSY),
	      "rmmod while a run is in flight is refused", detail);
	check(lr.ret == 0 && (lr.r.out.flags & CMBENCH_OUTF_INTERRUPTED) &&
	      lr.r.out.count > 0 && lr.r.out.count < CMBENCH_MAX_ITERS,
	      "the run whose device was closed ends on a signal, answer written back", detail);
}

/*
 * The largest pool one kmap_high_get run may hold (half of LAST_PKMAP,
 * which user space does not see): the largest power of two accepted.
 */
static unsigned int high_get_half(int fd)
{
	struct cmbench_run r;
	unsigned int n;

	for (n = CMBENCH_MAX_PAGES; n >= 1; n /= 2) {
		r = valid_null();
		r.in.op = CMBENCH_OP_KMAP_HIGH_GET;
		r.in.pages = n;
		r.in.iters = 1;
		if (!ioctl(fd, CMBENCH_IOC_RUN, &r))
			return n;
	}
	return 0;
}

/*
 * A child holds half of the pkmap area in a long kmap_high_get run; a
 * second run of even one page must then get -EBUSY, and succeed again
 * once the child is gone.
 */
static void high_get_budget(int fd)
{
	const char *what = "kmap_high_get: runs at once hold at most half of pkmap (EBUSY)";
	struct cmbench_run r;
	unsigned int half;
	int busy = 0, err = 0, tries, st;
	char detail[128];
	pid_t pid;

	if (!supported(fd, CMBENCH_OP_KMAP_HIGH_GET)) {
		skip(what, "kmap_high_get is not supported by this kernel (cmbench list says why)");
		return;
	}
	half = high_get_half(fd);
	pid = fork();
	if (pid == 0) {
		r = valid_null();
		r.in.op = CMBENCH_OP_KMAP_HIGH_GET;
		r.in.pages = half;
		r.in.iters = CMBENCH_MAX_ITERS;
		alarm(30);	/* ended by the parent's SIGUSR1 long before */
		_exit(run_exit(r) == 2 ? 0 : 1);
	}
	/* Until the child's pool is held: its run starts after its prepare. */
	for (tries = 0; tries < 100 && !busy; tries++) {
		usleep(50000);
		r = valid_null();
		r.in.op = CMBENCH_OP_KMAP_HIGH_GET;
		r.in.pages = 1;
		r.in.iters = 1;
		if (ioctl(fd, CMBENCH_IOC_RUN, &r))
			err = errno;
		busy = err == EBUSY;
	}
	kill(pid, SIGUSR1);
	st = child_status(pid);
	r = valid_null();
	r.in.op = CMBENCH_OP_KMAP_HIGH_GET;
	r.in.pages = half;
	r.in.iters = 1;
	snprintf(detail, sizeof(detail), "pool %u pages: 1 more gave %s after %d tries; child exit %d",
		 half, err ? strerror(err) : "success", tries, st);
	check(half > 0 && busy && st == 0, what, detail);
	check(!ioctl(fd, CMBENCH_IOC_RUN, &r),
	      "kmap_high_get: the whole half again once the other run has ended", detail);
}

/*
 * Spin on @cpu as SCHED_FIFO for @seconds at most (the parent kills it
 * sooner): nothing else of lower class runs there. Says so on @ready
 * once it spins there.
 */
static void rt_hog(int cpu, int seconds, int ready)
{
	struct sched_param sp = { .sched_priority = 50 };
	cpu_set_t set;
	time_t end;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || sched_setscheduler(0, SCHED_FIFO, &sp))
		_exit(1);
	end = time(NULL) + seconds;
	if (write(ready, "r", 1) != 1)
		_exit(1);
	while (time(NULL) < end)
		;
	_exit(0);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* The module's reference count, -1 when unreadable. */
static long module_refcnt(void)
{
	FILE *f = fopen("/sys/module/cmbench/refcnt", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/*
 * iopt_hammer's load threads are bound to the other CPUs. With real-time
 * throttling off and a SCHED_FIFO task spinning on each of them, they
 * cannot start: the run must give up with -ETIMEDOUT (after 2 s) rather
 * than time an unloaded system, and work again once the CPUs are free.
 */
static void workers_timeout(int fd)
{
	const char *what = "iopt_hammer: load threads that cannot start give ETIMEDOUT";
	const char *rt = "/proc/sys/kernel/sched_rt_runtime_us";
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t hog[16];
	struct cmbench_run r;
	char detail[96], c;
	cpu_set_t set;
	int i, ret, err, fmt, n = 0, up = 0, pipefd[2], waited;
	long refs, refs_during, refs_after;

	if (cpus < 2 || cpus > 16) {
		skip(what, "needs 2 to 16 CPUs");
		return;
	}
	if (!supported(fd, CMBENCH_OP_IOPT_HAMMER)) {
		skip(what, "iopt_hammer is not supported by this kernel (cmbench list says why)");
		return;
	}
	/* The first io-pgtable format this kernel has. */
	for (fmt = 0; fmt < CMBENCH_IOPT_MAX; fmt++) {
		r = valid_null();
		r.in.op = CMBENCH_OP_IOPT_HAMMER;
		r.in.fmt = fmt;
		r.in.pgsize = 4096;
		r.in.pages = 1;
		r.in.iters = 1;
		if (!ioctl(fd, CMBENCH_IOC_RUN, &r))
			break;
	}
	if (fmt == CMBENCH_IOPT_MAX) {
		check(0, what, "no io-pgtable format runs iopt_hammer");
		return;
	}
	refs = module_refcnt();
	if (write_file(rt, "-1")) {
		skip(what, "cannot turn real-time throttling off (sched_rt_runtime_us)");
		return;
	}
	if (pipe(pipefd)) {
		check(0, what, "pipe failed");
		return;
	}
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (i = 1; i < cpus; i++) {
		hog[n] = fork();
		if (hog[n] == 0)
			rt_hog(i, 60, pipefd[1]);
		n++;
	}
	close(pipefd[1]);
	/*
	 * Every hog spinning before the run starts: on a slow guest (a debug
	 * kernel on a busy host) a fixed pause was not always enough.
	 */
	while (up < n && read(pipefd[0], &c, 1) == 1)
		up++;
	close(pipefd[0]);
	ret = up == n ? ioctl(fd, CMBENCH_IOC_RUN, &r) : 0;
	err = errno;
	refs_during = module_refcnt();
	/*
	 * The hogs spin until the run has answered, however slowly the guest
	 * got there: a fixed 8 s once ran out on a starved armhf guest, and
	 * the load threads then started.
	 */
	for (i = 0; i < n; i++) {
		kill(hog[i], SIGKILL);
		child_status(hog[i]);
	}
	write_file(rt, "950000");
	snprintf(detail, sizeof(detail), "%d of %d hogs up; returned %d, errno %s", up, n, ret,
		 ret ? strerror(err) : "-");
	check(up == n && ret == -1 && err == ETIMEDOUT, what, detail);
	snprintf(detail, sizeof(detail), "refcnt %ld before, %ld with the hogs spinning", refs,
		 refs_during);
	check(refs >= 0 && refs_during == refs + n,
	      "ETIMEDOUT answered with the threads still waiting, a module reference each", detail);
	/*
	 * The load threads it gave up on never ran; each holds its reference
	 * until it gets its CPU, frees itself and leaves.
	 */
	for (waited = 0; (refs_after = module_refcnt()) != refs && waited < 100; waited++)
		usleep(100000);
	snprintf(detail, sizeof(detail), "refcnt %ld before, %ld after %d.%d s", refs, refs_after,
		 waited / 10, waited % 10);
	check(refs >= 0 && refs_after == refs,
	      "the load threads given up on leave once their CPUs are free", detail);
	ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
	snprintf(detail, sizeof(detail), "returned %d, errno %s", ret, ret ? strerror(errno) : "-");
	check(ret == 0 && r.out.count == 1, "iopt_hammer runs again once the CPUs are free", detail);
}

int main(void)
{
	int fd = cases_open("lifecycle");

	if (fd < 0)
		return 1;
	two_processes();
	close_and_rmmod_mid_run();
	high_get_budget(fd);
	workers_timeout(fd);
	close(fd);
	return cases_done("lifecycle");
}
