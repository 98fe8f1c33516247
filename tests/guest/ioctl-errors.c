// SPDX-License-Identifier: GPL-2.0
/*
 * Runs in the emulated guest with the module loaded: every invalid request
 * documented in uapi/cmbench.h must fail with its errno and leave the
 * module working; a few valid ones must succeed. Prints one "ok"/"not ok"
 * line per case and "N passed, N failed"; exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmbench.h"
#include "cases.h"

/*
 * The ioctl must fail with errno want. A module that wrongly accepts a
 * huge request would run for hours: a 5 s alarm ends it (the module stops
 * on a signal), so the case fails instead of hanging the suite.
 */
static void expect_err(int fd, unsigned long cmd, void *arg, int want, const char *what)
{
	char detail[96];
	int ret, e;

	alarm(5);
	ret = ioctl(fd, cmd, arg);
	e = errno;
	alarm(0);

	snprintf(detail, sizeof(detail), "returned %d, errno %s, want %s", ret,
		 ret ? strerror(e) : "-", strerror(want));
	check(ret == -1 && e == want, what, detail);
}

static struct cmbench_run valid_flush(void)
{
	struct cmbench_run r = valid_null();

	r.in.op = CMBENCH_OP_FLUSH;
	r.in.size = 4096;
	return r;
}

static int supported(int fd, uint32_t op)
{
	struct cmbench_op_info oi;

	memset(&oi, 0, sizeof(oi));
	oi.op = op;
	return ioctl(fd, CMBENCH_IOC_OP_INFO, &oi) == 0 &&
	       (oi.flags & CMBENCH_OPF_SUPPORTED);
}

static struct cmbench_run valid_op(uint32_t op)
{
	struct cmbench_run r = valid_null();

	r.in.op = op;
	return r;
}

/*
 * lpae-s1's 48-bit input space holds 4 or 5 x 1G, but a 32-bit kernel's
 * unsigned long IOVA and size_t range do not: 5 x 1G wrapped to 1G and
 * mapped it again (a WARN in io-pgtable-arm, then EEXIST), 4 x 1G to 0.
 * There they are EINVAL; on a 64-bit kernel they map and unmap cleanly.
 * iopt_hammer needs a range per CPU the kernel may have (nr_cpu_ids):
 * enough 1G pages on each that together they make 4G or more.
 */
static void run_iopt_wrap_cases(int fd)
{
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	uint64_t per_cpu = ncpu >= 4 ? 1 : ncpu > 0 ? (4 + ncpu - 1) / ncpu : 4;
	struct { uint32_t op; uint64_t pages; char what[64]; } c[] = {
		{ CMBENCH_OP_IOPT_MAP, 4, "RUN iopt_map lpae-s1 4 x 1G" },
		{ CMBENCH_OP_IOPT_MAP, 5, "RUN iopt_map lpae-s1 5 x 1G" },
		{ CMBENCH_OP_IOPT_HAMMER, per_cpu, "" },
	};
	struct cmbench_run r;
	char what[128], detail[96];
	unsigned int i;
	int ret;

	snprintf(c[2].what, sizeof(c[2].what), "RUN iopt_hammer lpae-s1 %llu x 1G on each of %ld CPUs",
		 (unsigned long long)per_cpu, ncpu);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (!supported(fd, c[i].op))
			continue;
		r = valid_op(c[i].op);
		r.in.fmt = CMBENCH_IOPT_LPAE_S1;
		r.in.pgsize = 1ULL << 30;
		r.in.pages = c[i].pages;
		r.in.iters = 2;
		if (sizeof(long) == 4) {
			snprintf(what, sizeof(what), "%s: beyond a 32-bit IOVA", c[i].what);
			expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, what);
			continue;
		}
		alarm(20);
		ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
		alarm(0);
		snprintf(what, sizeof(what), "%s: maps on a 64-bit kernel", c[i].what);
		snprintf(detail, sizeof(detail), "returned %d, errno %s", ret,
			 ret ? strerror(errno) : "-");
		check(ret == 0 && r.out.count == 2, what, detail);
	}
}

