// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "result/machine.h"
#include "compare/matrix.h"
#include "compare/publish.h"
#include "result/result.h"
#include "util/files.h"

/* What the scan needs of a file: its header and what kinds of points. */
struct scan {
	struct cmb_header h;
	int flush, threads;
};

static int scan_header(const struct cmb_header *h, void *arg)
{
	((struct scan *)arg)->h = *h;
	return 0;
}

static void scan_point(const struct cmb_point *p, void *arg)
{
	struct scan *s = arg;

	s->flush |= !strcmp(p->op, "flush") && p->threads == 1;
	s->threads |= p->threads > 1;
}

static void slugify(const char *name, char *out, size_t len)
{
	size_t n = 0;
	int dash = 0;

	for (; *name && n + 1 < len; name++) {
		if (isalnum((unsigned char)*name)) {
			if (dash && n)
				out[n++] = '-';
			if (n + 1 < len)
				out[n++] = (char)tolower((unsigned char)*name);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
}

static int add_file(struct cmb_publish *p, const char *path, unsigned int ab, const char *rel,
		    char *err, size_t len)
{
	struct scan *s = calloc(1, sizeof(*s));
	struct cmb_publish_file *f;
	const char *base = strrchr(path, '/');
	char name[96];
	unsigned int k;

	if (!s) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	if (p->nfiles == CMB_PUBLISH_MAX_FILES) {
		snprintf(err, len, "%s: more than %d result files", path, CMB_PUBLISH_MAX_FILES);
		free(s);
		return -1;
	}
	if (cmb_result_each(path, scan_header, scan_point, s, err, len)) {
		free(s);
		return -1;
	}
	cmb_machine_name(&s->h, name, sizeof(name));
	for (k = 0; k < p->nmachines && strcmp(p->machine[k], name); k++)
		;
	if (k == p->nmachines) {
		snprintf(p->machine[k], sizeof(p->machine[k]), "%s", name);
		slugify(name, p->slug[k], sizeof(p->slug[k]));
		p->nmachines++;
	}
	snprintf(name, sizeof(name), "%s", p->slug[k]);
	f = &p->file[p->nfiles++];
	snprintf(f->src, sizeof(f->src), "%s", path);
	/* Numbered: two inputs may share a base name. */
	if (ab)
		snprintf(f->name, sizeof(f->name), "ab-%u/%s", ab, rel);
	else
		snprintf(f->name, sizeof(f->name), "%02u-%s-%s", p->nfiles, name,
			 base ? base + 1 : path);
	f->machine = k;
	f->ab = ab;
	p->nab_files += ab ? 1 : 0;
	f->flush = s->flush;
	f->threads = s->threads;
	free(s);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int jsonl(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 6 && !strcmp(d->d_name + n - 6, ".jsonl");
}

/* An A/B runner's directory: the boots its index lists as finished. */
static int add_ab(struct cmb_publish *p, const char *dir, char *err, size_t len)
{
	char index[2048], path[2048], line[1024], file[512], status[32];
	int ret = 0;
	FILE *f;

	if (p->nab == CMB_PUBLISH_MAX_AB) {
		snprintf(err, len, "%s: more than %d A/B directories", dir, CMB_PUBLISH_MAX_AB);
		return -1;
	}
	snprintf(p->ab[p->nab++], sizeof(p->ab[0]), "%s", dir);
	snprintf(index, sizeof(index), "%s/index.tsv", dir);
	f = fopen(index, "r");
	if (!f) {
		snprintf(err, len, "%s: %s", index, strerror(errno));
		return -1;
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		if (line[0] == '#' ||
		    sscanf(line, "%*s\t%*s\t%511s\t%*s\t%*s\t%31s", file, status) != 2 ||
		    strcmp(status, "ok"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		ret = add_file(p, path, p->nab, file, err, len);
	}
	fclose(f);
	return ret;
}

static int add_dir(struct cmb_publish *p, const char *dir, char *err, size_t len)
{
	struct dirent **list;
	char path[2048];
	int i, n, ret = 0;

	snprintf(path, sizeof(path), "%s/index.tsv", dir);
	if (!access(path, R_OK))
		return add_ab(p, dir, err, len);
	n = scandir(dir, &list, jsonl, by_name);
	if (n < 0) {
		snprintf(err, len, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!n) {
		snprintf(err, len, "%s: no result files (*.jsonl) and no index.tsv", dir);
		ret = -1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		if (!ret && add_file(p, path, 0, NULL, err, len))
			ret = -1;
		free(list[i]);
	}
	free(list);
	return ret;
}

int cmb_publish_scan(struct cmb_publish *p, char *const *args, int n, char *err, size_t len)
{
	struct stat st;
	int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < n; i++) {
		if (stat(args[i], &st)) {
			snprintf(err, len, "%s: %s", args[i], strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode) ? add_dir(p, args[i], err, len) :
		    add_file(p, args[i], 0, NULL, err, len))
			return -1;
	}
	return 0;
}

const char *cmb_publish_plots_dir(char *buf, size_t len)
{
	const char *env = getenv("CMBENCH_PLOTS");
	char exe[PATH_MAX], probe[PATH_MAX + 64];
	ssize_t n;

	if (env && *env) {
		snprintf(buf, len, "%s", env);
		return buf;
	}
	/* build/host/cmbench in the source tree: plots/ is two levels up. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		snprintf(probe, sizeof(probe), "%s/../../plots/flush-cost.gp", exe);
		if (!access(probe, R_OK)) {
			snprintf(buf, len, "%s/../../plots", exe);
			return buf;
		}
	}
	snprintf(buf, len, "/usr/share/cmbench/plots");
	return buf;
}

static int copy(const char *from, const char *to, char *err, size_t len)
{
	FILE *in = fopen(from, "rb"), *out;
	char buf[65536];
	size_t n;
	int bad = 0;

	if (!in) {
		snprintf(err, len, "%s: %s", from, strerror(errno));
		return -1;
	}
	out = fopen(to, "wb");
	if (!out) {
		snprintf(err, len, "%s: %s", to, strerror(errno));
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)))
		bad |= fwrite(buf, 1, n, out) != n;
	bad |= ferror(in);
	fclose(in);
	if (fclose(out) || bad) {
		snprintf(err, len, "%s: copy failed", to);
		return -1;
	}
	return 0;
}

/* An A/B runner's index, sides and order, as data/ab-N (its boots are files). */
static int copy_ab(const char *from, const char *dir, unsigned int k, char *err, size_t len)
{
	static const char *const meta[] = { "index.tsv", "sides", "order" };
	char a[2048], b[2048];
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(a, sizeof(a), "%s/%s", from, meta[i]);
		snprintf(b, sizeof(b), "%s/data/ab-%u/%s", dir, k + 1, meta[i]);
		if (!access(a, R_OK) && copy(a, b, err, len))
			return -1;
	}
	return 0;
}

/* "held at 1800 MHz", "ondemand, 600-1800 MHz", "no cpufreq". */
static void freq_policy(const struct cmb_header *h, char *buf, size_t len)
{
	uint32_t lo = UINT32_MAX, hi = 0;
	const char *gov = NULL;
	unsigned int i;

	for (i = 0; i < h->n_cpu_info && i < CMB_MAX_CPUS; i++) {
		const struct cmb_cpu *c = &h->cpu[i];

		if (!c->online || !*c->governor)
			continue;
		gov = c->governor;
		lo = c->min_khz < lo ? c->min_khz : lo;
		hi = c->max_khz > hi ? c->max_khz : hi;
	}
	if (!gov)
		snprintf(buf, len, "no cpufreq: the frequency is not under the kernel's control"
			 "%s", h->emu.emulated ? " (emulated)" : "");
	else if (lo == hi)
		snprintf(buf, len, "%s, held at %u MHz", gov, hi / 1000);
	else
		snprintf(buf, len, "%s, %u-%u MHz", gov, lo / 1000, hi / 1000);
}

static json_t *caches_json(const struct cmb_header *h)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < h->topo.n; i++) {
		const struct cmb_cache *c = &h->topo.c[i];

		json_array_append_new(a, json_pack("{s:i, s:s, s:I, s:i, s:i, s:i, s:s}",
						   "level", (int)c->level, "type", c->type,
						   "size", (json_int_t)c->size, "line", (int)c->line,
						   "ways", (int)c->ways, "sets", (int)c->sets,
						   "source", c->source));
	}
	return a;
}

/* One machine's provenance: from its files' headers, every boot named. */
static int provenance(const struct cmb_publish *p, unsigned int k, const char *dir,
		      char *err, size_t len)
{
	struct cmb_header *h = malloc(sizeof(*h));
	json_t *root = NULL, *boots = json_array(), *files = json_array(), *kernels = json_array();
	char path[2048], freq[128], midr[16];
	unsigned int i;
	int first = 1, ret = -1;

	if (!h)
		goto out;
	for (i = 0; i < p->nfiles; i++) {
		if (p->file[i].machine != k)
			continue;
		snprintf(path, sizeof(path), "%s/data/%s", dir, p->file[i].name);
		if (cmb_result_read_header(path, h, err, len))
			goto out;
		json_array_append_new(files, json_string(path + strlen(dir) + 1));
		if (*h->boot_id && !json_array_size(boots))
			json_array_append_new(boots, json_string(h->boot_id));
		else if (*h->boot_id) {
			size_t j;
			json_t *v;
			int seen = 0;

			json_array_foreach(boots, j, v)
				seen |= !strcmp(json_string_value(v), h->boot_id);
			if (!seen)
				json_array_append_new(boots, json_string(h->boot_id));
		}
		json_array_append_new(kernels, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "file",
			path + strlen(dir) + 1, "kernel_release", h->kernel_release,
			"kernel_version", h->kernel_version, "config_sha256", h->config_sha256,
			"kernel_build_id", h->kernel_build_id, "module_version", h->module_version,
			"module_build_id", h->module_build_id, "cmbench_version", h->tool_version,
			"command", h->command));
		if (!first)
			continue;
		first = 0;
		freq_policy(h, freq, sizeof(freq));
		snprintf(midr, sizeof(midr), "0x%08x", h->midr);
		root = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:o, s:s, s:s, s:o}",
				 "machine", p->machine[k], "arch", h->machine, "midr", midr,
				 "cpu_part", h->cpu_part, "cpus", (int)h->n_cpus,
				 "dcache_line", (int)h->dcache_line, "cwg", (int)h->cwg,
				 "caches", caches_json(h), "frequency_policy", freq,
				 "preempt", h->preempt, "emulator", h->emu.emulated ?
				 json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", h->emu.name,
					   "version", h->emu.version, "accel", h->emu.accel,
					   "cpu", h->emu.cpu, "host_cpus", (int)h->emu.host_cpus) :
				 json_null());
	}
	if (!root) {
		snprintf(err, len, "provenance of %s: no file", p->machine[k]);
		goto out;
	}
	json_object_set(root, "boot_ids", boots);
	json_object_set(root, "files", files);
	json_object_set(root, "builds", kernels);
	snprintf(path, sizeof(path), "%s/provenance/%s.json", dir, p->slug[k]);
	if (json_dump_file(root, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER)) {
		snprintf(err, len, "%s: cannot write", path);
		goto out;
	}
	ret = 0;
