// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "result/machine.h"
#include "compare/matrix.h"
#include "result/record.h"
#include "result/result.h"
#include "util/files.h"
#include "util/text.h"

#define WIDTH	CMB_MAIL_WIDTH
#define COLS	3	/* machines a 72-column table holds */

/* The machine of a file, from its header alone. */
static int file_machine(const char *path, char *id, size_t idlen, char *name, size_t namelen,
			char *err, size_t len)
{
	struct cmb_header *h = malloc(sizeof(*h));

	if (!h) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	if (cmb_result_read_header(path, h, err, len)) {
		free(h);
		return -1;
	}
	cmb_machine_id(h, id, idlen);
	cmb_machine_name(h, name, namelen);
	free(h);
	return 0;
}

int cmb_matrix_load(struct cmb_matrix *m, char *const *paths, int n, char *err, size_t len)
{
	unsigned int *group = calloc((size_t)n, sizeof(*group));
	char id[128], name[96];
	unsigned int k, total = 0;
	int i;

	memset(m, 0, sizeof(*m));
	if (!group) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (file_machine(paths[i], id, sizeof(id), name, sizeof(name), err, len))
			goto fail;
		for (k = 0; k < total && strcmp(m->id[k], id); k++)
			;
		if (k == total) {
			if (total == CMB_MATRIX_MAX + 1) {
				snprintf(err, len, "%s: more than %d machines", paths[i],
					 CMB_MATRIX_MAX + 1);
				goto fail;
			}
			snprintf(m->id[k], sizeof(m->id[k]), "%s", id);
			snprintf(m->name[k], sizeof(m->name[k]), "%s", name);
			total++;
		}
		group[i] = k;
	}
	if (total < 2) {
		snprintf(err, len, "--matrix: the files are of one machine (%s); give files of "
			 "two or more", m->name[0]);
		goto fail;
	}
	m->n = total - 1;
	for (k = 0; k < m->n; k++) {
		m->set[k] = calloc(1, sizeof(*m->set[k]));
		m->cmp[k] = malloc(sizeof(*m->cmp[k]));
		if (!m->set[k] || !m->cmp[k]) {
			snprintf(err, len, "out of memory");
			goto fail;
		}
		for (i = 0; i < n; i++)
			if ((group[i] == 0 || group[i] == k + 1) &&
			    cmb_set_add(m->set[k], paths[i], group[i] ? 1 : 0, err, len))
				goto fail;
		snprintf(m->set[k]->side_name[0], sizeof(m->set[k]->side_name[0]), "%s",
			 m->name[0]);
		snprintf(m->set[k]->side_name[1], sizeof(m->set[k]->side_name[1]), "%s",
			 m->name[k + 1]);
	}
	free(group);
	return 0;
fail:
	free(group);
	cmb_matrix_free(m);
	return -1;
}

void cmb_matrix_compare(struct cmb_matrix *m, const struct cmb_compare_opts *o)
{
	struct cmb_compare_opts mo = *o;
	unsigned int k;

	mo.machines = 1;
	for (k = 0; k < m->n; k++)
		cmb_compare(m->set[k], &mo, m->cmp[k]);
}

void cmb_matrix_free(struct cmb_matrix *m)
{
	unsigned int k;

	for (k = 0; k < CMB_MATRIX_MAX; k++) {
		if (m->set[k])
			cmb_set_free(m->set[k]);
		free(m->set[k]);
		free(m->cmp[k]);
		m->set[k] = NULL;
		m->cmp[k] = NULL;
	}
}

const struct cmb_compare_row *cmb_matrix_cell(const struct cmb_matrix *m, unsigned int k,
					      int i)
{
	const struct cmb_comparison *c = m->cmp[k - 1];
	const char *key;
	unsigned int j;

	if (i < 0)
		return &c->geomean;
	key = m->cmp[0]->rows[i].row->key;
	for (j = 0; j < c->n; j++)
		if (!strcmp(c->rows[j].row->key, key))
			return isnan(c->rows[j].r.ratio) ? NULL : &c->rows[j];
	return NULL;
}

/* A ratio in 4 characters: "0.52", "12.3", "123". */
static const char *r4(double r, char *buf, size_t len)
{
	snprintf(buf, len, "%.*f", r < 9.995 ? 2 : r < 99.95 ? 1 : 0, r);
	return buf;
}

