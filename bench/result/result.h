/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench result files: JSON Lines, one header record then one record per
 * measured point. result_write.c writes them and result_read.c reads them,
 * both walking the field tables of result_schema.c; the schema is
 * documented in results/README.md.
 */
#ifndef CMB_RESULT_H
#define CMB_RESULT_H

#include <stdint.h>
#include <stdio.h>

#include "result/hist.h"
#include "result/stats.h"
#include "result/caches.h"
#include "result/upgrade.h"

#define CMB_SCHEMA		"cmbench.result"
#define CMB_SCHEMA_VERSION	7
/* The oldest the reader takes: every one cmbench wrote (result/upgrade.h). */
#define CMB_SCHEMA_OLDEST	CMB_SCHEMA_FIRST
#define CMB_MAX_REPEATS		64

struct cmb_emulator {
	int emulated;			/* 1 yes, 0 no */
	char name[64];			/* e.g. qemu-system-aarch64 */
	char version[32];
	char accel[16];			/* tcg, kvm */
	char cpu[32];			/* the -cpu model */
	char detected_by[64];		/* how cmbench knows */
	unsigned int host_cpus;		/* CPUs of the host running it; 0 unknown */
	/*
	 * QEMU's -icount: the guest's time is its instruction count (shift 0:
	 * 1 ns an instruction), so ns are instructions and no cache is seen.
	 * seed: the boot's -seed, which makes it replayable.
	 */
	int icount;
	int icount_shift;
	uint64_t seed;
	/*
	 * The cache model beside it (qemu-run --model): its name from the
	 * kernel command line, then, once cmbench model has joined its
	 * figures, model.txt's head; "" none.
	 */
	char model[320];
};

#define CMB_MAX_CPUS	64
#define CMB_MAX_OPS	32

/*
 * An op of the module that measured the file: whether this kernel could
 * run it, and why not. report --ktap and export --format lava skip an op
 * with this reason (the points alone cannot tell "not built" from "not
 * asked for").
 */
struct cmb_op_status {
	char name[32];
	int supported;
	char why[96];			/* when not supported */
};

/* One CPU of the measured system, as it was when the run started. */
struct cmb_cpu {
	int cpu;
	int online;
	uint32_t midr;			/* 0: not reported */
	char governor[16];		/* "" without cpufreq */
	uint32_t cur_khz, min_khz, max_khz;
	struct cmb_cpu_place place;	/* from hwloc; -1 where it does not say */
};

struct cmb_header {
	int schema_version;
	char created[32];		/* UTC, ISO 8601 */
	char command[1024];		/* argv, shell-quoted */
	char tool_version[64];
	char label[192];		/* short name for plots and tables */
	/* from the module */
	char module_version[32];
	uint32_t abi_version;
	char module_release[64];	/* kernel it was built for */
	uint64_t timer_hz;
	uint32_t page_size, ctr, dcache_line, icache_line, cwg, midr;
	char cpu_part[48];		/* MIDR decoded, "" if unknown */
	unsigned int n_ops;		/* 0 in files written before the list */
	struct cmb_op_status ops[CMB_MAX_OPS];
	/* from the running system */
	char kernel_release[65];
	char kernel_version[128];
	char machine[65];
	unsigned int n_cpus;
	unsigned int online_cpus;
	/* this boot: the unit above the run */
	char boot_id[40];		/* /proc/sys/kernel/random/boot_id */
	char cmdline[512];		/* /proc/cmdline */
	double uptime_s;
	uint64_t kconfig;		/* CMBENCH_KCONFIG_* from the module */
	char preempt[16];		/* none, voluntary, full, rt */
	/* identity of what ran; "" where the system does not say */
	char config_path[128];		/* /proc/config.gz or /boot/config-* */
	char config_sha256[65];
	char kernel_build_id[64];	/* GNU build ID, hex */
	char module_build_id[64];
	unsigned int n_cpu_info;
	struct cmb_cpu cpu[CMB_MAX_CPUS];
	struct cmb_emulator emu;
	struct cmb_topo topo;		/* cache geometry and its sources */
	/* cmbench sweep: the spec's digest and its points; "" otherwise */
	char sweep_digest[24];
	unsigned int sweep_points;
	/* Read from an older schema (result/upgrade.c): which, and what was done. */
	int upgraded_from;		/* 0: written as it is */
	char upgraded_note[512];
};

