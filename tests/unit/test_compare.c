// SPDX-License-Identifier: GPL-2.0
/*
 * compare on result sets whose answers are known: files written by the
 * real writer, one per boot, read back through the loader.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "compare/compare.h"
#include "compare/matrix.h"
#include "result/machine.h"
#include "fixtures.h"

static struct cmb_set set;
static struct cmb_comparison cmp;

/*
 * One file of a boot: its points have these centres (one sample each);
 * high marks kmap's pool as highmem (a variant).
 */
static void boot_file(int side, double flush, double kmap, const char *boot_id, int high)
{
	struct cmb_header h;
	struct cmb_point p[2];
	char err[256];
	const char *path;

	fake_header(&h, side ? "6.1-B" : "6.1-A", NULL);
	snprintf(h.boot_id, sizeof(h.boot_id), "%s", boot_id);
	fake_point(&p[0], "flush", 4096, 1, (uint64_t)flush);
	fake_point(&p[1], "kmap", 0, 1, (uint64_t)kmap);
	p[1].pages = 600;
	p[1].highmem = high;
	path = fake_file(&h, p, 2, NULL);
	assert_non_null(path);
	assert_int_equal(cmb_set_add(&set, path, side, err, sizeof(err)), 0);
	unlink(path);
}

static void boot(int side, double flush, double kmap, const char *boot_id)
{
	boot_file(side, flush, kmap, boot_id, 0);
}

static const struct cmb_compare_opts opts = {
	.stat = &cmb_stats[CMB_STAT_CENTRE], .theta = 0.01, .alpha = 0.05,
	.adjust = &cmb_adjustments[CMB_ADJUST_BH],
	.max_boots = 99,
};

