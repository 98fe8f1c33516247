// SPDX-License-Identifier: GPL-2.0
/*
 * What a bundle will hold: the arguments of cmbench publish sorted into
 * result files and A/B runner directories, each file's machine.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare/publish.h"
#include "result/machine.h"
#include "result/result.h"

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
	/*
	 * build/host/cmbench in the source tree: plots/ is two levels up;
	 * installed (make install, any PREFIX or DESTDIR) beside bin/, in
	 * share/cmbench/plots.
	 */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		static const char *const up[] = { "../../plots", "../share/cmbench/plots" };
		size_t i;

		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
			snprintf(probe, sizeof(probe), "%s/%s/flush-cost.gp", exe, up[i]);
			if (!access(probe, R_OK)) {
				snprintf(buf, len, "%s/%s", exe, up[i]);
				return buf;
			}
		}
	}
	snprintf(buf, len, "/usr/share/cmbench/plots");
	return buf;
}