/* The name of CMBENCH_KCONFIG_* bit i ("HIGHMEM"), NULL past the last. */
const char *cmb_kconfig_name(unsigned int bit);
/*
 * What h's figures are, in a few words for a table or plot: "" on a
 * board; "EMULATED" under plain TCG; "EMULATED, icount: ns are
 * instructions, no caches" under icount.
 */
const char *cmb_header_kind(const struct cmb_header *h);
/* "2 vCPUs on 8 host CPUs", or "2 vCPUs" where the file does not say. */
const char *cmb_vcpus(const struct cmb_header *h, char *buf, size_t len);

/*
 * One run (one ioctl per thread, released together): the replication
 * unit of a point. Times per iteration are ns; the time split sums over
 * the threads: wall = timed + harness + other.
 */
struct cmb_run {
	uint64_t n;			/* samples, all threads */
	uint64_t iters;			/* iterations: n times the batch */
	uint64_t min, max;
	double p50, p99, mean;
	uint64_t wall_ns, timed_ns, harness_ns, other_ns;
	double overlap;			/* share of the run all threads ran at once */
	double clock_count;		/* the clock event's raw count (all threads); 0 none */
	double clock_samples;		/* the samples it counted: those no interrupt hit */
	/*
	 * The module's serial of its first thread's run; its threads' runs
	 * are serial .. serial + threads - 1 (0: none): what an emulator's
	 * cache model names its figures by.
	 */
	uint64_t serial;
};

#define CMB_COUNTERS	4
#define CMB_MAX_THREADS	64

/*
 * A clock event a kernel perf event counted around the timed calls
 * (--clock cycles, --clock instructions), all threads and runs.
 */
struct cmb_clock_count {
	int asked, counted;
	double count;			/* raw, in the samples no interrupt hit */
	double samples;			/* those samples; 0 in files before they were */
	double overhead;		/* of one read pair, per sample */
	char why[96];			/* asked and not counted: why */
	double per_op;			/* derived: overhead subtracted; NAN without */
};

/* One PMU event over all threads of a point. */
struct cmb_event {
	char name[64];
	int supported;
	char why[96];			/* when not supported */
	char note[128];			/* what the count cannot show, or "" */
	double count;			/* scaled, all threads and runs */
	double running;			/* time_running / time_enabled */
	char pmu[64];			/* which PMU counted it ("a,b": CPUs differ) */
	int group;			/* its group on the first thread */
	/* lock:contention_begin: wait time sampled with contention_end */
	int has_wait;
	uint64_t wait_ns, waits, unpaired, lost;
};

/*
 * One thread of a point, all runs: its samples, and where its loop's wall
 * time went. harness is the untimed part's median per sample times the
 * samples (the harness's own work); other is the untimed rest (work the
 * kernel deferred and paid on this CPU, preemption, a stalled vCPU).
 */
struct cmb_thread_stat {
	int cpu;
	uint64_t n, min, max, sum;
	uint64_t iters;
	uint64_t wall_ns, timed_ns, harness_ns, other_ns;
};

/*
 * What an emulator's cache model figured for a point (cmbench model, from
 * the plugin's model.txt): MODELLED, never measured. Cycles per op: the
 * centre and 95% CI over the runs of each run's median sample over the
 * batch; the rest per op over all the point's samples.
 */
struct cmb_model_fig {
	struct cmb_interval cycles;	/* centre 0: not modelled */
	double insns, dc, l1_miss, l1_wb, l2_miss, l2_wb, mem_rd, mem_wr, dsb, tlbi;
};

