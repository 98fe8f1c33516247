// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/sets.h"
#include "result/machine.h"
#include "util/text.h"

static void row_name(const struct cmb_point *p, char *name, size_t len)
{
	char param[48], thr[16] = "";

	if (p->threads > 1)
		snprintf(thr, sizeof(thr), " x%u", p->threads);
	cmb_point_param(p, param, sizeof(param));
	snprintf(name, len, "%s%s%s%s%s%s", p->op, strcmp(param, "-") ? " " : "",
		 strcmp(param, "-") ? param : "", *p->state && strcmp(p->state, "dirty") ? " " : "",
		 strcmp(p->state, "dirty") ? p->state : "", thr);
}

struct loading {
	struct cmb_set *s;
	unsigned int b;			/* the boot being read */
	int pooled;			/* into a boot read before */
	int overflow;
	const char *path;
	unsigned int points;		/* read so far */
	int bad;			/* a point refused, err says why */
	char err[768];
};

static struct cmb_row *find_row(struct cmb_set *s, const char *key)
{
	unsigned int i;

	for (i = 0; i < s->nrows; i++)
		if (!strcmp(s->row[i]->key, key))
			return s->row[i];
	return NULL;
}

static struct cmb_row *new_row(struct cmb_set *s, const struct cmb_point *p, const char *key)
{
	struct cmb_row *row;

	if (s->nrows == CMB_MAX_ROWS)
		return NULL;
	row = calloc(1, sizeof(*row));
	if (!row)
		return NULL;
	snprintf(row->key, sizeof(row->key), "%s", key);
	row_name(p, row->name, sizeof(row->name));
	snprintf(row->op, sizeof(row->op), "%s", p->op);
	row->size = p->size;
	row->lines = p->lines;
	row->pages = p->pages;
	row->threads = p->threads;
	row->finding = p->finding;
	s->row[s->nrows++] = row;
	return row;
}

static void add_point(const struct cmb_point *p, void *arg)
{
	struct loading *l = arg;
	struct cmb_set *s = l->s;
	struct cmb_row *row;
	char key[192], where[640];
	int side = s->boot[l->b]->side;

	l->points++;
	if (l->bad || l->overflow)
		return;
	cmb_point_key(p, key, sizeof(key));
	row = find_row(s, key);
	if (!row && !(row = new_row(s, p, key))) {
		l->overflow = 1;
		return;
	}
	snprintf(where, sizeof(where), "%s: point %u (%s)", l->path, l->points, row->name);
	if (cmb_cell_add(s, &row->cell[l->b], p, &s->boot[l->b]->h, where, l->err,
			 sizeof(l->err))) {
		l->bad = 1;
		return;
	}
	if (!row->merged[side])
		row->merged[side] = calloc(1, sizeof(struct cmb_dist));
	if (row->merged[side])
		cmb_dist_merge(row->merged[side], &p->dist);
}