static const struct cmb_compare_row *row(const char *name)
{
	unsigned int i;

	for (i = 0; i < cmp.n; i++)
		if (!strcmp(cmp.rows[i].row->name, name))
			return &cmp.rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

/* flush 50% slower in B, kmap unchanged; boots scatter by 1%. */
static void a_slowdown_is_found(void **state)
{
	const struct cmb_compare_row *f, *k;

	(void)state;
	memset(&set, 0, sizeof(set));
	boot(0, 1000, 5000, "a1");
	boot(1, 1500, 5050, "b1");
	boot(1, 1515, 4950, "b2");
	boot(0, 1010, 5000, "a2");
	boot(0, 990, 5050, "a3");
	boot(1, 1485, 5000, "b3");
	cmb_compare(&set, &opts, &cmp);
	assert_int_equal(cmp.na, 3);
	assert_int_equal(cmp.nb, 3);
	assert_int_equal(cmp.n, 2);
	/* Two rows and the geomean: one family. */
	assert_int_equal(cmp.family, 3);
	f = row("flush 4K");
	k = row("kmap 600p");
	assert_true(fabs(f->r.ratio - 1.5) < 0.001);
	assert_true(f->r.lo < 1.5 && 1.5 < f->r.hi);
	assert_int_equal(f->v, CMB_SLOWER);
	assert_true(k->v != CMB_SLOWER && k->v != CMB_FASTER);
	/* BH over 3 tests: flush's q is at most three times its p. */
	assert_true(f->q <= 3 * f->r.p + 1e-15 && f->q >= f->r.p);
	/* The geomean of the two, per boot: sqrt(1.5 * 1.0). */
	assert_true(fabs(cmp.geomean.r.ratio - sqrt(1.5)) < 0.01);
	/*
	 * Its CI is Welch's on the boots' own geomeans, sqrt(flush * kmap)
	 * per boot (A: 1000*5000, 1010*5000, 990*5050; B: 1500*5050,
	 * 1515*4950, 1485*5000), which keeps how the rows move together; at
	 * 3 boots a side on Hsu's df, 2.
	 */
	{
		double ga[3] = { sqrt(1000.0 * 5000), sqrt(1010.0 * 5000), sqrt(990.0 * 5050) };
		double gb[3] = { sqrt(1500.0 * 5050), sqrt(1515.0 * 4950), sqrt(1485.0 * 5000) };
		struct cmb_ratio want;

		cmb_welch_ratio(ga, 3, gb, 3, 0, &want);
		want.df = 2;
		want.lo = want.ratio * exp(-cmb_t_quantile(0.975, 2) * want.se);
		want.hi = want.ratio * exp(cmb_t_quantile(0.975, 2) * want.se);
		assert_true(cmp.geomean.r.hsu);
		assert_true(fabs(cmp.geomean.r.ratio - want.ratio) < 1e-3);
		assert_true(fabs(cmp.geomean.r.lo - want.lo) < 2e-3);
		assert_true(fabs(cmp.geomean.r.hi - want.hi) < 2e-3);
		assert_true(fabs(cmp.geomean.r.df - want.df) < 0.05);
	}
	assert_int_equal(cmp.count[CMB_SLOWER], 1);
	cmb_set_free(&set);
}

static void one_boot_a_side_has_no_verdict(void **state)
{
	(void)state;
	memset(&set, 0, sizeof(set));
	boot(0, 1000, 5000, "a1");
	boot(1, 2000, 5000, "b1");
	cmb_compare(&set, &opts, &cmp);
	assert_int_equal(row("flush 4K")->v, CMB_NO_VERDICT);
	assert_true(row("flush 4K")->within_boot);
	assert_true(fabs(row("flush 4K")->r.ratio - 2) < 1e-9);
	assert_int_equal(cmp.family, 0);
	cmb_set_free(&set);
}

static void machines_get_no_wording(void **state)
{
	struct cmb_compare_opts o = opts;

	(void)state;
	memset(&set, 0, sizeof(set));
	boot(0, 1000, 5000, "a1");
	boot(0, 1010, 5010, "a2");
	boot(1, 1500, 5000, "b1");
	boot(1, 1510, 5020, "b2");
	o.machines = 1;
	cmb_compare(&set, &o, &cmp);
	assert_int_equal(row("flush 4K")->v, CMB_NO_VERDICT);
	assert_int_equal(row("flush 4K")->why, CMB_WHY_MACHINES);
	assert_true(!isnan(row("flush 4K")->r.lo));
	cmb_set_free(&set);
}

static void stats_other_than_the_centre(void **state)
{
	struct cmb_compare_opts o = opts;

	(void)state;
	memset(&set, 0, sizeof(set));
	boot(0, 1000, 5000, "a1");
	boot(1, 2000, 5000, "b1");
	o.stat = cmb_stat_named("p99");
	cmb_compare(&set, &o, &cmp);
	/* One sample: its p99 is itself. */
	assert_true(fabs(row("flush 4K")->r.ratio - 2) < 1e-9);
	assert_false(row("flush 4K")->within_boot);
	assert_int_equal(cmb_stat_named("p99")->kind, CMB_STAT_P99);
	assert_null(cmb_stat_named("p95"));
	cmb_set_free(&set);
}

/*
 * Variants measured in each boot: boots differ by up to 30%, B is 5%
 * slower in every one. Unpaired, the boots' spread hides it; paired by
 * boot it cancels, and rows pair by position although kmap's parameters
 * differ.
 */
static void variants_pair_by_boot(void **state)
{
	static const double offset[4] = { 1.0, 1.3, 0.8, 1.1 };
	const struct cmb_compare_row *k;
	unsigned int i;
	char id[8];

	(void)state;
	memset(&set, 0, sizeof(set));
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "boot%u", i);
		boot_file(0, 100000 * offset[i], 500000 * offset[i], id, 0);
		boot_file(1, 100000 * offset[i] * (1.05 + 0.002 * i), 500000 * offset[i], id, 1);
	}
	assert_int_equal(cmb_set_pair_rows(&set), 1);
	assert_string_equal(set.variant[0], "highmem 0");
	assert_string_equal(set.variant[1], "highmem 1");
	cmb_compare(&set, &opts, &cmp);
	assert_true(cmp.paired);
	assert_int_equal(cmp.n, 2);
	assert_int_equal(row("flush 4K")->v, CMB_SLOWER);
	assert_true(row("flush 4K")->r.paired);
	assert_int_equal((int)row("flush 4K")->r.df, 3);
	assert_true(fabs(row("flush 4K")->r.ratio - 1.053) < 0.001);
	k = row("kmap 600p");
	assert_true(fabs(k->r.ratio - 1) < 1e-3);
	/* Identical pairs: the CI is as narrow as the values' resolution allows. */
	assert_true(k->r.lo < 1 && k->r.hi > 1);
	cmb_set_free(&set);
}

/* Two files of one side from one boot are one boot: runs pooled. */
static void files_of_one_boot_pool(void **state)
{
	(void)state;
	memset(&set, 0, sizeof(set));
	boot(0, 1000, 5000, "x");
	boot(0, 1210, 5000, "x");
	boot(1, 1000, 5000, "y");
	assert_int_equal(set.nboots, 2);
	assert_int_equal(set.boot[0]->files, 2);
	assert_int_equal(set.row[0]->cell[0].runs, 2);
	/* The boot's centre: the geometric mean of its runs' medians. */
	assert_true(fabs(set.row[0]->cell[0].stat[CMB_STAT_CENTRE] - 1100) < 1);
	assert_int_equal(set.row[0]->cell[0].dist->s.n, 2);
	assert_int_equal(cmb_set_pair_rows(&set), 0);
	cmb_set_free(&set);
}

/*
 * A boot of a machine: one 1 GHz CPU (cpufreq held there, so cycles are
 * ns), an L1D of l1 and an L2 of 1M, and flush at 16K, 48K, 512K and 4M
 * costing l1ns, l2ns and 8 ns a 64-byte line in L1, L2 and memory on its
 * own levels, times scale.
 */
