// SPDX-License-Identifier: GPL-2.0
/*
 * The footnotes under a comparison's table. Each says what a mark on a
 * printed row means, and only when some printed row carries it: a
 * footnote about CIs no row shows is a footnote that lies. Then what
 * loading left out, counted.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "util/text.h"

#define WIDTH	CMB_MAIL_WIDTH

/* The rows and the geomean, one at a time: i from 0 to c->n. */
static const struct cmb_compare_row *nth(const struct cmb_comparison *c, unsigned int i)
{
	return i < c->n ? &c->rows[i] : &c->geomean;
}

static unsigned int count_why(const struct cmb_comparison *c, enum cmb_why why)
{
	unsigned int i, n = 0;

	for (i = 0; i <= c->n; i++)
		n += nth(c, i)->why == why;
	return n;
}

/* The first row with Hsu's df, or NULL. */
static const struct cmb_compare_row *first_hsu(const struct cmb_comparison *c)
{
	unsigned int i;

	for (i = 0; i <= c->n; i++)
		if (nth(c, i)->r.hsu && nth(c, i)->why != CMB_WHY_MISSING)
			return nth(c, i);
	return NULL;
}

static int any_floored(const struct cmb_comparison *c)
{
	unsigned int i;

	for (i = 0; i <= c->n; i++)
		if (nth(c, i)->r.floored && nth(c, i)->why == CMB_WHY_NONE)
			return 1;
	return 0;
}

/* Rows that print an n=N: "~", and "-" for want of boots. */
static int any_to_plan(const struct cmb_comparison *c)
{
	unsigned int i;

	for (i = 0; i <= c->n; i++)
		if (nth(c, i)->v == CMB_UNRESOLVED || nth(c, i)->why == CMB_WHY_FEW_BOOTS)
			return 1;
	return 0;
}

/* Rows measured in fewer boots than the heading's, named. */
static void fewer_boots(FILE *f, const struct cmb_comparison *c)
{
	char line[1024];
	size_t n;
	unsigned int i, k = 0;

	n = (size_t)snprintf(line, sizeof(line), "Rows measured in fewer boots than %u + %u "
			     "(a boot lacks them, or a run of theirs is invalid):", c->na, c->nb);
	for (i = 0; i < c->n && n < sizeof(line); i++) {
		const struct cmb_ratio *r = &c->rows[i].r;

		if (c->rows[i].why == CMB_WHY_MISSING || c->rows[i].within_boot ||
		    c->paired || (r->na == c->na && r->nb == c->nb))
			continue;
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s %s (%u + %u)", k ? "," : "",
				      c->rows[i].row->name, r->na, r->nb);
		k++;
	}
	if (k)
		cmb_wrap(f, line, WIDTH, "  ");
}

static void warnings(FILE *f, const struct cmb_set *s)
{
	char line[1024];
	unsigned int k;

	for (k = 0; k < CMB_NNOTES; k++) {
		if (!s->notes[k])
			continue;
		snprintf(line, sizeof(line), "warning: %u %s; the first: %s", s->notes[k],
			 cmb_note_names[k], s->note_at[k]);
		cmb_wrap(f, line, WIDTH, "  ");
	}
}

void cmb_compare_footnotes(FILE *f, const struct cmb_comparison *c,
			   const struct cmb_text_opts *t)
{
	const char *theta = t->ascii ? "theta" : "\u03b8";
	const struct cmb_compare_row *h = first_hsu(c);
	char line[1024];

	if (count_why(c, CMB_WHY_ONE_BOOT))
		cmb_wrap(f, c->paired ? "(1 boot): one boot, no verdict. The CIs come from the "
			 "runs of that boot (within-boot): they do not see how boots differ." :
			 "(1 boot): one boot a side, no verdict. The CIs come from the runs of "
			 "the two boots (within-boot): they do not see how boots differ.",
			 WIDTH, "  ");
	if (count_why(c, CMB_WHY_NO_CI)) {
		if (c->na == 1 && c->nb == 1)
			snprintf(line, sizeof(line), "-: one boot a side: no verdict, and no CI, "
				 "since %s is not taken from runs (centre and cycles are).",
				 c->o.stat->name);
		else
			snprintf(line, sizeof(line), "-: one boot on a side (%u + %u): no CI and no "
				 "verdict; a CI needs 2 boots a side.", c->na, c->nb);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (count_why(c, CMB_WHY_FEW_BOOTS)) {
		char n[32];

		if (c->paired)
			snprintf(n, sizeof(n), "boots (%u, paired)", c->na);
		else
			snprintf(n, sizeof(n), "boots on a side (%u + %u)", c->na, c->nb);
		snprintf(line, sizeof(line), "- n=N: fewer than %d %s: no verdict, since no test "
			 "holds its level there.", CMB_MIN_BOOTS, n);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (h) {
		snprintf(line, sizeof(line), "CIs %son Hsu's df, min(n%s, n%s) - 1 = %.0f: with %s "
			 "Welch's df does not hold the level.", h == &c->geomean ? "" :
			 "and p ", cmb_compare_letter(c, 0), cmb_compare_letter(c, 1), h->r.df,
			 h->r.na != h->r.nb ? "unequal boot counts" : "4 or fewer boots a side");
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (!c->o.machines && any_floored(c)) {
		snprintf(line, sizeof(line), "^ no spread between the boots: the CI is the "
			 "resolution (%s), so the verdict rests on %s %.0f%% alone.",
			 c->o.stat->whole_units ? "one instruction a run" :
			 "a timer tick over the batch", theta, 100 * c->o.theta);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	if (!c->o.machines && any_to_plan(c)) {
		if (isnan(t->icc))
			snprintf(line, sizeof(line), "n=N: boots %s that would give a verdict "
				 "with 80%% power at the spread seen (level %.2g: %.0f%% over "
				 "%u tests). ICC not calibrated (cmbench calibrate%s%s).",
				 c->paired ? "in all" : "per kernel", cmb_plan_level(c),
				 100 * c->o.alpha, cmb_plan_family(c), t->looked ? "; none in " : "",
				 t->looked ? t->looked : "");
		else
			snprintf(line, sizeof(line), "n=N: boots %s that would give a verdict "
				 "with 80%% power, at the spreads calibrated in %s (median ICC "
				 "%.2f: the boots' share of the variance).",
				 c->paired ? "in all" : "per kernel", t->calibration, t->icc);
		cmb_wrap(f, line, WIDTH, "  ");
	}
	fewer_boots(f, c);
	warnings(f, c->set);
}