/* "1.62 1.42-1.85": Y/X and its CI, 14 characters at most below 100. */
static const char *cell(const struct cmb_compare_row *r, char *buf, size_t len)
{
	char a[16], lo[16], hi[16];

	if (!r)
		snprintf(buf, len, "-");
	else if (isnan(r->r.lo))
		snprintf(buf, len, "%s", r4(r->r.ratio, a, sizeof(a)));
	else
		snprintf(buf, len, "%s %s-%s", r4(r->r.ratio, a, sizeof(a)),
			 r4(r->r.lo, lo, sizeof(lo)), r4(r->r.hi, hi, sizeof(hi)));
	return buf;
}

/* One table: the baseline's value, then machines first..first+COLS-1. */
static void table(FILE *f, const struct cmb_matrix *m, unsigned int first)
{
	const struct cmb_comparison *c0 = m->cmp[0];
	unsigned int k, last = first + COLS - 1 < m->n ? first + COLS - 1 : m->n;
	char line[256], v[16], head[16], buf[32];
	int i, at;

	snprintf(head, sizeof(head), "X%s", c0->o.stat->column);
	at = snprintf(line, sizeof(line), "%-18s %7s ", "op, parameters", head);
	for (k = first; k <= last; k++) {
		snprintf(head, sizeof(head), "%c/X 95%% CI", cmb_machine_letter(k));
		at += snprintf(line + at, sizeof(line) - (size_t)at, " %-14s", head);
	}
	cmb_put_line(f, line);
	for (i = 0; i <= (int)c0->n; i++) {
		/* the geomean last */
		int row = i < (int)c0->n ? i : -1;
		const struct cmb_compare_row *base = row < 0 ? &c0->geomean : &c0->rows[row];
		const char *name = row < 0 ? "geomean" : base->row->name;

		if (strlen(name) > 18) {
			fprintf(f, "%s\n", name);
			name = "";
		}
		at = snprintf(line, sizeof(line), "%-18s %7s ", name,
			      c0->o.stat->fmt8(base->a, v, sizeof(v)));
		for (k = first; k <= last; k++)
			at += snprintf(line + at, sizeof(line) - (size_t)at, " %-14s",
				       cell(cmb_matrix_cell(m, k, row), buf, sizeof(buf)));
		cmb_put_line(f, line);
	}
}

void cmb_matrix_text(FILE *f, const struct cmb_matrix *m, const char *command)
{
	const struct cmb_comparison *c0 = m->cmp[0];
	const struct cmb_header *h;
	char line[2048];
	unsigned int k;

	snprintf(line, sizeof(line), "machines against X, one column each: Y/X and its 95%% CI "
		 "(Welch's t on logs; boots as units where a machine has several, else the "
		 "runs of its one boot). %s: %s. Ratios only, no verdicts: machines are not a "
		 "treatment.", c0->o.stat->name, c0->o.stat->phrase);
	cmb_wrap(f, line, WIDTH, "  ");
	for (k = 0; k <= m->n; k++) {
		const struct cmb_comparison *c = m->cmp[k ? k - 1 : 0];

		snprintf(line, sizeof(line), "%c: %s, %u boot%s%s", cmb_machine_letter(k),
			 m->name[k], k ? c->nb : c->na, (k ? c->nb : c->na) == 1 ? "" : "s",
			 k ? "" : " (baseline)");
		cmb_wrap(f, line, WIDTH, "   ");
		if (k && c->ndiffs) {
			snprintf(line, sizeof(line), "NOTE: %c also differs from X in %s",
				 cmb_machine_letter(k), c->diffs);
			cmb_wrap(f, line, WIDTH, "   ");
		}
	}
	for (k = 1; k <= m->n; k += COLS) {
		fputc('\n', f);
		table(f, m, k);
	}
	fprintf(f, "--\n");
	for (k = 0; k <= m->n; k++) {
		const struct cmb_set *s = m->set[k ? k - 1 : 0];
		int side = k ? 1 : 0;
		unsigned int b, nb = 0;
		size_t at;

		for (b = 0; b < s->nboots && s->boot[b]->side != side; b++)
			;
		h = &s->boot[b]->h;
		at = (size_t)snprintf(line, sizeof(line), "%c: %s, config %.12s, build-id %.12s; "
				      "MIDR 0x%08x%s%s; boots", cmb_machine_letter(k),
				      h->kernel_release, *h->config_sha256 ? h->config_sha256 : "?",
				      *h->kernel_build_id ? h->kernel_build_id : "?", h->midr,
				      *cmb_header_kind(h) ? ", " : "", cmb_header_kind(h));
		for (; b < s->nboots && at < sizeof(line) - 16; b++)
			if (s->boot[b]->side == side && nb++ < 8)
				at += (size_t)snprintf(line + at, sizeof(line) - at, " %.8s",
						       s->boot[b]->h.boot_id);
		cmb_wrap(f, line, WIDTH, "   ");
	}
	h = &m->set[0]->boot[0]->h;
	snprintf(line, sizeof(line), "measured by: %s", h->command);
	cmb_wrap(f, line, WIDTH, "   ");
	if (command) {
		snprintf(line, sizeof(line), "compared by: %s", command);
		cmb_wrap(f, line, WIDTH, "   ");
	}
}