/* Every file's identity, for cmb_set_check_sides(). */
static int keep_file(struct cmb_set *s, const struct cmb_header *h, const char *path, int side)
{
	struct cmb_file_id *f = realloc(s->file, (s->nfiles + 1) * sizeof(*f));

	if (!f)
		return -1;
	s->file = f;
	f += s->nfiles++;
	memset(f, 0, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->side = side;
	cmb_machine_id(h, f->machine, sizeof(f->machine));
	snprintf(f->kernel, sizeof(f->kernel), "%s, build-id %.12s", h->kernel_release,
		 *h->kernel_build_id ? h->kernel_build_id : "?");
	snprintf(f->boot_id, sizeof(f->boot_id), "%s", h->boot_id);
	return 0;
}

/* A file of a boot and side read before joins that boot. */
static int keep_header(const struct cmb_header *h, void *arg)
{
	struct loading *l = arg;
	struct cmb_set *s = l->s;
	unsigned int i;

	if (keep_file(s, h, l->path, s->boot[l->b]->side)) {
		l->overflow = 1;	/* out of memory: stops the reading */
		return 1;
	}
	if (h->emu.icount)
		s->icount[s->boot[l->b]->side]++;
	else
		s->timed[s->boot[l->b]->side]++;
	for (i = 0; i < s->nboots && h->boot_id[0]; i++) {
		if (s->boot[i]->side == s->boot[l->b]->side &&
		    !strcmp(s->boot[i]->h.boot_id, h->boot_id)) {
			l->b = i;
			l->pooled = 1;
			s->boot[i]->files++;
			return 0;
		}
	}
	s->boot[l->b]->h = *h;
	s->boot[l->b]->files = 1;
	return 0;
}

int cmb_set_add(struct cmb_set *s, const char *path, int side, char *err, size_t len)
{
	struct loading l = { .s = s, .b = s->nboots, .path = path };
	struct cmb_boot *b;

	if (s->nboots == CMB_MAX_BOOTS) {
		snprintf(err, len, "%s: more than %d result files", path, CMB_MAX_BOOTS);
		return -1;
	}
	b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(err, len, "%s: out of memory", path);
		return -1;
	}
	snprintf(b->path, sizeof(b->path), "%s", path);
	b->side = side;
	s->boot[s->nboots] = b;
	if (cmb_result_each(path, keep_header, add_point, &l, err, len)) {
		free(b);
		s->boot[s->nboots] = NULL;
		return -1;
	}
	if (l.pooled) {
		free(b);
		s->boot[s->nboots] = NULL;
	} else {
		s->nboots++;
	}
	if (l.overflow) {
		snprintf(err, len, "%s: more than %d distinct points, or out of memory", path,
			 CMB_MAX_ROWS);
		return -1;
	}
	if (l.bad) {
		snprintf(err, len, "%s", l.err);
		return -1;
	}
	return 0;
}

/* "A<tab>what A is" lines, written by the runner. */
static void read_sides(struct cmb_set *s, const char *dir)
{
	char path[1024], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/sides", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if ((line[0] == 'A' || line[0] == 'B') && line[1] == '\t')
			snprintf(s->side_name[line[0] == 'B'], sizeof(s->side_name[0]), "%s",
				 line + 2);
	}
	fclose(f);
}

int cmb_set_add_dir(struct cmb_set *s, const char *dir, char *err, size_t len)
{
	char index[1024], path[1024], line[1024], side[8], file[512], status[32];
	unsigned int seq, n = 0;
	FILE *f;

	snprintf(index, sizeof(index), "%s/index.tsv", dir);
	f = fopen(index, "r");
	if (!f) {
		snprintf(err, len, "%s: no index.tsv (the A/B runner writes one)", dir);
		return -1;
	}
	/* seq side file boot_id seconds status, after a '#' header */
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%u\t%7s\t%511s\t%*s\t%*s\t%31s", &seq, side, file, status) != 4 ||
		    (strcmp(side, "A") && strcmp(side, "B"))) {
			snprintf(err, len, "%s: bad line: %s", index, line);
			fclose(f);
			return -1;
		}
		if (strcmp(status, "ok"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		if (cmb_set_add(s, path, side[0] == 'B', err, len)) {
			fclose(f);
			return -1;
		}
		n++;
	}
	fclose(f);
	if (!n) {
		snprintf(err, len, "%s: no finished boot yet", dir);
		return -1;
	}
	read_sides(s, dir);
	return 0;
}

static void free_row(struct cmb_row *r)
{
	unsigned int b;

	for (b = 0; b < CMB_MAX_BOOTS; b++)
		free(r->cell[b].dist);
	free(r->merged[0]);
	free(r->merged[1]);
	free(r);
}

void cmb_set_free(struct cmb_set *s)
{
	unsigned int i;

	for (i = 0; i < s->nrows; i++)
		free_row(s->row[i]);
	for (i = 0; i < s->nboots; i++)
		free(s->boot[i]);
	free(s->file);
	memset(s, 0, sizeof(*s));
}

unsigned int cmb_set_boots(const struct cmb_set *s, int side)
{
	unsigned int i, n = 0;

	for (i = 0; i < s->nboots; i++)
		n += s->boot[i]->side == side;
	return n;
}

