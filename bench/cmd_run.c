// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench run OP: measure one operation over a list of sizes, print the
 * table, and append every finished point to the result file as it ends,
 * so Ctrl-C loses only the point in flight.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "device.h"
#include "provenance.h"
#include "report.h"
#include "result.h"

static const char *const state_names[] = { "dirty", "clean", "cold", NULL };

struct run_args {
	struct cmb_sizes sizes;
	uint64_t offset;
	unsigned int state;
	uint64_t iters;
	uint64_t repeat;
	const char *out;
	const char *label;
};

static const struct cmb_option run_opts[] = {
	{ .name = "sizes", .type = CMB_OPT_SIZES,
	  .off = offsetof(struct run_args, sizes),
	  .min = 1, .max = CMBENCH_MAX_SIZE, .def = "4K",
	  .help = "buffer sizes, comma-separated (K, M, G suffixes)" },
	{ .name = "offset", .type = CMB_OPT_SIZE,
	  .off = offsetof(struct run_args, offset),
	  .min = 0, .max = CMBENCH_MAX_OFFSET, .def = "0",
	  .help = "start this many bytes into the buffer" },
	{ .name = "state", .type = CMB_OPT_ENUM,
	  .off = offsetof(struct run_args, state), .choices = state_names,
	  .def = "dirty",
	  .help = "buffer state before each iteration: dirty, clean, cold" },
	{ .name = "iters", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, iters),
	  .min = 1, .max = CMBENCH_MAX_ITERS, .def = "1000",
	  .help = "timed iterations per repeat" },
	{ .name = "repeat", .type = CMB_OPT_U64,
	  .off = offsetof(struct run_args, repeat),
	  .min = 1, .max = CMB_MAX_REPEATS, .def = "1",
	  .help = "separate runs of each point, to see run-to-run spread" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, out),
	  .help = "result file (default cmbench-OP-TIME.jsonl here)" },
	{ .name = "label", .type = CMB_OPT_STR,
	  .off = offsetof(struct run_args, label),
	  .help = "name for this system in tables and plots" },
	{ 0 },
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/*
 * No SA_RESTART: the module's loop sees the signal, stops and returns what
 * it measured with CMBENCH_OUTF_INTERRUPTED; we then stop the sweep.
 */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* One point: R repeats of one ioctl each, merged. 0, 1 interrupted, -errno. */
static int measure_point(struct cmb_dev *d, uint32_t op,
			 const struct cmbench_op_info *oi,
			 const struct run_args *a, uint64_t size,
			 struct cmb_point *p)
{
	static struct cmb_dist one;
	struct cmbench_run req;
	unsigned int r;
	int ret;

	memset(p, 0, sizeof(*p));
	snprintf(p->op, sizeof(p->op), "%s", oi->name);
	snprintf(p->impl, sizeof(p->impl), "%s", oi->impl);
	p->iters = a->iters;
	if (oi->flags & CMBENCH_OPF_BUFFER) {
		snprintf(p->state, sizeof(p->state), "%s", state_names[a->state]);
		p->size = size;
		p->offset = a->offset;
	}

	for (r = 0; r < a->repeat; r++) {
		memset(&req, 0, sizeof(req));
		req.op = op;
		req.iters = a->iters;
		if (oi->flags & CMBENCH_OPF_BUFFER) {
			req.size = size;
			req.offset = a->offset;
			req.state = a->state;
		}
		cmb_dist_init(&one);
		ret = cmb_dev_run(d, &req, one.hist);
		if (ret)
			return ret;
		one.s.n = req.count;
		one.s.min = req.min_ns;
		one.s.max = req.max_ns;
		one.s.sum = req.sum_ns;
		one.s.sumsq_hi = req.sumsq_hi;
		one.s.sumsq_lo = req.sumsq_lo;
		cmb_dist_merge(&p->dist, &one);
		p->rep[r].n = one.s.n;
		p->rep[r].min = one.s.min;
		p->rep[r].max = one.s.max;
		p->rep[r].p50 = cmb_dist_quantile(&one, 0.5);
		p->rep[r].mean = cmb_dist_mean(&one);
		p->repeats = r + 1;
		p->lines = req.lines;
		p->wall_ns += req.wall_ns;
		if ((req.out_flags & CMBENCH_OUTF_INTERRUPTED) || interrupted) {
			p->interrupted = 1;
			return 1;
		}
	}
	return 0;
}