out:
	json_decref(root);
	json_decref(boots);
	json_decref(files);
	json_decref(kernels);
	free(h);
	return ret;
}

/* Machine k's result files as a shell variable named by its letter. */
static void files_var(FILE *f, const struct cmb_publish *p, unsigned int k)
{
	unsigned int i;

	fprintf(f, "%c='", cmb_machine_letter(k));
	for (i = 0; i < p->nfiles; i++)
		if (!p->file[i].ab && p->file[i].machine == k)
			fprintf(f, "\n\tdata/%s", p->file[i].name);
	fprintf(f, "'\n");
}

/* Every machine's variable: " $X $Y $Z". */
static void all_vars(FILE *f, const struct cmb_publish *p)
{
	unsigned int k;

	for (k = 0; k < p->nmachines; k++)
		fprintf(f, " $%c", cmb_machine_letter(k));
}

static void tsvs_of(FILE *f, const struct cmb_publish *p, int only_flush, int only_threads)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < p->nfiles; i++)
		if (!p->file[i].ab && (!only_flush || p->file[i].flush) &&
		    (!only_threads || p->file[i].threads))
			fprintf(f, "%splots/%.*s.tsv", n++ ? " " : "",
				(int)strlen(p->file[i].name) - 6, p->file[i].name);
}