/* The matrix as JSON sees it: a view filled from the comparisons. */
struct json_machine {
	char letter[2];
	char name[96], id[128];
	unsigned int boots;
	char differs_in[512];
};

struct json_cell {
	int present;			/* null where the machine lacks the row */
	double ratio, lo, hi, value;
	int within_boot;
};

struct json_row {
	char name[48], key[192];
	double baseline;
	unsigned int n;
	struct json_cell cell[CMB_MATRIX_MAX];
};

struct json_matrix {
	const struct cmb_stat *stat;
	unsigned int nmachines, nrows;
	struct json_machine machine[CMB_MATRIX_MAX + 1];
	struct json_row row[CMB_MAX_ROWS + 1];
};

static enum cmb_presence cell_present(const void *rec)
{
	return ((const struct json_cell *)rec)->present ? CMB_WRITE : CMB_NULL;
}

static const struct cmb_field machine_fields[] = {
	CMB_STR("letter", struct json_machine, letter),
	CMB_STR("name", struct json_machine, name),
	CMB_STR("id", struct json_machine, id),
	CMB_VAL("boots", CMB_F_U32, struct json_machine, boots),
	CMB_STR("differs_in", struct json_machine, differs_in),
	{ 0 }
};

static const struct cmb_field cell_fields[] = {
	CMB_VAL("ratio", CMB_F_NUM, struct json_cell, ratio),
	CMB_VAL("lo", CMB_F_NUM, struct json_cell, lo),
	CMB_VAL("hi", CMB_F_NUM, struct json_cell, hi),
	CMB_VAL("value", CMB_F_NUM, struct json_cell, value),
	CMB_VAL("within_boot", CMB_F_BOOL, struct json_cell, within_boot),
	{ 0 }
};

static const struct cmb_field row_fields[] = {
	CMB_STR("name", struct json_row, name),
	CMB_STR("key", struct json_row, key),
	CMB_VAL("baseline", CMB_F_NUM, struct json_row, baseline),
	{ .key = "ratios", .type = CMB_F_ARRAY, .off = offsetof(struct json_row, cell),
	  .size = sizeof(struct json_cell), .sub = cell_fields,
	  .count_off = offsetof(struct json_row, n), .max = CMB_MATRIX_MAX,
	  .each = cell_present },
	{ 0 }
};

static const struct cmb_field matrix_fields[] = {
	CMB_CONST("matrix", "Y/X per machine against X"),
	CMB_DESC("stat", struct json_matrix, stat),
	CMB_ARRAY("machines", struct json_matrix, machine, nmachines, machine_fields),
	CMB_ARRAY("rows", struct json_matrix, row, nrows, row_fields),
	{ 0 }
};

