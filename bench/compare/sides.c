// SPDX-License-Identifier: GPL-2.0
/*
 * What the two sides of a comparison are, decided from every file, not
 * from each side's first: one Cortex-A53 file among A72 files would
 * otherwise make every row of a kernel comparison "slower", and a kernel
 * B file among A's would pass in silence.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "compare/sets.h"

/* Whether two files hold the same bytes. */
static int same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "r"), *fb = fopen(b, "r");
	int ca, cb, same = fa && fb;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

/*
 * One result on both sides: the same path, inode, or bytes. (Two files
 * of one boot and second are not one: variants run back to back.)
 */
static int same_file(const struct cmb_file_id *a, const struct cmb_file_id *b)
{
	struct stat sa, sb;

	if (!strcmp(a->path, b->path))
		return 1;
	if (stat(a->path, &sa) || stat(b->path, &sb))
		return 0;
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return 1;
	return sa.st_size == sb.st_size && same_bytes(a->path, b->path);
}

static int refuse(char *err, size_t len, const char *fmt, const char *p1, const char *w1,
		  const char *p2, const char *w2)
{
	if (err)
		snprintf(err, len, fmt, p1, w1, p2, w2);
	return -1;
}

int cmb_set_check_sides(const struct cmb_set *s, int *machines, char *err, size_t len)
{
	const struct cmb_file_id *first[2] = { NULL, NULL }, *f, *g;
	unsigned int i, j;

	*machines = 0;
	for (i = 0; i < s->nfiles; i++) {
		f = &s->file[i];
		if (!first[f->side]) {
			first[f->side] = f;
			continue;
		}
		g = first[f->side];
		if (strcmp(f->machine, g->machine))
			return refuse(err, len, "%s is machine %s, %s is %s: a side is one "
				      "machine (compare --matrix takes several)", g->path,
				      g->machine, f->path, f->machine);
		if (strcmp(f->kernel, g->kernel))
			return refuse(err, len, "%s is kernel %s, %s is %s: a side is one kernel "
				      "(is a file on the wrong side?)", g->path, g->kernel, f->path,
				      f->kernel);
	}
	for (i = 0; i < s->nfiles; i++) {
		for (j = 0; j < s->nfiles; j++) {
			f = &s->file[i];
			g = &s->file[j];
			if (f->side || !g->side)
				continue;
			if (same_file(f, g))
				return refuse(err, len, "%s%s and %s%s are one result, on both "
					      "sides: nothing would be compared", f->path, "",
					      g->path, "");
			if (*f->boot_id && !strcmp(f->boot_id, g->boot_id) &&
			    (strcmp(f->kernel, g->kernel) || strcmp(f->machine, g->machine)))
				return refuse(err, len, "%s (kernel %s) and %s (%s) share a boot_id: "
					      "one boot runs one kernel on one machine", f->path,
					      f->kernel, g->path, g->kernel);
		}
	}
	*machines = first[0] && first[1] && strcmp(first[0]->machine, first[1]->machine);
	return 0;
}
