/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What several unit tests build on: a device as the module would describe
 * itself (no module needed), and result files written by the real writer.
 */
#ifndef CMB_FIXTURES_H
#define CMB_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/device.h"
#include "result/result.h"

static inline void fake_op(struct cmb_dev *d, const char *name, uint32_t flags,
			   const char *why, const char *counter0)
{
	struct cmbench_op_info *oi = &d->ops[d->n_ops];

	memset(oi, 0, sizeof(*oi));
	oi->op = d->n_ops++;
	snprintf(oi->name, sizeof(oi->name), "%s", name);
	oi->flags = flags | (why ? 0 : CMBENCH_OPF_SUPPORTED);
	snprintf(why ? oi->why_unsupported : oi->impl, sizeof(oi->impl), "%s",
		 why ? why : "the kernel's code");
	if (counter0)
		snprintf(oi->counter[0], sizeof(oi->counter[0]), "%s", counter0);
}

/* A module with one op of each kind, and a 32K L1D and 1M L2 in CLIDR. */
static inline void fake_dev(struct cmb_dev *d)
{
	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->info.abi_version = CMBENCH_ABI_VERSION;
	snprintf(d->info.release, sizeof(d->info.release), "6.1.0-test");
	d->info.n_caches = 2;
	d->info.cache[0] = (struct cmbench_cache){ .level = 1, .type = 2, .line = 64,
						   .ways = 2, .sets = 256 };
	d->info.cache[1] = (struct cmbench_cache){ .level = 2, .type = 3, .line = 64,
						   .ways = 16, .sets = 1024 };
	fake_op(d, "null", 0, NULL, NULL);
	fake_op(d, "flush", CMBENCH_OPF_BUFFER, NULL, "data_lost");
	fake_op(d, "kmap", CMBENCH_OPF_PAGES, "no highmem: CONFIG_HIGHMEM not set", NULL);
	fake_op(d, "vm_map_ram", CMBENCH_OPF_PAGES | CMBENCH_OPF_HIGHMEM, NULL, "checked");
	fake_op(d, "iopt_map", CMBENCH_OPF_IOPT, NULL, "mismatch");
	fake_op(d, "pin_probe", CMBENCH_OPF_PROBE, NULL, "trials");
	d->info.n_ops = d->n_ops;
}

/* A header a sweep on kernel release would write. */
static inline void fake_header(struct cmb_header *h, const char *release,
			       const char *digest)
{
	memset(h, 0, sizeof(*h));
	h->schema_version = CMB_SCHEMA_VERSION;
	strcpy(h->created, "2026-11-30T12:00:00Z");
	strcpy(h->command, "cmbench sweep s.spec -o x.jsonl");
	strcpy(h->tool_version, "test");
	strcpy(h->label, "test machine");
	strcpy(h->module_version, "0.1.0 test");
	snprintf(h->module_release, sizeof(h->module_release), "%s", release);
	snprintf(h->kernel_release, sizeof(h->kernel_release), "%s", release);
	strcpy(h->machine, "aarch64");
	strcpy(h->preempt, "none");
	strcpy(h->cpu_part, "Cortex-A57");
	h->timer_hz = 62500000;
	h->n_cpus = 1;
	h->emu.emulated = 1;
	strcpy(h->emu.name, "qemu-system-aarch64");
	strcpy(h->emu.version, "7.2.22");
	strcpy(h->emu.accel, "tcg");
	strcpy(h->emu.cpu, "cortex-a57");
	strcpy(h->emu.detected_by, "test");
	h->topo.n = 1;
	h->topo.c[0] = (struct cmb_cache){ .level = 1, .type = "data", .line = 64, .ways = 2,
					   .sets = 256, .size = 32768, .source = "CLIDR/CCSIDR" };
	if (digest) {
		snprintf(h->sweep_digest, sizeof(h->sweep_digest), "%s", digest);
		h->sweep_points = 3;
	}
}

/*
 * A point of op at size (0: none) from one run on one thread: n samples
 * value, value + 1, ..., with the loop's wall time twice the timed time,
 * a quarter of it harness.
 */
static inline void fake_point(struct cmb_point *p, const char *op, uint64_t size,
			      uint64_t n, uint64_t value)
{
	struct cmb_thread_stat *t = &p->thr[0];
	uint64_t i;

	memset(p, 0, sizeof(*p));
	snprintf(p->op, sizeof(p->op), "%s", op);
	strcpy(p->impl, "the kernel's code");
	if (size) {
		strcpy(p->state, "dirty");
		p->size = size;
		p->lines = size / 64;
	}
	p->iters = n;
	p->repeats = 1;
	p->threads = 1;
	p->batch = 1;
	p->timer_hz = 62500000;
	strcpy(p->batch_note, "auto: median spans 100 ticks: one iteration per sample");
	strcpy(p->placement, "compact");
	strcpy(p->stop, "repeats");
	for (i = 0; i < n; i++)
		cmb_dist_add(&p->dist, value + i);
	*t = (struct cmb_thread_stat){ .cpu = 0, .n = n, .min = value, .max = value + n - 1,
				       .sum = p->dist.s.sum, .iters = n };
	t->timed_ns = p->dist.s.sum;
	t->wall_ns = 2 * t->timed_ns;
	t->harness_ns = t->wall_ns / 4;
	t->other_ns = t->wall_ns - t->timed_ns - t->harness_ns;
	p->rep[0] = (struct cmb_run){ .n = n, .iters = n, .min = value, .max = value + n - 1,
				      .p50 = cmb_dist_quantile(&p->dist, 0.5),
				      .p99 = cmb_dist_quantile(&p->dist, 0.99),
				      .mean = cmb_dist_mean(&p->dist), .wall_ns = t->wall_ns,
				      .timed_ns = t->timed_ns, .harness_ns = t->harness_ns,
				      .other_ns = t->other_ns, .overlap = 1 };
	cmb_point_finish(p);
}

/* Writes a header and points to a new temporary file; its path. */
static inline const char *fake_file(const struct cmb_header *h, const struct cmb_point *p,
				    int n, const char *tail)
{
	static char path[64];
	FILE *f;
	int i;

	strcpy(path, "/tmp/cmbench-fixture-XXXXXX");
	f = fdopen(mkstemp(path), "w");
	if (!f || cmb_result_write_header(f, h))
		return NULL;
	for (i = 0; i < n; i++)
		if (cmb_result_write_point(f, &p[i]))
			return NULL;
	if (tail)
		fputs(tail, f);
	fclose(f);
	return path;
}

#endif