struct cmb_point {
	char op[32];
	char impl[96];
	int finding;			/* a probe: its counters are the answer */
	char state[16];			/* "" for ops without a buffer */
	uint64_t size, offset, iters, lines;
	/* op parameters; "" / 0 where the op takes none */
	uint64_t pages, pgsize;
	char dir[16], fmt[16];
	int highmem, coherent_walk;
	/* op-specific event counts summed over runs, by name ("" unused) */
	char counter[CMB_COUNTERS][24];
	uint64_t count[CMB_COUNTERS];
	unsigned int repeats;		/* runs */
	int interrupted;
	/* threads that ran it at once, each pinned to its CPU */
	unsigned int threads;
	struct cmb_thread_stat thr[CMB_MAX_THREADS];
	char placement[8];		/* compact, spread, cpus (--cpus order) */
	double ops_per_s;		/* sustained: sum over threads of iters / (wall - harness) */
	double timed_ops_per_s;		/* the same from the timed calls alone */
	int overcommit;			/* more threads than the emulator's host has CPUs */
	char warning[192];		/* what the numbers cannot show, or "" */
	unsigned int nevents;
	struct cmb_event ev[8];
	/* how the point was sampled */
	uint64_t warmup;		/* iterations run and discarded first */
	double precision;		/* target CI half-width / centre; 0 fixed */
	char stop[16];			/* precision, resolution, budget, repeats, max_repeats */
	/* the clock: the architected counter, read around each sample */
	uint64_t timer_hz;
	unsigned int batch;		/* iterations per sample */
	char batch_note[128];		/* how the batch was chosen */
	/* CPU cycles (--clock cycles) or instructions (--clock instructions) */
	struct cmb_clock_count cyc, ins;
	struct cmb_model_fig model;
	struct cmb_run rep[CMB_MAX_REPEATS];
	struct cmb_dist dist;		/* all runs merged */
	/* derived by cmb_point_finish() */
	struct cmb_summary sum;		/* of all samples merged */
	double ns_per_line;		/* centre / lines; NAN without a buffer */
	struct cmb_interval ci;		/* the centre and its 95% CI, from the runs */
	double samples_lo, samples_hi;	/* cmb_samples_median_ci(): not a CI of the point */
	uint64_t wall_ns, timed_ns, harness_ns, other_ns;	/* all runs and threads */
	double timed_per_op, sustained_per_op, harness_per_op, other_per_op;
	double tick_ns;			/* 1e9 / timer_hz */
	double quantum_ns;		/* a sample's timer resolution: tick / batch */
};

int cmb_result_write_header(FILE *f, const struct cmb_header *h);
/* Appends and syncs, so a point survives anything that happens after. */
int cmb_result_write_point(FILE *f, const struct cmb_point *p);

struct cmb_reader {
	FILE *f;
	const char *path;
	unsigned long line;
	char *buf;
	size_t cap;
	struct cmb_upgrade up;		/* the file's schema, for its points */
};

/* 0 ok, -1 error with a message in err naming the file and line. */
int cmb_result_open(struct cmb_reader *r, const char *path,
		    struct cmb_header *h, char *err, size_t errlen);
/* 1 a point, 0 end of file, -1 error. */
int cmb_result_next(struct cmb_reader *r, struct cmb_point *p,
		    char *err, size_t errlen);
void cmb_result_close(struct cmb_reader *r);
/* The header alone (which machine, kernel, module): 0, or -1 with err. */
int cmb_result_read_header(const char *path, struct cmb_header *h, char *err, size_t errlen);
/*
 * Reads a whole file: on_header once (it may stop the reading by returning
 * nonzero), then on_point for every point. 0, or -1 with err naming the
 * file and line.
 */
int cmb_result_each(const char *path,
		    int (*on_header)(const struct cmb_header *h, void *arg),
		    void (*on_point)(const struct cmb_point *p, void *arg), void *arg,
		    char *err, size_t errlen);

/*
 * Computes what is derived from the runs, the threads and the merged
 * distribution: centre and CI, time split and costs per op, cycles.
 */
void cmb_point_finish(struct cmb_point *p);
/* A total over the point's operations, per operation; NAN without any. */
double cmb_point_per_op(const struct cmb_point *p, double total);
/* The clock asked for (cycles or instructions), or NULL. */
const struct cmb_clock_count *cmb_point_clock(const struct cmb_point *p);
/* The clock event per op of run r alone, overhead subtracted; NAN without. */
double cmb_run_clock_per_op(const struct cmb_point *p, const struct cmb_run *r);
/*
 * The point's instructions per op as a boot's value: over the samples no
 * interrupt hit (the module counts only those: a handler adds thousands
 * of instructions on a debug kernel, in half the runs there), so exact
 * for a path that does not vary. NAN without --clock instructions.
 */
double cmb_point_insns(const struct cmb_point *p);
/* The point's parameters in a few characters: "4K", "16p", "v7s 64K x16". */
const char *cmb_point_param(const struct cmb_point *p, char *buf, size_t len);
/*
 * What a point measured, whatever run or boot measured it: op, state,
 * every parameter, threads, placement, "|"-separated (compare's rows
 * and calibrate's are found by it). Returns buf.
 */
const char *cmb_point_key(const struct cmb_point *p, char *buf, size_t len);
/* "CPU_CYCLES=1234/op L1D_CACHE_REFILL=n/a", or "" without events. */
const char *cmb_point_events(const struct cmb_point *p, char *buf, size_t len);
/* "checked=1000 mismatch=0", or "" without counters. */
const char *cmb_point_counters(const struct cmb_point *p, char *buf, size_t len);

#endif