/* ABI 5: batches only where an op can take them, whole ones; known clocks. */
static void run_batch_cases(int fd)
{
	struct cmbench_run r;
	char detail[96];
	int ret;

	r = valid_null();
	r.in.batch = CMBENCH_MAX_BATCH + 1;
	r.in.iters = (uint64_t)r.in.batch * 2;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN null: batch above CMBENCH_MAX_BATCH");
	r = valid_null();
	r.in.batch = 3;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN null: batch not dividing iters");
	r = valid_op(CMBENCH_OP_VM_MAP_RAM);
	r.in.pages = 1;
	r.in.batch = 2;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN vm_map_ram: batch on an op that cannot");
	r = valid_flush();
	r.in.size = 1 << 20;
	r.in.batch = 128;
	r.in.iters = 128;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: batch copies above MAX_SIZE");
	r = valid_null();
	r.in.clock = CMBENCH_CLOCK_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: unknown clock");
	r = valid_null();
	r.in.pad = 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: nonzero pad after clock");

	/* A valid batch: 5 samples of 2 iterations, 10 timed in all. */
	r = valid_null();
	r.in.batch = 2;
	ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
	snprintf(detail, sizeof(detail), "ret %d count %llu wall %llu timed %llu untimed %llu", ret,
		 (unsigned long long)r.out.count, (unsigned long long)r.out.wall_ns,
		 (unsigned long long)r.out.timed_ns, (unsigned long long)r.out.untimed_ns);
	check(ret == 0 && r.out.count == 5 &&
	      r.out.wall_ns == r.out.timed_ns + r.out.untimed_ns && r.out.begin_ns > 0,
	      "RUN null: batch 2 gives 5 samples, wall = timed + untimed", detail);
}

/* Parameters of ABI 2: given only to ops that take them, and in range. */
static void run_param_cases(int fd)
{
	struct cmbench_run r;

	r = valid_flush();
	r.in.pages = 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: pages given");
	r = valid_flush();
	r.in.dir = CMBENCH_DIR_FROM_DEVICE;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: dir given");
	r = valid_flush();
	r.in.flags = CMBENCH_RUNF_HIGHMEM;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: HIGHMEM flag given");
	r = valid_flush();
	r.in.flags = CMBENCH_RUNF_COHERENT_WALK;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: COHERENT_WALK given");
	r = valid_flush();
	r.in.fmt = CMBENCH_IOPT_V7S;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: fmt given");
	r = valid_flush();
	r.in.pgsize = 4096;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: pgsize given");

	r = valid_op(CMBENCH_OP_VM_MAP_RAM);
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN vm_map_ram: pages 0");
	r.in.pages = CMBENCH_MAX_PAGES + 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN vm_map_ram: pages above limit");
	r.in.pages = 1;
	r.in.size = 4096;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN vm_map_ram: size given");

	r = valid_op(CMBENCH_OP_DMA_MAP);
	r.in.size = 4096;
	r.in.dir = CMBENCH_DIR_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN dma_map: unknown dir");
	r.in.dir = 0;
	r.in.size = CMBENCH_MAX_PAGES_SIZE + 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN dma_map: size above page-buffer limit");
	r.in.size = CMBENCH_MAX_PAGES_SIZE;
	r.in.offset = 64;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN dma_map: offset + size above limit");

	r = valid_op(CMBENCH_OP_IOPT_MAP);
	r.in.pages = 1;
	r.in.pgsize = 4096;
	r.in.fmt = CMBENCH_IOPT_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_map: unknown fmt");
	r.in.fmt = CMBENCH_IOPT_LPAE_S1;
	r.in.pgsize = 12288;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_map: pgsize not a power of 2");
	r.in.pgsize = 2048;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_map: pgsize below PAGE_SIZE");
	r.in.pgsize = 1ULL << 31;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_map: pgsize above limit");
	if (supported(fd, CMBENCH_OP_IOPT_MAP)) {
		r.in.pgsize = 65536;	/* a v7s size, not an LPAE 4K-granule one */
		expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_map lpae-s1: 64K pages");
		r.in.pgsize = 1ULL << 30;
		r.in.pages = 4096;
		r.in.fmt = CMBENCH_IOPT_LPAE32_S1;
		expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL,
			   "RUN iopt_map lpae32-s1: 4096 x 1G beyond the address space");
		r = valid_op(CMBENCH_OP_IOPT_SPLIT);
		r.in.pages = 1;
		r.in.pgsize = 4096;
		expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN iopt_split: 4K is no block");
		run_iopt_wrap_cases(fd);
	}

	/* An op this kernel cannot run: EOPNOTSUPP, whatever it is. */
	if (!supported(fd, CMBENCH_OP_KMAP)) {
		r = valid_op(CMBENCH_OP_KMAP);
		r.in.pages = 1;
		expect_err(fd, CMBENCH_IOC_RUN, &r, EOPNOTSUPP, "RUN kmap: unsupported here");
	}
	if (!supported(fd, CMBENCH_OP_KMAP_HIGH_GET)) {
		r = valid_op(CMBENCH_OP_KMAP_HIGH_GET);
		r.in.pages = 1;
		expect_err(fd, CMBENCH_IOC_RUN, &r, EOPNOTSUPP, "RUN kmap_high_get: unsupported here");
	} else {
		r = valid_op(CMBENCH_OP_KMAP_HIGH_GET);
		r.in.pages = 4000;
		expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL,
			   "RUN kmap_high_get: pool larger than half the pkmap area");
	}
}

