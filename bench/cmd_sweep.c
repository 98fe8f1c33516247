// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench sweep: many runs into one result file. A spec is lines of
 * "cmbench run" arguments (op and options, no -o); every line is checked
 * before anything runs, ops this kernel cannot run are skipped with the
 * reason, and each finished point is appended and synced. --resume
 * continues a file where it stopped, refusing when the spec or the kernel
 * differ from the file's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "provenance.h"
#include "report.h"

#define MAX_LINES	64
#define MAX_WORDS	32

static const char *const preset_names[] = { "none", "quick", "full", NULL };

/* quick: a minute or two per target under emulation; full: the picture. */
static const char preset_quick[] =
	"null --iters 10000\n"
	"flush --sizes 64,4K,64K,1M --iters 100 --precision 2 --budget 2\n"
	"vm_map_ram --pages 1,16,128 --iters 100 --precision 2 --budget 2\n"
	"iopt_map --pages 16 --iters 100 --precision 2 --budget 2\n"
	"kmap --pages 4,600 --iters 100 --precision 2 --budget 2\n";

static const char preset_full[] =
	"null --iters 100000\n"
	"flush --sizes 64,256,1K,4K,16K,64K,256K,1M,4M,16M --state dirty\n"
	"flush --sizes 4K,64K,1M --state clean\n"
	"flush --sizes 4K,64K,1M --state cold\n"
	"clean --sizes 4K,64K,1M\n"
	"inval --sizes 4K,64K,1M\n"
	"clean_pou --sizes 4K,64K\n"
	"dma_map --sizes 4K,64K,1M --dir to_device\n"
	"dma_map --sizes 4K,64K,1M --dir from_device\n"
	"kmap --pages 4,600 --threads 1,2,all\n"
	"kmap_high_get --pages 4\n"
	"kmap_local --pages 4 --threads 1,all\n"
	"vm_map_ram --pages 1,16,64,128 --threads 1,2,all\n"
	"iopt_map --fmt lpae-s1 --pages 1,16,512 --threads 1,all\n"
	"iopt_unmap --fmt lpae-s1 --pages 1,16,512\n";

struct sweep_args {
	unsigned int preset;
	const char *out;
	unsigned int resume;
	unsigned int list;
	const char *label;
};

static const struct cmb_option sweep_opts[] = {
	{ .name = "preset", .type = CMB_OPT_ENUM, .off = offsetof(struct sweep_args, preset),
	  .choices = preset_names, .def = "none", .help = "a built-in spec: quick or full" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct sweep_args, out), .help = "result file (required)" },
	{ .name = "resume", .type = CMB_OPT_FLAG, .off = offsetof(struct sweep_args, resume),
	  .help = "continue -o FILE where it stopped (same spec and kernel only)" },
	{ .name = "list", .type = CMB_OPT_FLAG, .off = offsetof(struct sweep_args, list),
	  .help = "print the points it would measure, measure nothing" },
	{ .name = "label", .type = CMB_OPT_STR, .off = offsetof(struct sweep_args, label),
	  .help = "name for this system in tables and plots" },
	{ 0 },
};

struct sweep_line {
	char text[512];
	int argc;
	char *argv[MAX_WORDS];
	struct run_plan plan;
	int skipped;
};

static struct sweep_line lines[MAX_LINES];

