/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest test programs (ioctl-errors.c, lifecycle.c) share: one
 * "ok - " / "not ok - " line per case, counted, a child's status, and the
 * smallest valid request. Each program is one file: the statics are its own.
 */
#ifndef CMBENCH_TEST_CASES_H
#define CMBENCH_TEST_CASES_H

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cmbench.h"

static int passed, failed;
static uint64_t hist[CMBENCH_HIST_BUCKETS];

static inline void check(int ok, const char *what, const char *detail)
{
	if (ok) {
		passed++;
		printf("ok - %s\n", what);
	} else {
		failed++;
		printf("not ok - %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	}
	fflush(stdout);
}

/* A case this kernel or guest cannot run: a KTAP skip, with its reason. */
static inline void skip(const char *what, const char *why)
{
	printf("ok - %s # SKIP %s\n", what, why);
	fflush(stdout);
}

/* SIGALRM / SIGUSR1 only end an ioctl (installed without SA_RESTART). */
static inline void on_alarm(int sig)
{
	(void)sig;
}

/*
 * Every program's start: SIGALRM and SIGUSR1 end an ioctl (no
 * SA_RESTART), and the device opened; -1 (reported as the one failed
 * case) when it cannot be.
 */
static inline int cases_open(const char *prog)
{
	struct sigaction sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	fd = open(CMBENCH_DEVICE, O_RDWR);
	if (fd < 0) {
		perror(CMBENCH_DEVICE);
		printf("%s: 0 passed, 1 failed\n", prog);
	}
	return fd;
}

/* Every program's end: the counts, and the exit status. */
static inline int cases_done(const char *prog)
{
	printf("%s: %d passed, %d failed\n", prog, passed, failed);
	return failed ? 1 : 0;
}

/* A child's exit status; 128 + the signal that ended it; 255 when lost. */
static inline int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return 255;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static inline struct cmbench_run valid_null(void)
{
	struct cmbench_run r;

	memset(&r, 0, sizeof(r));
	r.in.op = CMBENCH_OP_NULL;
	r.in.iters = 10;
	r.in.hist_ptr = (uint64_t)(uintptr_t)hist;
	r.in.hist_len = CMBENCH_HIST_BUCKETS;
	return r;
}

#endif /* CMBENCH_TEST_CASES_H */