static void run_cases(int fd)
{
	struct cmbench_info info;
	struct cmbench_op_info oi;
	struct cmbench_run r;
	void *ro, *gone;

	memset(&info, 0, sizeof(info));
	info.reserved[5] = 1;
	expect_err(fd, CMBENCH_IOC_INFO, &info, EINVAL, "INFO: nonzero reserved");
	expect_err(fd, CMBENCH_IOC_INFO, NULL, EFAULT, "INFO: NULL struct");
	expect_err(fd, _IOWR(CMBENCH_IOC_MAGIC, 99, struct cmbench_run), &info,
		   ENOTTY, "unknown command number");
	expect_err(fd, _IOWR(CMBENCH_IOC_MAGIC, 2, struct cmbench_info), &info,
		   ENOTTY, "RUN number with the wrong struct size");

	memset(&oi, 0, sizeof(oi));
	oi.op = CMBENCH_OP_MAX;
	expect_err(fd, CMBENCH_IOC_OP_INFO, &oi, EINVAL, "OP_INFO: op == CMBENCH_OP_MAX");
	memset(&oi, 0, sizeof(oi));
	oi.reserved[0] = 1;
	expect_err(fd, CMBENCH_IOC_OP_INFO, &oi, EINVAL, "OP_INFO: nonzero reserved");

	r = valid_null();
	r.in.reserved[1] = 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: nonzero reserved");
	r = valid_null();
	r.in.pad = 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: nonzero pad");
	r = valid_null();
	r.in.flags = 1u << 31;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: unknown flag");
	r = valid_null();
	r.in.op = CMBENCH_OP_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: op == CMBENCH_OP_MAX");
	r.in.op = 0xffffffffu;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: op == 0xffffffff");
	r = valid_null();
	r.in.iters = 0;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: zero iterations");
	r.in.iters = CMBENCH_MAX_ITERS + 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: iterations above limit");
	r.in.iters = UINT64_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: iterations UINT64_MAX");
	r = valid_null();
	r.in.hist_len = CMBENCH_HIST_BUCKETS - 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: wrong hist_len");
	r = valid_null();
	r.in.hist_ptr = 0;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: NULL hist_ptr");
	r = valid_null();
	r.in.hist_ptr += 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: misaligned hist_ptr");

	r = valid_null();
	r.in.size = 4096;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: size given to null");
	r = valid_null();
	r.in.offset = 64;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: offset given to null");
	r = valid_null();
	r.in.state = CMBENCH_STATE_COLD;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN: state given to null");

	r = valid_flush();
	r.in.size = 0;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: size 0");
	r.in.size = CMBENCH_MAX_SIZE + 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: size above limit");
	r.in.size = UINT64_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: size UINT64_MAX");
	r = valid_flush();
	r.in.offset = CMBENCH_MAX_OFFSET + 1;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: offset above limit");
	r.in.offset = UINT64_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: offset + size overflows");
	r = valid_flush();
	r.in.state = CMBENCH_STATE_MAX;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EINVAL, "RUN flush: unknown state");

	run_param_cases(fd);
	run_batch_cases(fd);

	expect_err(fd, CMBENCH_IOC_RUN, NULL, EFAULT, "RUN: NULL struct");
	expect_err(fd, CMBENCH_IOC_RUN, (void *)8, EFAULT, "RUN: struct at address 8");

	/* A histogram in unmapped or read-only memory: refused before running. */
	gone = mmap(NULL, sizeof(hist), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, sizeof(hist));
	r = valid_null();
	r.in.hist_ptr = (uint64_t)(uintptr_t)gone;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EFAULT, "RUN: histogram unmapped");
	ro = mmap(NULL, sizeof(hist), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r.in.hist_ptr = (uint64_t)(uintptr_t)ro;
	expect_err(fd, CMBENCH_IOC_RUN, &r, EFAULT, "RUN: histogram read-only");

	/* A valid request in read-only memory: the result cannot be returned. */
	r = valid_null();
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memcpy(ro, &r, sizeof(r));
	mprotect(ro, 4096, PROT_READ);
	expect_err(fd, CMBENCH_IOC_RUN, ro, EFAULT, "RUN: struct read-only");
}

