// SPDX-License-Identifier: GPL-2.0
/*
 * compare refuses what it cannot judge and says what it left out: sides
 * checked file by file, run medians no run can have, runs past what a
 * boot keeps, rows fewer boots measured, the resolution floor, and
 * footnotes only for what the table prints.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "compare/compare.h"
#include "compare/out.h"
#include "fixtures.h"

static struct cmb_set set;
static struct cmb_comparison cmp;
static const struct cmb_compare_opts opts = {
	.stat = &cmb_stats[CMB_STAT_CENTRE], .theta = 0.01, .alpha = 0.05,
	.adjust = &cmb_adjustments[CMB_ADJUST_BH], .max_boots = 99,
};

/* Files written for a test, removed at its end. */
static char paths[16][64];
static unsigned int npaths;

static void forget_files(void)
{
	while (npaths)
		unlink(paths[--npaths]);
	cmb_set_free(&set);
	memset(&set, 0, sizeof(set));
}

/* A header of kernel release on a CPU (MIDR, name), in boot boot_id. */
static void header(struct cmb_header *h, const char *release, uint32_t midr, const char *part,
		   const char *boot_id)
{
	fake_header(h, release, NULL);
	h->midr = midr;
	snprintf(h->cpu_part, sizeof(h->cpu_part), "%s", part);
	snprintf(h->kernel_build_id, sizeof(h->kernel_build_id), "%s",
		 strcmp(release, "6.1-B") ? "aaaa" : "bbbb");
	snprintf(h->boot_id, sizeof(h->boot_id), "%s", boot_id);
}

/* Adds a file of h with points p[0..n) to side; its loading's status. */
static int add(const struct cmb_header *h, const struct cmb_point *p, int n, int side,
	       char *err, size_t len)
{
	const char *path = fake_file(h, p, n, NULL);

	assert_non_null(path);
	snprintf(paths[npaths++], sizeof(paths[0]), "%s", path);
	return cmb_set_add(&set, path, side, err, len);
}

/* One flush point of centre ns in a boot of kernel release on a CPU. */
static void boot_on(int side, const char *release, uint32_t midr, const char *part,
		    const char *boot_id, uint64_t ns)
{
	struct cmb_header h;
	struct cmb_point p;
	char err[256];

	header(&h, release, midr, part, boot_id);
	fake_point(&p, "flush", 4096, 1, ns);
	assert_int_equal(add(&h, &p, 1, side, err, sizeof(err)), 0);
}

#define A53	0x410fd034
#define A72	0x410fd083

