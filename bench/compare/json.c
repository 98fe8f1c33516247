// SPDX-License-Identifier: GPL-2.0
/*
 * A comparison as JSON and CSV. The JSON is one field table walked by
 * result/record.c, as result files are: a new field is one line here.
 */
#include <stdio.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "result/record.h"

/* The row's name and key; the geomean row has none of its own. */
static json_t *put_name(const void *rec, const void *root)
{
	const struct cmb_compare_row *r = rec;

	(void)root;
	return json_string(r->row ? r->row->name : "geomean");
}

static json_t *put_key(const void *rec, const void *root)
{
	const struct cmb_compare_row *r = rec;

	(void)root;
	return json_string(r->row ? r->row->key : "");
}

/* Each boot's value of the row (the per-boot geomean for that row). */
static json_t *put_boots(const struct cmb_compare_row *r, const struct cmb_comparison *c,
			 int side)
{
	double v[CMB_MAX_BOOTS];
	unsigned int i, n = cmb_compare_values(c->set, c, r->row, side, v);
	json_t *a = json_array();

	for (i = 0; a && i < n; i++)
		json_array_append_new(a, json_real(v[i]));
	return a;
}

static json_t *put_a_boots(const void *rec, const void *root)
{
	return put_boots(rec, root, 0);
}

static json_t *put_b_boots(const void *rec, const void *root)
{
	return put_boots(rec, root, 1);
}

#define ROW	struct cmb_compare_row

static const struct cmb_field row_fields[] = {
	CMB_CUSTOM("name", put_name, NULL),
	CMB_CUSTOM("key", put_key, NULL),
	CMB_VAL("a_ns", CMB_F_NUM, ROW, a),
	CMB_VAL("b_ns", CMB_F_NUM, ROW, b),
	CMB_VAL("ratio", CMB_F_NUM, ROW, r.ratio),
	CMB_VAL("ci95_lo", CMB_F_NUM, ROW, r.lo),
	CMB_VAL("ci95_hi", CMB_F_NUM, ROW, r.hi),
	CMB_VAL("df", CMB_F_NUM, ROW, r.df),
	CMB_VAL("p", CMB_F_NUM, ROW, r.p),
	CMB_VAL("q", CMB_F_NUM, ROW, q),
	CMB_ENUM("verdict", ROW, v, cmb_verdict_names),
	CMB_VAL("boots_to_resolve", CMB_F_U32, ROW, resolve),
	CMB_VAL("within_boot", CMB_F_BOOL, ROW, within_boot),
	CMB_ENUM("no_verdict_why", ROW, why, cmb_why_names),
	CMB_VAL("boots_a", CMB_F_U32, ROW, r.na),
	CMB_VAL("boots_b", CMB_F_U32, ROW, r.nb),
	CMB_VAL("hsu_df", CMB_F_BOOL, ROW, r.hsu),
	CMB_VAL("exact", CMB_F_BOOL, ROW, r.exact),
	CMB_VAL("floored", CMB_F_BOOL, ROW, r.floored),
	CMB_VAL("floor", CMB_F_NUM, ROW, r.floor),
	CMB_CUSTOM("a_boots", put_a_boots, NULL),
	CMB_CUSTOM("b_boots", put_b_boots, NULL),
	{ 0 }
};

#define REGION	struct cmb_region

static const struct cmb_field region_fields[] = {
	CMB_STR("op", REGION, op),
	CMB_VAL("level", CMB_F_U32, REGION, level),
	CMB_PAIR("lo", CMB_F_U64, REGION, lo),
	CMB_PAIR("hi", CMB_F_U64, REGION, hi),
	CMB_PAIR("sizes", CMB_F_U32, REGION, nsizes),
	CMB_PAIR("per_line", CMB_F_NUM, REGION, per_line),
	CMB_VAL("ratio", CMB_F_NUM, REGION, r.ratio),
	CMB_VAL("ci95_lo", CMB_F_NUM, REGION, r.lo),
	CMB_VAL("ci95_hi", CMB_F_NUM, REGION, r.hi),
	CMB_VAL("within_boot", CMB_F_BOOL, REGION, within_boot),
	{ 0 }
};

/* What loading left out: {"what", "count", "first"} for each kind there was. */
static json_t *put_warnings(const void *rec, const void *root)
{
	const struct cmb_set *s = ((const struct cmb_comparison *)rec)->set;
	json_t *a = json_array();
	unsigned int k;

	(void)root;
	for (k = 0; a && k < CMB_NNOTES; k++)
		if (s->notes[k])
			json_array_append_new(a, json_pack("{s:s, s:i, s:s}", "what",
							   cmb_note_names[k], "count",
							   (json_int_t)s->notes[k], "first",
							   s->note_at[k]));
	return a;
}

#define CMP	struct cmb_comparison
#define SET	struct cmb_set

static const struct cmb_field comparison_fields[] = {
	CMB_CONST("type", "comparison"),
	{ .key = "a", .type = CMB_F_STR, .off = offsetof(SET, side_name[0]), CMB_VIA(CMP, set) },
	{ .key = "b", .type = CMB_F_STR, .off = offsetof(SET, side_name[1]), CMB_VIA(CMP, set) },
	CMB_DESC("stat", CMP, o.stat),
	CMB_VAL("boots_a", CMB_F_U32, CMP, na),
	CMB_VAL("boots_b", CMB_F_U32, CMP, nb),
	CMB_VAL("paired", CMB_F_BOOL, CMP, paired),
	{ .key = "variant_a", .type = CMB_F_STR, .off = offsetof(SET, variant[0]),
	  CMB_VIA(CMP, set) },
	{ .key = "variant_b", .type = CMB_F_STR, .off = offsetof(SET, variant[1]),
	  CMB_VIA(CMP, set) },
	CMB_VAL("theta", CMB_F_NUM, CMP, o.theta),
	CMB_VAL("alpha", CMB_F_NUM, CMP, o.alpha),
	CMB_DESC("adjust", CMP, o.adjust),
	CMB_VAL("family", CMB_F_U32, CMP, family),
	CMB_ARRAY("rows", CMP, rows, n, row_fields),
	CMB_OBJ_AT("geomean", CMP, geomean, row_fields),
	CMB_VAL("machines", CMB_F_BOOL, CMP, o.machines),
	CMB_STR("differs_in", CMP, diffs),
	CMB_ARRAY("regions", CMP, regions, nregions, region_fields),
	CMB_CUSTOM("warnings", put_warnings, NULL),
	{ 0 }
};

int cmb_compare_json(FILE *f, const struct cmb_comparison *c)
{
	return cmb_record_write(f, comparison_fields, c, 0);
}

void cmb_compare_csv(FILE *f, const struct cmb_comparison *c)
{
	unsigned int i;

	fprintf(f, "name,a_%s,b_%s,ratio,ci95_lo,ci95_hi,p,q,verdict\n", c->o.stat->unit,
		c->o.stat->unit);
	for (i = 0; i <= c->n; i++) {
		const struct cmb_compare_row *r = i < c->n ? &c->rows[i] : &c->geomean;

		fprintf(f, "\"%s\",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s\n",
			r->row ? r->row->name : "geomean", r->a, r->b, r->r.ratio, r->r.lo,
			r->r.hi, r->r.p, r->q, cmb_verdict_name(r->v));
	}
}