static FILE *open_output(const struct run_args *a, const char *op,
			 char *path, size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	FILE *f;

	if (a->out) {
		snprintf(path, len, "%s", a->out);
	} else {
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", gmtime(&now));
		snprintf(path, len, "cmbench-%s-%s.jsonl", op, stamp);
	}
	/* Never overwrite: an earlier run's results are worth more than a typo. */
	f = fopen(path, "wx");
	if (!f && errno == EEXIST)
		fprintf(stderr, "cmbench: %s exists; give another -o or move it away\n",
			path);
	else if (!f)
		fprintf(stderr, "cmbench: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

int cmd_run(int argc, char **argv, int full_argc, char **full_argv)
{
	static const char *const buffer_only[] = { "sizes", "offset", "state" };
	static struct cmb_point point;
	struct cmbench_op_info oi;
	struct cmb_header hdr;
	struct run_args a;
	struct cmb_parsed pa;
	struct cmb_dev d;
	char err[512], path[4096];
	const char *dev = getenv("CMBENCH_DEVICE");
	unsigned int i, npoints, done = 0;
	int op, ret = 0;
	FILE *out;

	memset(&a, 0, sizeof(a));
	if (cmd_parse("run", run_opts, &a, argc, argv, &pa, &ret))
		return ret;
	if (pa.npos != 1)
		return cmd_usage_error("run", run_opts,
				       "run takes exactly one operation name");

	if (cmb_dev_open(&d, dev ? dev : CMBENCH_DEVICE, err, sizeof(err))) {
		fprintf(stderr, "cmbench: %s\n", err);
		return 1;
	}
	op = cmb_dev_find_op(&d, pa.pos[0], &oi);
	if (op < 0) {
		fprintf(stderr, "cmbench: unknown operation '%s' (cmbench list "
			"shows the module's)\n", pa.pos[0]);
		cmb_dev_close(&d);
		return 2;
	}
	if (!(oi.flags & CMBENCH_OPF_SUPPORTED)) {
		fprintf(stderr, "cmbench: %s: skipped: %s\n", oi.name, oi.why_unsupported);
		cmb_dev_close(&d);
		return 3;
	}
	if (!(oi.flags & CMBENCH_OPF_BUFFER)) {
		for (i = 0; i < 3; i++) {
			if (pa.given & (1ULL << cmb_opts_index(run_opts, buffer_only[i]))) {
				snprintf(err, sizeof(err), "--%s: operation %s takes no buffer",
					 buffer_only[i], oi.name);
				cmb_dev_close(&d);
				return cmd_usage_error("run", run_opts, err);
			}
		}
	}

	out = open_output(&a, oi.name, path, sizeof(path));
	if (!out) {
		cmb_dev_close(&d);
		return 1;
	}
	cmb_provenance(&hdr, &d, full_argc, full_argv, a.label);
	if (cmb_result_write_header(out, &hdr)) {
		fprintf(stderr, "cmbench: writing %s failed\n", path);
		ret = 1;
		goto out;
	}
	cmb_report_header(stdout, &hdr);
	printf("# %s: %s\n", oi.name, oi.impl);
	cmb_report_table_head(stdout);
	fflush(stdout);

	catch_signals();
	npoints = (oi.flags & CMBENCH_OPF_BUFFER) ? a.sizes.n : 1;
	for (i = 0; i < npoints && !interrupted; i++) {
		int r = measure_point(&d, (uint32_t)op, &oi, &a, a.sizes.v[i], &point);

		if (r < 0) {
			fprintf(stderr, "cmbench: %s: run failed: %s\n", oi.name,
				strerror(-r));
			ret = 1;
			break;
		}
		if (r == 1) {
			interrupted = 1;	/* the point in flight is not kept */
			break;
		}
		if (cmb_result_write_point(out, &point)) {
			fprintf(stderr, "cmbench: writing %s failed\n", path);
			ret = 1;
			break;
		}
		cmb_report_row(stdout, &point);
		fflush(stdout);
		done++;
	}
	if (interrupted) {
		fprintf(stderr, "cmbench: interrupted: %u finished point%s kept in %s\n",
			done, done == 1 ? "" : "s", path);
		if (!ret)
			ret = 130;
	} else if (!ret) {
		printf("# %u point%s written to %s\n", done, done == 1 ? "" : "s", path);
	}
out:
	if (fclose(out) && !ret) {
		fprintf(stderr, "cmbench: closing %s: %s\n", path, strerror(errno));
		ret = 1;
	}
	cmb_dev_close(&d);
	return ret;
}
