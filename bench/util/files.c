// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/files.h"

int cmb_mkdir_p(const char *dir, char *err, size_t len)
{
	char path[4096];
	char *s;

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
		snprintf(err, len, "%.64s...: path too long", dir);
		return -1;
	}
	for (s = path + 1; ; s++) {
		if (*s && *s != '/')
			continue;
		if (s[-1] != '/') {
			char keep = *s;

			*s = '\0';
			if (mkdir(path, 0755) && errno != EEXIST) {
				snprintf(err, len, "%s: %s", path, strerror(errno));
				return -1;
			}
			*s = keep;
		}
		if (!*s)
			return 0;
	}
}

int cmb_mkdir_parents(const char *path, char *err, size_t len)
{
	char dir[4096];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	return cmb_mkdir_p(dir, err, len);
}

FILE *cmb_open_in(const char *dir, const char *name, char *err, size_t len)
{
	char path[4096];
	FILE *f;

	if (cmb_mkdir_p(dir, err, len))
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		snprintf(err, len, "%s: %s", path, strerror(errno));
	return f;
}