/* FNV-1a: equality of specs, not security. */
static uint64_t digest(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static char *read_spec(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/*
 * Splits spec text into lines of words (a '#' starts a comment); norm gets
 * the words joined by single spaces, a line each, for the digest.
 */
static int split_spec(const char *text, char *norm, size_t normlen, char *err, size_t len)
{
	const char *p = text;
	int n = 0, lineno = 0;

	norm[0] = '\0';
	while (*p) {
		struct sweep_line *ln = &lines[n];
		size_t l = strcspn(p, "\n");
		char *save = NULL, *w;

		lineno++;
		if (l >= sizeof(ln->text)) {
			snprintf(err, len, "spec line %d is too long", lineno);
			return -1;
		}
		memcpy(ln->text, p, l);
		ln->text[l] = '\0';
		p += l + (p[l] == '\n');
		ln->text[strcspn(ln->text, "#")] = '\0';
		ln->argc = 0;
		for (w = strtok_r(ln->text, " \t\r", &save); w;
		     w = strtok_r(NULL, " \t\r", &save)) {
			if (ln->argc == MAX_WORDS) {
				snprintf(err, len, "spec line %d has too many words", lineno);
				return -1;
			}
			ln->argv[ln->argc++] = w;
			snprintf(norm + strlen(norm), normlen - strlen(norm), "%s%s",
				 ln->argc > 1 ? " " : "", w);
		}
		if (!ln->argc)
			continue;
		snprintf(norm + strlen(norm), normlen - strlen(norm), "\n");
		if (++n == MAX_LINES && *p) {
			snprintf(err, len, "spec has more than %d runs", MAX_LINES - 1);
			return -1;
		}
	}
	if (!n)
		snprintf(err, len, "the spec has no runs");
	return n ? n : -1;
}

/* Plans every line; unsupported ops are skipped, anything else wrong stops. */
static int plan_all(struct cmb_dev *d, int n, unsigned int *total)
{
	struct cmbench_op_info oi;
	int i, ret;

	*total = 0;
	for (i = 0; i < n; i++) {
		struct sweep_line *l = &lines[i];

		if (cmb_dev_find_op(d, l->argv[0], &oi) >= 0 &&
		    !(oi.flags & CMBENCH_OPF_SUPPORTED)) {
			fprintf(stderr, "cmbench sweep: run %d: %s: skipped: %s\n", i + 1,
				oi.name, oi.why_unsupported);
			l->skipped = 1;
			continue;
		}
		ret = cmb_plan_make(&l->plan, d, "sweep", l->argc, l->argv);
		if (ret) {
			fprintf(stderr, "cmbench sweep: run %d of the spec is wrong\n", i + 1);
			return ret < 0 ? 2 : ret;
		}
		if (l->plan.given_out || l->plan.given_label) {
			fprintf(stderr, "cmbench sweep: run %d: -o and --label belong on the "
				"sweep, not its runs\n", i + 1);
			return 2;
		}
		*total += cmb_plan_points(&l->plan);
	}
	return 0;
}

/* The points it would measure, named as export names them. */
static void list_points(int n)
{
	static struct cmb_point p;
	char param[48];
	unsigned int k;
	int i;

	for (i = 0; i < n; i++) {
		const struct run_plan *pl = &lines[i].plan;

		if (lines[i].skipped)
			continue;
		for (k = 0; k < cmb_plan_points(pl); k++) {
			cmb_plan_describe(pl, k, &p);
			printf("%s\t%s\t%u\n", p.op, cmb_point_param(&p, param, sizeof(param)),
			       p.threads);
		}
	}
}

static unsigned int progress_done, progress_total;
static time_t progress_t0;

static void progress(const struct run_plan *pl, unsigned int i)
{
	double elapsed = difftime(time(NULL), progress_t0);
	unsigned int k = progress_done;

	(void)i;
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "[point %u of %u] %s", k + 1, progress_total, pl->oi.name);
	if (k)
		fprintf(stderr, ", about %.0f s left", elapsed / k * (progress_total - k));
	fputc('\n', stderr);
}

/* 0 and the points already in path, or -1 and why it cannot be resumed. */
static int check_resume(const char *path, const char *dig, struct cmb_dev *d,
			unsigned int *have, char *err, size_t len)
{
	static struct cmb_point p;
	struct cmb_reader r;
	struct cmb_header h;
	struct utsname u;
	int ret;

	if (cmb_result_open(&r, path, &h, err, len))
		return -1;
	ret = -1;
	uname(&u);
	if (strcmp(h.sweep_digest, dig))
		snprintf(err, len, "%s was written by another spec (digest %s, this one %s)",
			 path, *h.sweep_digest ? h.sweep_digest : "none", dig);
	else if (strcmp(h.kernel_release, u.release) ||
		 strcmp(h.module_release, d->info.release))
		snprintf(err, len, "%s was measured on kernel %s, this is %s", path,
			 h.kernel_release, u.release);
	else
		ret = 0;
	*have = 0;
	if (!ret) {
		int got;

		while ((got = cmb_result_next(&r, &p, err, len)) > 0)
			(*have)++;
		ret = got;	/* 0 at the end, -1 on a damaged record */
	}
	cmb_result_close(&r);
	return ret;
}

int cmd_sweep(int argc, char **argv, int full_argc, char **full_argv)
{
	static char norm[MAX_LINES * 512];
	struct sweep_args a = { 0 };
	struct cmb_parsed pa;
	struct cmb_header hdr;
	struct cmb_dev d;
	char err[512], dig[24], *text = NULL;
	const char *dev = getenv("CMBENCH_DEVICE");
	unsigned int total, have = 0, done = 0, skip;
	int n, i, ret;
	FILE *out = NULL;

	if (cmd_parse("sweep", sweep_opts, &a, argc, argv, &pa, &ret))
		return ret;
	if (a.preset && pa.npos)
		return cmd_usage_error("sweep", sweep_opts, "give a spec file or --preset, not both");
	if (!a.preset && pa.npos != 1)
		return cmd_usage_error("sweep", sweep_opts, "give a spec file or --preset");
	if (!a.out && !a.list)
		return cmd_usage_error("sweep", sweep_opts, "-o FILE is required");
	if (a.preset) {
		text = strdup(a.preset == 1 ? preset_quick : preset_full);
	} else if (!(text = read_spec(pa.pos[0]))) {
		fprintf(stderr, "cmbench sweep: %s: %s\n", pa.pos[0], strerror(errno));
		return 1;
	}
	n = split_spec(text, norm, sizeof(norm), err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "cmbench sweep: %s\n", err);
		free(text);
		return 2;
	}
	snprintf(dig, sizeof(dig), "%016" PRIx64, digest(norm));

	if (cmb_dev_open(&d, dev ? dev : CMBENCH_DEVICE, err, sizeof(err))) {
		fprintf(stderr, "cmbench: %s\n", err);
		free(text);
		return 1;
	}
	ret = plan_all(&d, n, &total);
	if (ret || a.list) {
		if (!ret)
			list_points(n);
		goto out;
	}

	if (a.resume) {
		if (check_resume(a.out, dig, &d, &have, err, sizeof(err))) {
			fprintf(stderr, "cmbench sweep: cannot resume: %s\n", err);
			ret = 2;
			goto out;
		}
		if (have >= total) {
			printf("# sweep already complete: %u points in %s\n", have, a.out);
			goto out;
		}
		out = fopen(a.out, "a");
	} else {
		out = fopen(a.out, "wx");
		if (!out && errno == EEXIST) {
			fprintf(stderr, "cmbench sweep: %s exists; --resume to continue it, "
				"or give another -o\n", a.out);
			ret = 1;
			goto out;
		}
	}
	if (!out) {
		fprintf(stderr, "cmbench sweep: %s: %s\n", a.out, strerror(errno));
		ret = 1;
		goto out;
	}
	cmb_provenance(&hdr, &d, full_argc, full_argv, a.label);
	snprintf(hdr.sweep_digest, sizeof(hdr.sweep_digest), "%s", dig);
	cmb_topo_read(&hdr.topo, &d, NULL, err, sizeof(err));
	hdr.sweep_points = total;
	if (!a.resume && cmb_result_write_header(out, &hdr)) {
		fprintf(stderr, "cmbench sweep: writing %s failed\n", a.out);
		ret = 1;
		goto out;
	}
	cmb_report_header(stdout, &hdr);
	printf("# sweep %s: %u points%s\n", dig, total, have ? ", resuming" : "");
	cmb_report_table_head(stdout);
	progress_total = total;
	progress_done = have;
	progress_t0 = time(NULL);

	skip = have;
	for (i = 0; i < n && !ret; i++) {
		unsigned int pts, before = done;

		if (lines[i].skipped)
			continue;
		pts = cmb_plan_points(&lines[i].plan);
		if (skip >= pts) {
			skip -= pts;
			continue;
		}
		ret = cmb_plan_execute(&lines[i].plan, &d, out, a.out, skip, &done, progress);
		progress_done += done - before;
		skip = 0;
	}
	if (ret == 130)
		fprintf(stderr, "cmbench sweep: interrupted: %u of %u points in %s; "
			"--resume continues\n", have + done, total, a.out);
	else if (!ret)
		printf("# sweep complete: %u points in %s\n", have + done, a.out);
out:
	if (out && fclose(out) && !ret)
		ret = 1;
	cmb_dev_close(&d);
	free(text);
	return ret;
}