static int any(const struct cmb_publish *p, int flush)
{
	unsigned int i;

	for (i = 0; i < p->nfiles; i++)
		if (!p->file[i].ab && (flush ? p->file[i].flush : p->file[i].threads))
			return 1;
	return 0;
}

static int reproduce(const struct cmb_publish *p, const char *dir, const char *command,
		     char *err, size_t len)
{
	char path[2048];
	unsigned int i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/reproduce.sh", dir);
	f = fopen(path, "w");
	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "#!/bin/sh\n"
		"# Renders every plot of this bundle from its own data, on any host,\n"
		"# with gnuplot alone. With cmbench ($CMBENCH, or cmbench on PATH) it\n"
		"# first derives summary.txt and the plots' data (plots/*.tsv,\n"
		"# plots/*/*.dat) from data/ again; they come out byte-identical.\n"
		"# No module and no board are needed.\n"
		"# Written by: %s\n"
		"set -eu\ncd \"$(dirname \"$0\")\"\nCMBENCH=${CMBENCH:-cmbench}\n\n"
		"# The result files of each machine; X is the baseline.\n", command);
	for (i = 0; i < p->nmachines; i++)
		files_var(f, p, i);
	fprintf(f, "\nif command -v \"$CMBENCH\" >/dev/null 2>&1; then\n");
	if (p->nfiles > p->nab_files) {
		fprintf(f, "\t\"$CMBENCH\" report --mail");
		all_vars(f, p);
		fprintf(f, " >summary.txt\n");
	} else {
		fprintf(f, "\t: >summary.txt\n");
	}
	if (p->nmachines == 2)
		fprintf(f, "\t{ echo; \"$CMBENCH\" compare --plot-data plots/compare $X vs $Y; } "
			">>summary.txt\n");
	if (p->nmachines >= 2) {
		fprintf(f, "\t%s\"$CMBENCH\" compare --matrix --plot-data plots/matrix",
			p->nmachines > 2 ? "{ echo; " : "");
		all_vars(f, p);
		fprintf(f, "%s\n", p->nmachines > 2 ? "; } >>summary.txt" : " >/dev/null");
	}
	/* A blank line between blocks, none before the first. */
	for (i = 0; i < p->nab; i++)
		fprintf(f, "\t{ %s\"$CMBENCH\" compare --plot-data plots/ab-%u data/ab-%u; }"
			" >>summary.txt\n", i || p->nfiles > p->nab_files ? "echo; " : "",
			i + 1, i + 1);
	for (i = 0; i < p->nfiles; i++)
		if (!p->file[i].ab && (p->file[i].flush || p->file[i].threads))
			fprintf(f, "\t\"$CMBENCH\" export -o plots/%.*s.tsv data/%s\n",
				(int)strlen(p->file[i].name) - 6, p->file[i].name, p->file[i].name);
	fprintf(f, "else\n\techo \"reproduce.sh: no cmbench: rendering the bundle's own plot data\" "
		">&2\nfi\n\n"
		"command -v gnuplot >/dev/null || { echo \"reproduce.sh: needs gnuplot\" >&2; "
		"exit 1; }\n");
	if (any(p, 1)) {
		fprintf(f, "gnuplot -e \"files='");
		tsvs_of(f, p, 1, 0);
		fprintf(f, "'; out='flush-cost'\" plots/flush-cost.gp\n");
	}
	if (any(p, 0)) {
		fprintf(f, "gnuplot -e \"files='");
		tsvs_of(f, p, 0, 1);
		fprintf(f, "'; out='contention'\" plots/contention.gp\n");
	}
	if (p->nmachines == 2)
		fprintf(f, "gnuplot -e \"dir='plots/compare'; out='compare-ratio'\" "
			"plots/compare-ratio.gp\n");
	if (p->nmachines >= 2)
		fprintf(f, "gnuplot -e \"dir='plots/matrix'; out='compare-ops'\" "
			"plots/compare-ops.gp\n");
	for (i = 0; i < p->nab; i++)
		fprintf(f, "gnuplot -e \"dir='plots/ab-%u'; out='ab-%u-ratio'\" "
			"plots/compare-ratio.gp\n"
			"gnuplot -e \"dir='plots/ab-%u'; out='ab-%u-boots'\" plots/compare-boots.gp\n",
			i + 1, i + 1, i + 1, i + 1);
	if (fclose(f) || chmod(path, 0755)) {
		snprintf(err, len, "%s: write failed", path);
		return -1;
	}
	return 0;
}