static void sides_are_checked_file_by_file(void **state)
{
	char err[1024];
	int machines;

	(void)state;
	/* One A53 file among A72 files on side A: not a machine, a mix. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a1", 1000);
	boot_on(0, "6.1-A", A72, "Cortex-A72", "a2", 600);
	boot_on(0, "6.1-A", A72, "Cortex-A72", "a3", 600);
	boot_on(1, "6.1-A", A53, "Cortex-A53", "b1", 1000);
	boot_on(1, "6.1-A", A53, "Cortex-A53", "b2", 1000);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), -1);
	assert_non_null(strstr(err, paths[0]));
	assert_non_null(strstr(err, paths[1]));
	assert_non_null(strstr(err, "a side is one machine"));
	forget_files();
	/* A kernel B file among A's. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a1", 1000);
	boot_on(0, "6.1-B", A53, "Cortex-A53", "a2", 1000);
	boot_on(1, "6.1-B", A53, "Cortex-A53", "b1", 1000);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "a side is one kernel"));
	assert_non_null(strstr(err, paths[1]));
	forget_files();
	/* B shares A's boots but is another kernel: no boot runs two. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "x1", 1000);
	boot_on(1, "6.1-B", A53, "Cortex-A53", "x1", 1000);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "share a boot_id"));
	forget_files();
	/* One file on both sides. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a1", 1000);
	assert_int_equal(cmb_set_add(&set, paths[0], 1, err, sizeof(err)), 0);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "one result, on both sides"));
	forget_files();
	/* Every A53 file against every A72 file: two machines, said so. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a1", 1000);
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a2", 1000);
	boot_on(1, "6.1-A", A72, "Cortex-A72", "b1", 600);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), 0);
	assert_int_equal(machines, 1);
	cmb_compare(&set, &opts, &cmp);
	assert_true(cmp.o.machines);
	forget_files();
	/* Variants of one kernel in the same boots: fine, and not machines. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "v1", 1000);
	boot_on(1, "6.1-A", A53, "Cortex-A53", "v1", 1100);
	assert_int_equal(cmb_set_check_sides(&set, &machines, err, sizeof(err)), 0);
	assert_int_equal(machines, 0);
	forget_files();
}

/* A point whose runs have these medians (0: a run without samples). */
static void runs_point(struct cmb_point *p, const double *med, unsigned int n)
{
	unsigned int r;

	fake_point(p, "flush", 4096, 1, 1000);
	p->repeats = n;
	for (r = 0; r < n; r++) {
		p->rep[r] = p->rep[0];
		p->rep[r].p50 = med[r];
	}
	cmb_point_finish(p);
}

static void nothing_is_dropped_in_silence(void **state)
{
	static struct cmb_point p;
	static const double some_bad[3] = { 1000, 0, 1010 }, all_bad[2] = { 0, 0 };
	double many[64];
	struct cmb_header h;
	char err[1024];
	unsigned int i;

	(void)state;
	header(&h, "6.1-A", A53, "Cortex-A53", "a1");
	runs_point(&p, some_bad, 3);
	assert_int_equal(add(&h, &p, 1, 0, err, sizeof(err)), 0);
	assert_int_equal(set.notes[CMB_NOTE_BAD_MEDIAN], 1);
	assert_non_null(strstr(set.note_at[CMB_NOTE_BAD_MEDIAN], paths[0]));
	assert_int_equal(set.row[0]->cell[0].runs, 2);
	/* A boot whose runs are all invalid lacks the row, and it is counted. */
	header(&h, "6.1-A", A53, "Cortex-A53", "a2");
	runs_point(&p, all_bad, 2);
	assert_int_equal(add(&h, &p, 1, 0, err, sizeof(err)), 0);
	assert_int_equal(set.notes[CMB_NOTE_NO_RUNS], 1);
	assert_false(set.row[0]->cell[1].present);
	/* Five files of one boot, 64 runs each: 256 kept, 64 counted out. */
	for (i = 0; i < 64; i++)
		many[i] = 1000 + i;
	header(&h, "6.1-A", A53, "Cortex-A53", "a3");
	runs_point(&p, many, 64);
	for (i = 0; i < 5; i++)
		assert_int_equal(add(&h, &p, 1, 0, err, sizeof(err)), 0);
	assert_int_equal(set.row[0]->cell[2].runs, CMB_MAX_BOOT_RUNS);
	assert_int_equal(set.notes[CMB_NOTE_CUT_RUNS], 64);
	/* A run median of 1e300 ns: the file is refused, by name. */
	many[3] = 1e300;
	header(&h, "6.1-A", A53, "Cortex-A53", "a4");
	runs_point(&p, many, 4);
	assert_int_equal(add(&h, &p, 1, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, paths[npaths - 1]));
	assert_non_null(strstr(err, "not a time"));
	forget_files();
}

/*
 * Four invocations in one boot, at log offsets -0.05, 0, 0.05, 0.1, each
 * of 3 runs at -0.01, 0, +0.01 around it: between invocations (msb - msw)
 * / 3 = (3 * 0.0125 / 3 - 0.0001) / 3 = 0.0041333 beyond the runs'.
 */
static void invocations_in_one_boot(void **state)
{
	static struct cmb_point p;
	static const double off[4] = { -0.05, 0, 0.05, 0.1 }, e[3] = { -0.01, 0, 0.01 };
	struct cmb_header h;
	double med[3], var;
	unsigned int f, r, files;
	char err[256];

	(void)state;
	header(&h, "6.1-A", A53, "Cortex-A53", "one-boot");
	for (f = 0; f < 4; f++) {
		for (r = 0; r < 3; r++)
			med[r] = 1000 * exp(off[f] + e[r]);
		runs_point(&p, med, 3);
		assert_int_equal(add(&h, &p, 1, 0, err, sizeof(err)), 0);
	}
	assert_int_equal(set.nboots, 1);
	assert_int_equal(set.row[0]->cell[0].files, 4);
	assert_int_equal(cmb_row_invocations(set.row[0], set.nboots, &var, &files), 1);
	assert_int_equal(files, 4);
	assert_true(fabs(var - 0.0041333333) < 1e-6);
	forget_files();
	/* One file a boot: no invocation spread to give. */
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a1", 1000);
	boot_on(0, "6.1-A", A53, "Cortex-A53", "a2", 1000);
	assert_int_equal(cmb_row_invocations(set.row[0], set.nboots, &var, &files), 0);
	forget_files();
}

/* The comparison as text, every line at most 72 columns; the text. */
static char *as_text(void)
{
	struct cmb_text_opts t = { .ascii = 1, .command = "cmbench compare", .icc = NAN };
	char *text = NULL, *line;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	cmb_compare_text(f, &set, &cmp, &t);
	fclose(f);
	for (line = text; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0))
		assert_true(strcspn(line, "\n") <= 72);
	return text;
}

