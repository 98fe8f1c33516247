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

#include "result/machine.h"
#include "compare/publish.h"
#include "result/record.h"
#include "result/schema.h"
#include "result/result.h"
#include "util/files.h"

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

/* One build a machine's files were measured with. */
struct build {
	char file[256];
	char kernel_release[65], kernel_version[128], config_sha256[65];
	char kernel_build_id[64], module_version[32], module_build_id[64];
	char cmbench_version[64], command[1024];
};

/* A machine's provenance: the first file's header, every boot and build. */
struct provenance {
	char machine[96];
	struct cmb_header h;
	char frequency_policy[128];
	unsigned int nboots, nfiles;
	char boot_id[CMB_PUBLISH_MAX_FILES][40];
	char file[CMB_PUBLISH_MAX_FILES][256];
	struct build build[CMB_PUBLISH_MAX_FILES];
};

#define PROV	struct provenance

static const struct cmb_field build_fields[] = {
	CMB_STR("file", struct build, file),
	CMB_STR("kernel_release", struct build, kernel_release),
	CMB_STR("kernel_version", struct build, kernel_version),
	CMB_STR("config_sha256", struct build, config_sha256),
	CMB_STR("kernel_build_id", struct build, kernel_build_id),
	CMB_STR("module_version", struct build, module_version),
	CMB_STR("module_build_id", struct build, module_build_id),
	CMB_STR("cmbench_version", struct build, cmbench_version),
	CMB_STR("command", struct build, command),
	{ 0 }
};

/* The machine in the words and tables of the result header (schema_header.c). */
static const struct cmb_field provenance_fields[] = {
	CMB_STR("machine", PROV, machine),
	CMB_STR("arch", PROV, h.machine),
	CMB_VAL("midr", CMB_F_HEX32, PROV, h.midr),
	CMB_STR("cpu_part", PROV, h.cpu_part),
	CMB_VAL("cpus", CMB_F_U32, PROV, h.n_cpus),
	CMB_VAL("dcache_line", CMB_F_U32, PROV, h.dcache_line),
	CMB_VAL("cwg", CMB_F_U32, PROV, h.cwg),
	CMB_ARRAY("caches", PROV, h.topo.c, h.topo.n, cmb_cache_fields),
	CMB_STR("frequency_policy", PROV, frequency_policy),
	CMB_STR("preempt", PROV, h.preempt),
	CMB_OBJ_AT("emulator", PROV, h, cmb_emulator_fields),
	CMB_VEC("boot_ids", CMB_F_STR, PROV, boot_id, nboots),
	CMB_VEC("files", CMB_F_STR, PROV, file, nfiles),
	CMB_ARRAY("builds", PROV, build, nfiles, build_fields),
	{ 0 }
};

/* Adds h's boot to v's list, once. */
static void add_boot(struct provenance *v, const struct cmb_header *h)
{
	unsigned int i;

	if (!*h->boot_id)
		return;
	for (i = 0; i < v->nboots; i++)
		if (!strcmp(v->boot_id[i], h->boot_id))
			return;
	snprintf(v->boot_id[v->nboots++], sizeof(v->boot_id[0]), "%s", h->boot_id);
}

static void add_build(struct provenance *v, const struct cmb_header *h, const char *file)
{
	struct build *b = &v->build[v->nfiles];

	snprintf(v->file[v->nfiles++], sizeof(v->file[0]), "%s", file);
	snprintf(b->file, sizeof(b->file), "%s", file);
	snprintf(b->kernel_release, sizeof(b->kernel_release), "%s", h->kernel_release);
	snprintf(b->kernel_version, sizeof(b->kernel_version), "%s", h->kernel_version);
	snprintf(b->config_sha256, sizeof(b->config_sha256), "%s", h->config_sha256);
	snprintf(b->kernel_build_id, sizeof(b->kernel_build_id), "%s", h->kernel_build_id);
	snprintf(b->module_version, sizeof(b->module_version), "%s", h->module_version);
	snprintf(b->module_build_id, sizeof(b->module_build_id), "%s", h->module_build_id);
	snprintf(b->cmbench_version, sizeof(b->cmbench_version), "%s", h->tool_version);
	snprintf(b->command, sizeof(b->command), "%s", h->command);
}

/* One machine's provenance: from its files' headers, every boot named. */
static int provenance(const struct cmb_publish *p, unsigned int k, const char *dir,
		      char *err, size_t len)
{
	struct provenance *v = calloc(1, sizeof(*v));
	struct cmb_header *h = malloc(sizeof(*h));
	char path[2048];
	unsigned int i;
	int ret = -1;
	FILE *f;

	if (!v || !h) {
		snprintf(err, len, "out of memory");
		goto out;
	}
	snprintf(v->machine, sizeof(v->machine), "%s", p->machine[k]);
	for (i = 0; i < p->nfiles; i++) {
		if (p->file[i].machine != k)
			continue;
		snprintf(path, sizeof(path), "%s/data/%s", dir, p->file[i].name);
		if (cmb_result_read_header(path, h, err, len))
			goto out;
		if (!v->nfiles) {
			v->h = *h;
			freq_policy(h, v->frequency_policy, sizeof(v->frequency_policy));
		}
		add_boot(v, h);
		add_build(v, h, path + strlen(dir) + 1);
	}
	if (!v->nfiles) {
		snprintf(err, len, "provenance of %s: no file", p->machine[k]);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/provenance/%s.json", dir, p->slug[k]);
	f = fopen(path, "w");
	if (!f || cmb_record_write(f, provenance_fields, v, 1) || fclose(f)) {
		snprintf(err, len, "%s: cannot write", path);
		goto out;
	}
	ret = 0;
out:
	free(v);
	free(h);
	return ret;
}

/*
 * manifest.tsv: what reproduce.sh renders, in the order given: each result
 * file with its machine's letter and kinds of points, each A/B directory.
 */
static int manifest(const struct cmb_publish *p, const char *dir, const char *command,
		    char *err, size_t len)
{
	char path[2048];
	unsigned int i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/manifest.tsv", dir);
	f = fopen(path, "w");
	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "# written by: %s\n# kind\tmachine\tpoints\tpath\n", command);
	for (i = 0; i < p->nfiles; i++) {
		const struct cmb_publish_file *pf = &p->file[i];

		if (!pf->ab)
			fprintf(f, "file\t%c\t%s\tdata/%s\n", cmb_machine_letter(pf->machine),
				pf->flush && pf->threads ? "flush,threads" : pf->flush ? "flush" :
				pf->threads ? "threads" : "-", pf->name);
	}
	for (i = 0; i < p->nab; i++)
		fprintf(f, "ab\t%u\t-\tdata/ab-%u\n", i + 1, i + 1);
	if (fclose(f)) {
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
					       "compare-ops.gp", "plot.sh" };
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
	snprintf(a, sizeof(a), "%s/reproduce.sh", plots_dir);
	snprintf(b, sizeof(b), "%s/reproduce.sh", dir);
	if (copy(a, b, err, len) || chmod(b, 0755)) {
		if (!*err)
			snprintf(err, len, "%s: %s", b, strerror(errno));
		return -1;
	}
	return manifest(p, dir, command, err, len);
}