static void fill_json(const struct cmb_matrix *m, struct json_matrix *j)
{
	const struct cmb_comparison *c0 = m->cmp[0];
	unsigned int k;
	int i;

	j->stat = c0->o.stat;
	j->nmachines = m->n + 1;
	for (k = 0; k <= m->n; k++) {
		const struct cmb_comparison *c = m->cmp[k ? k - 1 : 0];
		struct json_machine *jm = &j->machine[k];

		jm->letter[0] = cmb_machine_letter(k);
		snprintf(jm->name, sizeof(jm->name), "%s", m->name[k]);
		snprintf(jm->id, sizeof(jm->id), "%s", m->id[k]);
		jm->boots = k ? c->nb : c->na;
		snprintf(jm->differs_in, sizeof(jm->differs_in), "%s", k ? c->diffs : "");
	}
	for (i = 0; i <= (int)c0->n; i++) {
		int row = i < (int)c0->n ? i : -1;
		const struct cmb_compare_row *base = row < 0 ? &c0->geomean : &c0->rows[row];
		struct json_row *jr = &j->row[j->nrows++];

		snprintf(jr->name, sizeof(jr->name), "%s", row < 0 ? "geomean" : base->row->name);
		snprintf(jr->key, sizeof(jr->key), "%s", row < 0 ? "" : base->row->key);
		jr->baseline = base->a;
		jr->n = m->n;
		for (k = 1; k <= m->n; k++) {
			const struct cmb_compare_row *r = cmb_matrix_cell(m, k, row);
			struct json_cell *jc = &jr->cell[k - 1];

			if (!r)
				continue;
			*jc = (struct json_cell){ 1, r->r.ratio, r->r.lo, r->r.hi, r->b,
						  r->within_boot };
		}
	}
}

int cmb_matrix_json(FILE *f, const struct cmb_matrix *m)
{
	struct json_matrix *j = calloc(1, sizeof(*j));
	int ret;

	if (!j)
		return -1;
	fill_json(m, j);
	ret = cmb_record_write(f, matrix_fields, j, 1);
	free(j);
	return ret;
}

int cmb_matrix_plot_data(const char *dir, const struct cmb_matrix *m, char *err, size_t len)
{
	const struct cmb_comparison *c0 = m->cmp[0];
	const struct cmb_header *h = &m->set[0]->boot[0]->h;
	FILE *f = cmb_open_in(dir, "ops.dat", err, len);
	unsigned int k, one;
	int i;

	if (!f)
		return -1;
	fprintf(f, "# compare --matrix: every op of X (baseline) and each machine's Y/X\n");
	for (k = 0; k <= m->n; k++)
		fprintf(f, "# machine %c: %s\n", cmb_machine_letter(k), m->name[k]);
	fprintf(f, "# n:");
	for (k = 0, one = 0; k <= m->n; k++) {
		unsigned int b = k ? m->cmp[k - 1]->nb : c0->na;

		fprintf(f, "%s %c %u boot%s", k ? "," : "", cmb_machine_letter(k), b,
			b == 1 ? "" : "s");
		one |= b == 1;
	}
	/* Said only where a machine has one boot, whose CIs then come from runs. */
	fprintf(f, "%s\n", one ? " (one boot: CIs from its runs)" : "");
	fprintf(f, "# stat: %s\n# emulated: %s\n# icount: %s\n# modelled: %s\n", c0->o.stat->name,
		h->emu.emulated ? "yes" : "no", h->emu.icount ? "yes" : "no",
		c0->o.stat->kind == CMB_STAT_MODELLED ? "yes" : "no");
	fprintf(f, "# index\tname\tmachine\tratio\tlo\thi\n");
	for (k = 1; k <= m->n; k++) {
		for (i = 0; i <= (int)c0->n; i++) {
			int row = i < (int)c0->n ? i : -1;
			const struct cmb_compare_row *r = cmb_matrix_cell(m, k, row);

			if (!r)
				continue;
			fprintf(f, "%d\t\"%s\"\t%c\t%.6g\t%.6g\t%.6g\n", i,
				row < 0 ? "geomean" : c0->rows[row].row->name,
				cmb_machine_letter(k), r->r.ratio, isnan(r->r.lo) ? r->r.ratio :
				r->r.lo, isnan(r->r.hi) ? r->r.ratio : r->r.hi);
		}
		fprintf(f, "\n\n");
	}
	if (fclose(f)) {
		snprintf(err, len, "%s/ops.dat: write failed", dir);
		return -1;
	}
	return 0;
}