/* n boots a side, flush at ns each (identical), kmap at 5000 ns. */
static void identical_boots(unsigned int na, unsigned int nb, uint64_t ns)
{
	struct cmb_header h;
	struct cmb_point p[2];
	char err[256], id[16];
	unsigned int i;

	for (i = 0; i < na + nb; i++) {
		snprintf(id, sizeof(id), "boot%u", i);
		header(&h, i < na ? "6.1-A" : "6.1-B", A53, "Cortex-A53", id);
		fake_point(&p[0], "flush", 4096, 1, ns);
		fake_point(&p[1], "kmap", 0, 1, 5000 + i % 3);
		p[1].pages = 600;
		assert_int_equal(add(&h, p, 2, i >= na, err, sizeof(err)), 0);
	}
}

static const struct cmb_compare_row *flush_row(void)
{
	assert_string_equal(cmp.rows[0].row->name, "flush 4K");
	return &cmp.rows[0];
}

static void the_floor_is_the_timer(void **state)
{
	enum cmb_verdict v1000, v1040;

	(void)state;
	/* Identical values either side of 1024 ns judge alike. */
	identical_boots(6, 6, 1000);
	cmb_compare(&set, &opts, &cmp);
	v1000 = flush_row()->v;
	assert_true(flush_row()->r.floored);
	/* A 16 ns tick, one iteration a sample: 16 / sqrt(12) ns. */
	assert_true(fabs(flush_row()->r.floor - 16 / sqrt(12) / 1000) < 2e-4);
	forget_files();
	identical_boots(6, 6, 1040);
	cmb_compare(&set, &opts, &cmp);
	v1040 = flush_row()->v;
	assert_int_equal(v1000, CMB_SAME);
	assert_int_equal(v1040, CMB_SAME);
	/* The geomean has a floor too: no CI of zero width. */
	assert_true(cmp.geomean.r.floor > 0);
	assert_true(cmp.geomean.r.hi > cmp.geomean.r.lo);
	forget_files();
}

static void verdicts_need_three_boots(void **state)
{
	char *text;

	(void)state;
	identical_boots(2, 6, 1000);
	cmb_compare(&set, &opts, &cmp);
	assert_int_equal(flush_row()->v, CMB_NO_VERDICT);
	assert_int_equal(flush_row()->why, CMB_WHY_FEW_BOOTS);
	assert_true(flush_row()->r.hsu);
	assert_int_equal((int)flush_row()->r.df, 1);
	assert_true(flush_row()->resolve >= CMB_MIN_BOOTS);
	/* The geomean is one more test of the family. */
	assert_int_equal(cmp.family, 0);
	text = as_text();
	assert_non_null(strstr(text, "fewer than 3 boots on a side (2 + 6)"));
	assert_non_null(strstr(text, "unequal boot counts"));
	assert_null(strstr(text, "two boots a side"));
	free(text);
	forget_files();
	identical_boots(3, 4, 1000);
	cmb_compare(&set, &opts, &cmp);
	assert_int_equal(cmp.family, cmp.n + 1);
	forget_files();
}

/* na + nb boots compared by stat: no CI, no footnote about runs, and why. */
static void no_ci(unsigned int na, unsigned int nb, const char *stat, const char *why)
{
	struct cmb_compare_opts o = opts;
	char *text;

	identical_boots(na, nb, 1000);
	o.stat = cmb_stat_named(stat);
	cmb_compare(&set, &o, &cmp);
	assert_int_equal(flush_row()->why, CMB_WHY_NO_CI);
	text = as_text();
	assert_null(strstr(text, "within-boot"));
	assert_non_null(strstr(text, why));
	free(text);
	forget_files();
}

static void footnotes_only_for_printed_cis(void **state)
{
	struct cmb_header h;
	char err[256];

	(void)state;
	/* 1 + 3: no CI at all, and no footnote about runs. */
	no_ci(1, 3, "centre", "one boot on a side (1 + 3)");
	/* p99 at 1 + 1: its runs cannot stand in. */
	no_ci(1, 1, "p99", "p99 is not taken from");
	/* A header-only file against points: no row in common. */
	header(&h, "6.1-A", A53, "Cortex-A53", "a1");
	assert_int_equal(add(&h, NULL, 0, 0, err, sizeof(err)), 0);
	identical_boots(0, 2, 1000);
	cmb_compare(&set, &opts, &cmp);
	assert_int_equal(cmp.whys[CMB_WHY_MISSING], cmp.n);
	forget_files();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sides_are_checked_file_by_file),
		cmocka_unit_test(nothing_is_dropped_in_silence),
		cmocka_unit_test(invocations_in_one_boot),
		cmocka_unit_test(the_floor_is_the_timer),
		cmocka_unit_test(verdicts_need_three_boots),
		cmocka_unit_test(footnotes_only_for_printed_cis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