static const char *machine_file(int side, const char *cpu, uint64_t l1, double l1ns,
				double l2ns, double scale, const char *boot_id)
{
	static const uint64_t sizes[] = { 16384, 49152, 524288, 4194304 };
	struct cmb_header h;
	struct cmb_point p[4];
	unsigned int i;

	fake_header(&h, side ? "6.1-B" : "6.1-A", NULL);
	snprintf(h.boot_id, sizeof(h.boot_id), "%s", boot_id);
	snprintf(h.emu.cpu, sizeof(h.emu.cpu), "%s", cpu);
	h.cpu_part[0] = '\0';
	h.midr = 0x410fd034 + 0x1000 * (uint32_t)side;
	h.topo.n = 2;
	h.topo.c[0].size = l1;
	h.topo.c[1] = (struct cmb_cache){ .level = 2, .type = "unified", .line = 64,
					  .ways = 16, .sets = 1024, .size = 1 << 20,
					  .source = "CLIDR/CCSIDR" };
	h.cpu[0] = (struct cmb_cpu){ .cpu = 0, .online = 1, .governor = "performance",
				     .cur_khz = 1000000,
				     .min_khz = 1000000, .max_khz = 1000000 };
	h.n_cpu_info = 1;
	for (i = 0; i < 4; i++) {
		double per = sizes[i] <= l1 ? l1ns : sizes[i] <= (1 << 20) ? l2ns : 8;

		fake_point(&p[i], "flush", sizes[i], 1, (uint64_t)(per * scale * sizes[i] / 64));
	}
	return fake_file(&h, p, 4, NULL);
}

static void machine_boot(int side, const char *cpu, uint64_t l1, double l1ns, double l2ns,
			 double scale, const char *boot_id)
{
	const char *path = machine_file(side, cpu, l1, l1ns, l2ns, scale, boot_id);
	char err[256];

	assert_non_null(path);
	assert_int_equal(cmb_set_add(&set, path, side, err, sizeof(err)), 0);
	unlink(path);
}

static const struct cmb_region *region(unsigned int level)
{
	unsigned int i;

	for (i = 0; i < cmp.nregions; i++)
		if (cmp.regions[i].level == level && !strcmp(cmp.regions[i].op, "flush"))
			return &cmp.regions[i];
	fail_msg("no flush region at level %u", level);
	return NULL;
}

/*
 * Two machines are found by their identities alone: no verdict on any
 * row, the kernels' difference named, and the cache regions formed on
 * each machine's own levels (48K is L2 on a 32K-L1 machine, L1 on a
 * 64K one), compared per line.
 */
static void two_machines_by_their_caches(void **state)
{
	const struct cmb_region *g;
	unsigned int i;

	(void)state;
	memset(&set, 0, sizeof(set));
	machine_boot(0, "cortex-a53", 32768, 2, 4, 1.00, "a1");
	machine_boot(1, "neoverse-n1", 65536, 1, 3, 1.00, "b1");
	machine_boot(0, "cortex-a53", 32768, 2, 4, 1.02, "a2");
	machine_boot(1, "neoverse-n1", 65536, 1, 3, 1.01, "b2");
	cmb_compare(&set, &opts, &cmp);
	assert_true(cmp.o.machines);
	for (i = 0; i < cmp.n; i++)
		assert_int_equal(cmp.rows[i].v, CMB_NO_VERDICT);
	assert_int_equal(cmp.geomean.v, CMB_NO_VERDICT);
	assert_int_equal(cmp.count[CMB_SLOWER] + cmp.count[CMB_FASTER], 0);
	assert_int_equal(cmp.ndiffs, 1);
	assert_non_null(strstr(cmp.diffs, "kernel (6.1-A; 6.1-B)"));
	assert_int_equal(cmp.nregions, 3);
	g = region(1);
	assert_int_equal(g->nsizes[0], 1);	/* 16K */
	assert_int_equal(g->nsizes[1], 2);	/* 16K, 48K */
	assert_int_equal(g->hi[1], 49152);
	assert_false(g->within_boot);
	assert_true(fabs(g->r.ratio - 1 / 2.0) < 0.01);
	assert_true(g->r.lo < g->r.ratio && g->r.ratio < g->r.hi);
	g = region(2);
	assert_int_equal(g->nsizes[0], 2);	/* 48K, 512K */
	assert_int_equal(g->nsizes[1], 1);	/* 512K */
	assert_true(fabs(g->per_line[0] - 4 * 1.01) < 0.05);
	assert_true(fabs(g->r.ratio - 3 / 4.0) < 0.01);
	g = region(0);
	assert_true(fabs(g->r.ratio - 1) < 0.02);
	cmb_set_free(&set);
}

