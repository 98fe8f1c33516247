// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "run/lockwait.h"

/* 256 KiB per thread: about 9000 hits per run before the kernel drops any. */
#define RING_PAGES	64

static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

void cmb_lockwait_feed(struct cmb_lockwait *w, int is_end, uint64_t addr, uint64_t t_ns)
{
	unsigned int i;

	for (i = 0; i < w->depth && w->addr[i] != addr; i++)
		;
	if (!is_end) {
		if (i < w->depth)
			return;			/* the same wait, begun again */
		if (w->depth == CMB_LOCKWAIT_DEPTH) {
			w->unpaired++;
			return;
		}
		w->addr[w->depth] = addr;
		w->since[w->depth++] = t_ns;
		return;
	}
	if (i == w->depth) {
		w->unpaired++;			/* its begin came before we counted */
		return;
	}
	if (i == 0) {
		w->wait_ns += t_ns - w->since[0];
		w->waits++;
	}
	/* Waits begun inside this one and never ended went with it. */
	w->unpaired += w->depth - i - 1;
	w->depth = i;
}

void cmb_lockwait_flush(struct cmb_lockwait *w)
{
	w->unpaired += w->depth;
	w->depth = 0;
}

long cmb_tracepoint_id(const char *name, char *why, size_t len)
{
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

/* Where lock_addr sits in the tracepoint's raw record, from its format file. */
static int addr_field(const char *event, unsigned int *off, unsigned int *size)
{
	char path[256], line[256];
	unsigned int i;
	int found = 0;
	FILE *f = NULL;

	for (i = 0; i < 2 && !f; i++) {
		snprintf(path, sizeof(path), "%s/events/lock/%s/format", roots[i], event);
		f = fopen(path, "r");
	}
	while (f && !found && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, " lock_addr;");

		found = p && sscanf(p, " lock_addr;%*[ \t]offset:%u;%*[ \t]size:%u;", off,
				    size) == 2 && (*size == 4 || *size == 8);
	}
	if (f)
		fclose(f);
	return found ? 0 : -1;
}

static int open_tp(long id, int group)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (uint64_t)id;
	attr.sample_period = 1;
	attr.sample_type = PERF_SAMPLE_IDENTIFIER | PERF_SAMPLE_TIME | PERF_SAMPLE_RAW;
	attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_ID |
			   PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	attr.disabled = group < 0;
	return (int)syscall(__NR_perf_event_open, &attr, 0, -1, group, 0);
}

int cmb_lockwait_open(struct cmb_lockwait *w, char *why, size_t len)
{
	long begin, end;
	long page = sysconf(_SC_PAGESIZE);

	memset(w, 0, sizeof(*w));
	w->fd = w->end_fd = -1;
	begin = cmb_tracepoint_id("lock:contention_begin", why, len);
	end = begin < 0 ? -1 : cmb_tracepoint_id("lock:contention_end", why, len);
	if (end < 0)
		return -1;
	if (addr_field("contention_begin", &w->addr_off[0], &w->addr_size[0]) ||
	    addr_field("contention_end", &w->addr_off[1], &w->addr_size[1])) {
		snprintf(why, len, "lock tracepoints without a lock_addr field");
		return -1;
	}
	w->fd = open_tp(begin, -1);
	if (w->fd >= 0)
		w->end_fd = open_tp(end, w->fd);
	if (w->fd < 0 || w->end_fd < 0 ||
	    ioctl(w->end_fd, PERF_EVENT_IOC_ID, &w->end_id))
		goto fail;
	w->ring_len = (size_t)page * (1 + RING_PAGES);
	w->ring = mmap(NULL, w->ring_len, PROT_READ | PROT_WRITE, MAP_SHARED, w->fd, 0);
	if (w->ring == MAP_FAILED) {
		w->ring = NULL;
		goto fail;
	}
	if (ioctl(w->end_fd, PERF_EVENT_IOC_SET_OUTPUT, w->fd))
		goto fail;
	return 0;
fail:
	snprintf(why, len, "sampling lock tracepoints: %s", strerror(errno));
	cmb_lockwait_close(w);
	return -1;
}

/* Copies len bytes at ring offset off (it may wrap) into dst. */
static void ring_copy(const char *data, uint64_t size, uint64_t off, void *dst, size_t len)
{
	size_t first = (size_t)(size - off % size);

	if (first >= len) {
		memcpy(dst, data + off % size, len);
	} else {
		memcpy(dst, data + off % size, first);
		memcpy((char *)dst + first, data, len - first);
	}
}

static uint64_t raw_addr(const unsigned char *raw, uint32_t rawsize, unsigned int off,
			 unsigned int size)
{
	uint32_t a32;
	uint64_t a64;

	if (off + size > rawsize)
		return 0;
	if (size == 4) {
		memcpy(&a32, raw + off, 4);
		return a32;
	}
	memcpy(&a64, raw + off, 8);
	return a64;
}

void cmb_lockwait_drain(struct cmb_lockwait *w)
{
	struct perf_event_mmap_page *pg = w->ring;
	long page = sysconf(_SC_PAGESIZE);
	const char *data;
	uint64_t head, tail, size;
	unsigned char rec[1024];

	if (!pg)
		return;
	data = (const char *)w->ring + page;
	size = (uint64_t)page * RING_PAGES;
	head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE);
	for (tail = pg->data_tail; tail < head;) {
		struct perf_event_header h;
		uint64_t id, t, v;
		uint32_t rawsize;

		ring_copy(data, size, tail, &h, sizeof(h));
		if (h.size < sizeof(h))
			break;				/* cannot happen; do not spin */
		if (h.size <= sizeof(rec)) {
			ring_copy(data, size, tail, rec, h.size);
			/* SAMPLE: header, id, time, u32 raw size, raw */
			if (h.type == PERF_RECORD_SAMPLE && h.size >= 28) {
				int is_end;

				memcpy(&id, rec + 8, 8);
				memcpy(&t, rec + 16, 8);
				memcpy(&rawsize, rec + 24, 4);
				if (rawsize > h.size - 28u)
					rawsize = h.size - 28u;
				is_end = id == w->end_id;
				cmb_lockwait_feed(w, is_end,
						  raw_addr(rec + 28, rawsize, w->addr_off[is_end],
							   w->addr_size[is_end]), t);
			} else if (h.type == PERF_RECORD_LOST && h.size >= 24) {
				memcpy(&v, rec + 16, 8);	/* header, id, lost */
				w->lost += v;
			}
		}
		tail += h.size;
	}
	__atomic_store_n(&pg->data_tail, tail, __ATOMIC_RELEASE);
	cmb_lockwait_flush(w);
}

void cmb_lockwait_close(struct cmb_lockwait *w)
{
	if (w->ring)
		munmap(w->ring, w->ring_len);
	if (w->end_fd >= 0)
		close(w->end_fd);
	if (w->fd >= 0)
		close(w->fd);
	w->ring = NULL;
	w->fd = w->end_fd = -1;
}