/* Which side of the comparison has row r: bit 0 A, bit 1 B. */
static unsigned int row_sides(const struct cmb_set *s, const struct cmb_row *r)
{
	unsigned int i, m = 0;

	for (i = 0; i < s->nboots; i++)
		if (r->cell[i].present)
			m |= 1u << s->boot[i]->side;
	return m;
}

static const char *const key_fields[] = { "op", "state", "size", "offset", "pages",
	"pgsize", "dir", "fmt", "highmem", "coherent_walk", "threads", "placement" };

/* Appends to out[side] the fields in which the keys of a and b differ. */
static void key_diff(const char *a, const char *b, char out[2][96])
{
	const char *k[2] = { a, b };
	size_t n[2];
	unsigned int f, side;

	for (f = 0; f < sizeof(key_fields) / sizeof(key_fields[0]); f++) {
		n[0] = strcspn(k[0], "|");
		n[1] = strcspn(k[1], "|");
		if (n[0] != n[1] || strncmp(k[0], k[1], n[0]))
			for (side = 0; side < 2; side++)
				snprintf(out[side] + strlen(out[side]), 96 - strlen(out[side]),
					 "%s%s %.*s", *out[side] ? ", " : "", key_fields[f],
					 (int)n[side], k[side]);
		k[0] += n[0] + (k[0][n[0]] == '|');
		k[1] += n[1] + (k[1][n[1]] == '|');
	}
}

/* Whether the boots of side hold the same boot_ids as those of the other. */
static int same_boots(const struct cmb_set *s, int side)
{
	unsigned int i, j;
	int found;

	for (i = 0; i < s->nboots; i++) {
		if (s->boot[i]->side != side)
			continue;
		for (j = 0, found = 0; j < s->nboots && !found; j++)
			found = s->boot[j]->side != side && *s->boot[i]->h.boot_id &&
				!strcmp(s->boot[i]->h.boot_id, s->boot[j]->h.boot_id);
		if (!found)
			return 0;
	}
	return 1;
}

int cmb_set_pair_rows(struct cmb_set *s)
{
	struct cmb_row *side_row[2][CMB_MAX_ROWS];
	unsigned int i, b, n[2] = { 0, 0 }, m, differ = 0;

	if (!same_boots(s, 0) || !same_boots(s, 1))
		return 0;
	for (i = 0; i < s->nrows; i++) {
		m = row_sides(s, s->row[i]);
		if (m & 1)
			side_row[0][n[0]++] = s->row[i];
		if (m & 2)
			side_row[1][n[1]++] = s->row[i];
	}
	if (!n[0] || n[0] != n[1])
		return 0;
	for (i = 0; i < n[0]; i++) {
		if (strcmp(side_row[0][i]->op, side_row[1][i]->op))
			return 0;
		if (side_row[0][i] == side_row[1][i])
			continue;
		/* A row both sides measured pairs with itself, nowhere else. */
		if (row_sides(s, side_row[0][i]) == 3 || row_sides(s, side_row[1][i]) == 3)
			return 0;
		differ++;
	}
	if (!differ)
		return 0;
	for (i = 0; i < n[0]; i++) {
		struct cmb_row *a = side_row[0][i], *bb = side_row[1][i];

		if (a == bb)
			continue;
		/* What differs, from the first such pair. */
		if (!*s->variant[0])
			key_diff(a->key, bb->key, s->variant);
		for (b = 0; b < s->nboots; b++) {
			if (!bb->cell[b].present)
				continue;
			a->cell[b] = bb->cell[b];
			bb->cell[b].dist = NULL;
		}
		free(a->merged[1]);
		a->merged[1] = bb->merged[1];
		bb->merged[1] = NULL;
		free_row(bb);
	}
	/* A's rows, in their order, now hold both sides. */
	memcpy(s->row, side_row[0], n[0] * sizeof(s->row[0]));
	s->nrows = n[0];
	s->paired_rows = 1;
	return 1;
}

const struct cmb_header *cmb_set_side_header(const struct cmb_set *s, int side)
{
	unsigned int i;

	for (i = 0; i < s->nboots; i++)
		if (s->boot[i]->side == side)
			return &s->boot[i]->h;
	return NULL;
}