/* Held at 1 GHz, a point's cycles are its ns, and say so. */
static void cycles_at_a_fixed_frequency(void **state)
{
	struct cmb_compare_opts o = opts;
	char buf[64];

	(void)state;
	memset(&set, 0, sizeof(set));
	machine_boot(0, "cortex-a53", 32768, 2, 4, 1, "a1");
	machine_boot(1, "cortex-a72", 32768, 1, 4, 1, "b1");
	o.stat = cmb_stat_named("cycles");
	assert_int_equal(o.stat->kind, CMB_STAT_CYCLES);
	cmb_compare(&set, &o, &cmp);
	assert_true(fabs(set.row[0]->cell[0].stat[CMB_STAT_CYCLES] - 512) < 1);
	assert_int_equal(set.row[0]->cell[0].cycles_src, CMB_CYC_FIXED_FREQ);
	assert_string_equal(cmb_cycles_src_name(set.row[0]->cell[0].cycles_src,
						set.row[0]->cell[0].cycles_mhz, buf, sizeof(buf)),
			    "ns at a fixed 1000 MHz");
	assert_true(fabs(row("flush 16K")->r.ratio - 0.5) < 0.01);
	assert_true(row("flush 16K")->within_boot);
	cmb_set_free(&set);
}

/*
 * Three machines, two boots each, files in any order: grouped by machine
 * (the first file's is X), one comparison per machine against X, every
 * line of the table within 72 columns and no verdict word in it.
 */
static void a_matrix_of_three_machines(void **state)
{
	static const struct {
		const char *cpu;
		uint64_t l1;
		double l1ns, l2ns;
	} mc[3] = { { "cortex-a53", 32768, 2, 4 }, { "cortex-a72", 32768, 1, 4 },
		    { "neoverse-n1", 65536, 1, 3 } };
	char paths[6][64], *argv[6], err[256], *text = NULL, *line;
	const struct cmb_compare_row *r;
	struct cmb_matrix m;
	size_t len = 0;
	unsigned int i;
	FILE *f;

	(void)state;
	for (i = 0; i < 6; i++) {
		unsigned int k = (i + 2 * (i / 3)) % 3;	/* 0 1 2 2 0 1 */
		char id[8];

		snprintf(id, sizeof(id), "b%u", i);
		snprintf(paths[i], sizeof(paths[i]), "%s",
			 machine_file((int)k, mc[k].cpu, mc[k].l1, mc[k].l1ns, mc[k].l2ns,
				      1 + 0.01 * i, id));
		argv[i] = paths[i];
	}
	assert_int_equal(cmb_matrix_load(&m, argv, 6, err, sizeof(err)), 0);
	cmb_matrix_compare(&m, &opts);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.name[0], "cortex-a53, emulated");
	assert_string_equal(m.name[2], "neoverse-n1, emulated");
	assert_int_equal(cmb_machine_letter(2), 'Z');
	assert_int_equal(m.cmp[1]->na, 2);
	assert_int_equal(m.cmp[1]->nb, 2);
	assert_true(m.cmp[1]->o.machines);
	/* flush 16K is L1 everywhere: 1/2; 48K is L1 only on the 64K machine. */
	assert_string_equal(m.cmp[0]->rows[0].row->name, "flush 16K");
	r = cmb_matrix_cell(&m, 1, 0);
	assert_true(fabs(r->r.ratio - 0.5) < 0.02);
	assert_true(r->r.lo < r->r.ratio && r->r.ratio < r->r.hi);
	r = cmb_matrix_cell(&m, 2, 1);
	assert_true(fabs(r->r.ratio - 1 / 4.0) < 0.01);
	assert_non_null(cmb_matrix_cell(&m, 2, -1));
	f = open_memstream(&text, &len);
	cmb_matrix_text(f, &m, "cmbench compare --matrix ...");
	fclose(f);
	assert_non_null(strstr(text, "Z/X 95% CI"));
	assert_null(strstr(text, "faster"));
	assert_null(strstr(text, "slower"));
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(strlen(line) <= 72);
	free(text);
	cmb_matrix_free(&m);
	/* One machine only is an error that says so. */
	assert_int_equal(cmb_matrix_load(&m, argv, 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "one machine"));
	for (i = 0; i < 6; i++)
		unlink(paths[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_slowdown_is_found),
		cmocka_unit_test(one_boot_a_side_has_no_verdict),
		cmocka_unit_test(machines_get_no_wording),
		cmocka_unit_test(stats_other_than_the_centre),
		cmocka_unit_test(variants_pair_by_boot),
		cmocka_unit_test(files_of_one_boot_pool),
		cmocka_unit_test(two_machines_by_their_caches),
		cmocka_unit_test(cycles_at_a_fixed_frequency),
		cmocka_unit_test(a_matrix_of_three_machines),
	};

	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
