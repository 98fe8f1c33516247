/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lock wait time of one thread from the lock:contention_begin/end
 * tracepoints, sampled into a ring buffer around each run (a count alone
 * says how often a lock was contended, not for how long).
 *
 * Pairing: a wait starts at the first contention_begin on a lock and ends
 * at the contention_end on the same lock. A second begin on a lock already
 * waited for is the same wait (6.1's mutex slow path fires begin once for
 * the optimistic spin and again before sleeping, end once). Waits nested
 * inside another (a mutex's wait_lock taken while waiting for the mutex)
 * are already inside the outer one and are not added again.
 */
#ifndef CMB_LOCKWAIT_H
#define CMB_LOCKWAIT_H

#include <stddef.h>
#include <stdint.h>

#define CMB_LOCKWAIT_DEPTH	8

struct cmb_lockwait {
	/* pairing state */
	unsigned int depth;
	uint64_t addr[CMB_LOCKWAIT_DEPTH], since[CMB_LOCKWAIT_DEPTH];
	/* what a run adds up to */
	uint64_t wait_ns;		/* outermost waits, summed */
	uint64_t waits;			/* outermost waits completed */
	uint64_t unpaired;		/* ends without a begin, begins without an end */
	uint64_t lost;			/* records the kernel dropped (ring full) */
	/* the ring (fd -1: not sampling) */
	int fd, end_fd;
	uint64_t end_id;
	void *ring;
	size_t ring_len;
	unsigned int addr_off[2], addr_size[2];	/* lock_addr in begin, end */
};

/* One tracepoint hit, in time order. */
void cmb_lockwait_feed(struct cmb_lockwait *w, int is_end, uint64_t addr, uint64_t t_ns);
/* Forgets unfinished waits at the end of a run (their end was lost). */
void cmb_lockwait_flush(struct cmb_lockwait *w);

/* The tracefs id of tracepoint "sys:event", or -1 with why. */
long cmb_tracepoint_id(const char *name, char *why, size_t len);

/*
 * Opens both tracepoints on the calling thread as one group (begin leads,
 * disabled; enable and read it as a group), sampling every hit into one
 * ring. 0 and w->fd, or -1 with why.
 */
int cmb_lockwait_open(struct cmb_lockwait *w, char *why, size_t len);
/* After a run (group disabled): every sample of it into the sums. */
void cmb_lockwait_drain(struct cmb_lockwait *w);
void cmb_lockwait_close(struct cmb_lockwait *w);

#endif