static void run_valid(int fd)
{
	struct cmbench_run r = valid_null();
	char detail[128];
	uint64_t sum = 0;
	unsigned int i;
	int ret;

	/* Outputs are overwritten, whatever they held. */
	memset(&r.out, 0xa5, sizeof(r.out));
	ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++)
		sum += hist[i];
	snprintf(detail, sizeof(detail), "ret %d count %llu hist sum %llu min %llu max %llu",
		 ret, (unsigned long long)r.out.count, (unsigned long long)sum,
		 (unsigned long long)r.out.min_ns, (unsigned long long)r.out.max_ns);
	check(ret == 0 && r.out.count == 10 && sum == 10 && r.out.min_ns <= r.out.max_ns &&
	      r.out.lines == 0 && !(r.out.flags & CMBENCH_OUTF_INTERRUPTED),
	      "RUN null: 10 iterations after all the bad requests", detail);
	check(!r.out.counters[0] && !r.out.counters[CMBENCH_COUNTERS - 1] && !r.out.reserved[0],
	      "RUN null: every output the op does not fill comes back zero", NULL);
	{
		__u64 first = r.out.serial;

		ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
		snprintf(detail, sizeof(detail), "serials %llu then %llu",
			 (unsigned long long)first, (unsigned long long)r.out.serial);
		check(ret == 0 && first >= 1 && first < 0xa5a5a5a5a5a5a5a5ULL &&
		      r.out.serial > first, "RUN: each run gets a serial, increasing", detail);
	}

	r = valid_flush();
	r.in.offset = 3;
	r.in.size = 100;
	r.in.state = CMBENCH_STATE_COLD;
	ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
	snprintf(detail, sizeof(detail), "ret %d count %llu lines %llu", ret,
		 (unsigned long long)r.out.count, (unsigned long long)r.out.lines);
	check(ret == 0 && r.out.count == 10 && r.out.lines >= 1 && r.out.lines <= 3,
	      "RUN flush: 100 bytes at offset 3, cold", detail);
}

/* A signal ends a long run early with what it measured. */
static void run_interrupted(int fd)
{
	struct cmbench_run r = valid_null();
	char detail[96];
	int ret;

	r.in.iters = CMBENCH_MAX_ITERS;
	alarm(1);
	ret = ioctl(fd, CMBENCH_IOC_RUN, &r);
	alarm(0);
	snprintf(detail, sizeof(detail), "ret %d count %llu flags %#x", ret,
		 (unsigned long long)r.out.count, r.out.flags);
	check(ret == 0 && (r.out.flags & CMBENCH_OUTF_INTERRUPTED) &&
	      r.out.count > 0 && r.out.count < CMBENCH_MAX_ITERS,
	      "RUN: SIGALRM ends a long run with a partial count", detail);
}

/* Child processes: without CAP_SYS_ADMIN, and as an unprivileged user. */
static void run_privilege(int fd)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	struct cmbench_info info;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		syscall(SYS_capget, &h, d);
		d[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
		if (syscall(SYS_capset, &h, d))
			_exit(2);
		memset(&info, 0, sizeof(info));
		_exit(ioctl(fd, CMBENCH_IOC_INFO, &info) == -1 && errno == EPERM ? 0 : 1);
	}
	check(child_status(pid) == 0, "INFO without CAP_SYS_ADMIN: EPERM", NULL);

	pid = fork();
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(open(CMBENCH_DEVICE, O_RDWR) == -1 && errno == EACCES ? 0 : 1);
	}
	check(child_status(pid) == 0, "open as uid 65534: EACCES (mode 0600)", NULL);
}

int main(void)
{
	int fd = cases_open("ioctl-errors");

	if (fd < 0)
		return 1;
	run_cases(fd);
	run_valid(fd);
	run_interrupted(fd);
	run_privilege(fd);
	close(fd);
	return cases_done("ioctl-errors");
}