/* What a bundle holds besides its top-level files. */
static const char *const bundle_dirs[] = { "data", "plots", "provenance" };
#define N_BUNDLE_DIRS	(sizeof(bundle_dirs) / sizeof(bundle_dirs[0]))

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * Writing a bundle again: what an earlier publish wrote goes first, so
 * that no plot or result file of the old set is left to be mistaken for
 * the new.
 */
static int clear_bundle(const char *dir, char *err, size_t len)
{
	struct dirent *e;
	char path[2048];
	unsigned int i;
	DIR *d;

	for (i = 0; i < N_BUNDLE_DIRS; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, bundle_dirs[i]);
		if (!access(path, F_OK) && nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS)) {
			snprintf(err, len, "%s: cannot remove the old bundle's files", path);
			return -1;
		}
	}
	d = opendir(dir);
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if ((n > 4 && (!strcmp(e->d_name + n - 4, ".svg") ||
			       !strcmp(e->d_name + n - 4, ".png"))) ||
		    !strcmp(e->d_name, "summary.txt")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			remove(path);
		}
	}
	if (d)
		closedir(d);
	return 0;
}

int cmb_publish_write(const struct cmb_publish *p, const char *dir, const char *plots_dir,
		      const char *command, char *err, size_t len)
{
	static const char *const scripts[] = { "flush-cost.gp", "contention.gp", "groups.awk",
					       "compare-ratio.gp", "compare-boots.gp",
					       "compare-ops.gp" };
	char a[2048], b[2048];
	unsigned int i;

	if (!p->nfiles && !p->nab) {
		snprintf(err, len, "nothing to publish");
		return -1;
	}
	snprintf(a, sizeof(a), "%s/reproduce.sh", dir);
	if (!access(dir, F_OK) && access(a, F_OK)) {
		DIR *d = opendir(dir);
		struct dirent *e;
		int empty = 1;

		while (d && (e = readdir(d)))
			empty &= e->d_name[0] == '.';
		if (d)
			closedir(d);
		if (!empty) {
			snprintf(err, len, "%s: exists and is not a bundle: give a new directory",
				 dir);
			return -1;
		}
	}
	if (!access(a, F_OK) && clear_bundle(dir, err, len))
		return -1;
	for (i = 0; i < N_BUNDLE_DIRS; i++) {
		snprintf(a, sizeof(a), "%s/%s", dir, bundle_dirs[i]);
		if (cmb_mkdir_p(a, err, len))
			return -1;
	}
	for (i = 0; i < p->nfiles; i++) {
		snprintf(a, sizeof(a), "%s/data/%s", dir, p->file[i].name);
		if (cmb_mkdir_parents(a, err, len) || copy(p->file[i].src, a, err, len))
			return -1;
	}
	for (i = 0; i < p->nab; i++)
		if (copy_ab(p->ab[i], dir, i, err, len))
			return -1;
	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		snprintf(a, sizeof(a), "%s/%s", plots_dir, scripts[i]);
		snprintf(b, sizeof(b), "%s/plots/%s", dir, scripts[i]);
		if (copy(a, b, err, len))
			return -1;
	}
	for (i = 0; i < p->nmachines; i++)
		if (provenance(p, i, dir, err, len))
			return -1;
	return reproduce(p, dir, command, err, len);
}
