// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench export FILE.jsonl: the TSV the gnuplot scripts in plots/ read.
 * Reads result files only, so it runs on any Linux host with no module.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "options.h"
#include "result.h"
#include "stats.h"

struct export_args {
	const char *out;
};

static const struct cmb_option export_opts[] = {
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct export_args, out),
	  .help = "write the TSV here instead of standard output" },
	{ 0 },
};

static void tsv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("\tNaN", f);
	else
		fprintf(f, "\t%.3f", v);
}

static int export_file(FILE *f, const char *path, char *err, size_t errlen)
{
	static struct cmb_point p;
	char param[48], cnt[160];
	double lo, hi;
	struct cmb_reader r;
	struct cmb_header h;
	struct cmb_summary s;
	int ret;

	if (cmb_result_open(&r, path, &h, err, errlen))
		return -1;
	fprintf(f, "# cmbench-export 1\n# label: %s\n# source: %s\n", h.label, path);
	if (h.emu.emulated)
		fprintf(f, "# emulated: yes (%s %s %s -cpu %s): not hardware timings\n",
			h.emu.name, h.emu.version, h.emu.accel, h.emu.cpu);
	else
		fprintf(f, "# emulated: no\n");
	for (ret = 0; ret < (int)h.topo.n; ret++)
		if (strcmp(h.topo.c[ret].type, "instruction"))
			fprintf(f, "# cache: L%u %s %" PRIu64 "\n", h.topo.c[ret].level,
				h.topo.c[ret].type, h.topo.c[ret].size);
	fprintf(f, "# op\tstate\tsize\toffset\tlines\tn\tmin_ns\tp50_ns\tp90_ns"
		"\tp99_ns\tmax_ns\tmean_ns\tstddev_ns\tns_per_line\tparam\tcounters"
		"\tp999_ns\tci95_lo_ns\tci95_hi_ns\tstop\tthreads\tops_per_s\n");
	while ((ret = cmb_result_next(&r, &p, err, errlen)) > 0) {
		cmb_dist_summary(&p.dist, &s);
		fprintf(f, "%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
			"\t%" PRIu64, p.op, *p.state ? p.state : "-", p.size,
			p.offset, p.lines, s.n, s.min);
		tsv_num(f, s.p50);
		tsv_num(f, s.p90);
		tsv_num(f, s.p99);
		fprintf(f, "\t%" PRIu64, s.max);
		tsv_num(f, s.mean);
		tsv_num(f, s.stddev);
		tsv_num(f, cmb_point_ns_per_line(&p));
		fprintf(f, "\t%s\t%s", cmb_point_param(&p, param, sizeof(param)),
			*cmb_point_counters(&p, cnt, sizeof(cnt)) ?
			cnt : "-");
		if (cmb_median_ci(&p.dist, CMB_Z95, &lo, &hi))
			lo = hi = NAN;
		tsv_num(f, s.p999);
		tsv_num(f, lo);
		tsv_num(f, hi);
		fprintf(f, "\t%s\t%u", p.stop, p.threads);
		tsv_num(f, p.ops_per_s);
		fputc('\n', f);
	}
	cmb_result_close(&r);
	return ret;
}

int cmd_export(int argc, char **argv)
{
	struct export_args a = { 0 };
	struct cmb_parsed pa;
	char err[512];
	FILE *f = stdout;
	int ret;

	if (cmd_parse("export", export_opts, &a, argc, argv, &pa, &ret))
		return ret;
	if (pa.npos != 1)
		return cmd_usage_error("export", export_opts,
				       "export takes exactly one result file");
	if (a.out) {
		f = fopen(a.out, "w");
		if (!f) {
			perror(a.out);
			return 1;
		}
	}
	ret = export_file(f, pa.pos[0], err, sizeof(err));
	if (ret)
		fprintf(stderr, "cmbench: %s\n", err);
	if (f != stdout && fclose(f) && !ret) {
		perror(a.out);
		ret = -1;
	}
	return ret ? 1 : 0;
}
