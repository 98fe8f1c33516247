/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench-fuzz's parts: the driver (fuzz.c), the requests it makes
 * (fuzz-requests.c) and the checks of what comes back (fuzz-checks.c).
 */
#ifndef CMB_FUZZ_H
#define CMB_FUZZ_H

#include <stdint.h>
#include <stddef.h>

#include "cmbench.h"

#define MAX_PROCS	16
#define ERRNO_SLOTS	160
#define MAX_NOTES	20
/* Not a timing check: a child the kernel does not let go of in a minute hangs. */
#define REAP_HANG_S	60

/* Figures shared by every process (MAP_SHARED), updated atomically. */
struct figures {
	uint64_t ioctls, ok, interrupted, anomalies, kills, reap_worst_us;
	uint64_t err[ERRNO_SLOTS];
	uint64_t op_ok[CMBENCH_OP_MAX];
	char doing[MAX_PROCS][96];	/* each child's request in flight */
	char worst_reap[96];		/* what the slowest-reaped child was doing */
	uint32_t notes;
	char note[MAX_NOTES][200];
};

extern struct figures *fig;
extern struct cmbench_op_info ops[CMBENCH_OP_MAX];
extern long n_cpus;
extern uint64_t rng;
/* Pages set up once, before fork: [rw][rw][none][ro]. */
extern unsigned char *area;
extern size_t page;
extern uint64_t *hist, *hist_ro, *hist_half;

#define ADD(field, n)	__atomic_fetch_add(&fig->field, (n), __ATOMIC_RELAXED)

/* fuzz-requests.c */
uint64_t rnd(void);
int chance(unsigned int percent);
uint64_t edge64(void);
uint32_t edge32(void);
/* A request the op's OP_INFO flags say is well formed (the kernel may refuse it). */
void well_formed(struct cmbench_run_in *in, uint32_t op);
/* One field set to an edge value; the errno it alone decides, else 0. */
int mutate(struct cmbench_run_in *in);

/* fuzz-checks.c */
void anomaly(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Is errno e one the header documents for cmd (0: an unknown command)? */
int errno_allowed(unsigned long cmd, int e);
/* A run that returned 0: does what came back hold together? */
void check_run(const struct cmbench_run *r, const uint64_t *h);

#endif
