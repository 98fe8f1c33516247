// SPDX-License-Identifier: GPL-2.0
/*
 * The cache model on address traces whose answers are worked out by hand:
 * hits and misses with their cycles, LRU eviction, a dirty line written
 * back on eviction and on clean, invalidate dropping dirty data, clean to
 * the point of unification, DC ZVA allocating without a read.
 *
 * The hierarchy: L1 256 B, 2 ways, 64 B lines (2 sets), hit 1, write-back
 * 2; L2 1K, 4 ways (4 sets), hit 10, write-back 20; memory 100 a line
 * read, 50 a line written; L2 is the point of unification. Lines 0x000,
 * 0x080 and 0x100 share L1's set 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/cache.h"
#include "qemu/arm_insn.h"

static struct cmb_cache_model m;

static int setup(void **state)
{
	static const struct cmb_cache_cfg cfg[2] = {
		{ .size = 256, .ways = 2, .line = 64, .hit = 1, .writeback = 2 },
		{ .size = 1024, .ways = 4, .line = 64, .hit = 10, .writeback = 20 },
	};

	(void)state;
	return cmb_cache_init(&m, cfg, 2, 1, 100, 50);
}

static int teardown(void **state)
{
	(void)state;
	cmb_cache_free(&m);
	return 0;
}

static void cold_miss_then_hit(void **state)
{
	(void)state;
	/* L1 tag check, L2 tag check, memory. */
	assert_int_equal(cmb_cache_access(&m, 0x000, CMB_CACHE_LOAD), 1 + 10 + 100);
	assert_int_equal(m.st[0].misses, 1);
	assert_int_equal(m.st[1].misses, 1);
	assert_int_equal(m.mem_reads, 1);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 1);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 1);
	/* Any byte of the line hits L1. */
	assert_int_equal(cmb_cache_access(&m, 0x03f, CMB_CACHE_LOAD), 1);
	assert_int_equal(m.st[0].hits, 1);
}

static void lru_evicts_the_least_recent(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_LOAD);
	cmb_cache_access(&m, 0x080, CMB_CACHE_LOAD);
	cmb_cache_access(&m, 0x000, CMB_CACHE_LOAD);	/* 0x080 is now the LRU */
	cmb_cache_access(&m, 0x100, CMB_CACHE_LOAD);
	assert_int_equal(cmb_cache_state(&m, 0, 0x080), 0);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 1);
	assert_int_equal(cmb_cache_state(&m, 0, 0x100), 1);
	assert_int_equal(m.st[0].evictions, 1);
	assert_int_equal(m.st[0].writebacks, 0);
	/* L2 has room for all three: a reload of 0x080 hits there. */
	assert_int_equal(cmb_cache_access(&m, 0x080, CMB_CACHE_LOAD), 1 + 10);
}

static void a_dirty_line_is_written_back_on_eviction(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_STORE);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 2);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 1);	/* write-back: L1 only */
	cmb_cache_access(&m, 0x080, CMB_CACHE_LOAD);
	/* Misses both, reads memory, and evicts dirty 0x000 into L2 (2). */
	assert_int_equal(cmb_cache_access(&m, 0x100, CMB_CACHE_LOAD), 1 + 10 + 100 + 2);
	assert_int_equal(m.st[0].writebacks, 1);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 0);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 2);
	assert_int_equal(m.mem_writes, 0);
}

static void clean_writes_back_and_keeps_the_line(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_STORE);
	/* L1 lookup, its write-back into L2, L2 lookup, its write-back to memory. */
	assert_int_equal(cmb_cache_maint(&m, 0x000, CMB_CACHE_CLEAN, CMB_CACHE_POC),
			 1 + 2 + 10 + 20 + 50);
	assert_int_equal(m.mem_writes, 1);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 1);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 1);
	/* Clean again: only the lookups. */
	assert_int_equal(cmb_cache_maint(&m, 0x000, CMB_CACHE_CLEAN, CMB_CACHE_POC), 1 + 10);
	assert_int_equal(m.mem_writes, 1);
}

static void invalidate_drops_dirty_data(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_STORE);
	assert_int_equal(cmb_cache_maint(&m, 0x000, CMB_CACHE_INVAL, CMB_CACHE_POC), 1 + 10);
	assert_int_equal(m.st[0].dropped_dirty, 1);
	assert_int_equal(m.st[1].dropped_dirty, 0);
	assert_int_equal(m.mem_writes, 0);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 0);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 0);
	/* What comes back is memory's: a miss everywhere. */
	assert_int_equal(cmb_cache_access(&m, 0x000, CMB_CACHE_LOAD), 1 + 10 + 100);
}

static void clean_and_invalidate_does_both(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_STORE);
	assert_int_equal(cmb_cache_maint(&m, 0x000, CMB_CACHE_CLEAN_INVAL, CMB_CACHE_POC),
			 1 + 2 + 10 + 20 + 50);
	assert_int_equal(m.mem_writes, 1);
	assert_int_equal(m.st[0].dropped_dirty + m.st[1].dropped_dirty, 0);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 0);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 0);
}

static void clean_to_pou_stops_at_l2(void **state)
{
	(void)state;
	cmb_cache_access(&m, 0x000, CMB_CACHE_STORE);
	assert_int_equal(cmb_cache_maint(&m, 0x000, CMB_CACHE_CLEAN, CMB_CACHE_POU), 1 + 2);
	assert_int_equal(cmb_cache_state(&m, 0, 0x000), 1);
	assert_int_equal(cmb_cache_state(&m, 1, 0x000), 2);
	assert_int_equal(m.mem_writes, 0);
}

static void zva_allocates_without_a_read(void **state)
{
	(void)state;
	assert_int_equal(cmb_cache_maint(&m, 0x200, CMB_CACHE_ZERO, CMB_CACHE_POC), 1);
	assert_int_equal(m.mem_reads, 0);
	assert_int_equal(cmb_cache_state(&m, 0, 0x200), 2);
	assert_int_equal(cmb_cache_state(&m, 1, 0x200), 0);
}

static void geometries_that_do_not_divide_are_refused(void **state)
{
	struct cmb_cache_cfg bad = { .size = 1000, .ways = 4, .line = 64, .hit = 1 };
	struct cmb_cache_model x;

	(void)state;
	assert_int_equal(cmb_cache_init(&x, &bad, 1, 0, 100, 50), -1);
	bad = (struct cmb_cache_cfg){ .size = 3 * 64 * 4, .ways = 4, .line = 64, .hit = 1 };
	assert_int_equal(cmb_cache_init(&x, &bad, 1, 0, 100, 50), -1);	/* 3 sets */
	bad = (struct cmb_cache_cfg){ .size = 1024, .ways = 4, .line = 48, .hit = 1 };
	assert_int_equal(cmb_cache_init(&x, &bad, 1, 0, 100, 50), -1);
}

/* Two cores sharing L2: what one brought in, the other finds there. */
static void a_shared_last_level_serves_both_cores(void **state)
{
	static const struct cmb_cache_cfg cfg[2] = {
		{ .size = 256, .ways = 2, .line = 64, .hit = 1, .writeback = 2 },
		{ .size = 1024, .ways = 4, .line = 64, .hit = 10, .writeback = 20 },
	};
	struct cmb_cache_model a, b;
	struct cmb_cache_level l2;
	struct cmb_cache_level *const sh[2] = { NULL, &l2 };

	(void)state;
	assert_int_equal(cmb_cache_level_init(&l2, &cfg[1]), 0);
	assert_int_equal(cmb_cache_init_shared(&a, cfg, 2, 1, 100, 50, sh), 0);
	assert_int_equal(cmb_cache_init_shared(&b, cfg, 2, 1, 100, 50, sh), 0);
	/* A's store: from memory into the shared L2 and A's L1, dirty there. */
	assert_int_equal(cmb_cache_access(&a, 0x000, CMB_CACHE_STORE), 1 + 10 + 100);
	/* B's load misses its own L1 and hits the shared L2: no memory read. */
	assert_int_equal(cmb_cache_access(&b, 0x000, CMB_CACHE_LOAD), 1 + 10);
	assert_int_equal(b.mem_reads, 0);
	assert_int_equal(b.st[1].hits, 1);
	assert_int_equal(a.st[1].hits, 0);
	assert_int_equal(a.st[1].misses, 1);
	/* A's clean writes its dirty line through the shared L2 to memory. */
	assert_int_equal(cmb_cache_maint(&a, 0x000, CMB_CACHE_CLEAN, CMB_CACHE_POC),
			 1 + 2 + 10 + 20 + 50);
	assert_int_equal(cmb_cache_state(&b, 1, 0x000), 1);
	/* A geometry other than the shared level's is refused. */
	{
		struct cmb_cache_cfg other[2] = { cfg[0], cfg[1] };
		struct cmb_cache_model c;

		other[1].ways = 2;
		assert_int_equal(cmb_cache_init_shared(&c, other, 2, 1, 100, 50, sh), -1);
	}
	cmb_cache_free(&a);
	cmb_cache_free(&b);
	cmb_cache_level_free(&l2);
}

/*
 * Two clusters, an L2 each, one L3 for all: a line one core brought in
 * is in its cluster's L2 for its neighbour, only in L3 for the other
 * cluster; a clean by the other cluster's core finds no dirty copy in
 * its own L2, and the first core's dirty L1 line stays where it was.
 */
static void clusters_share_l2_and_all_share_l3(void **state)
{
	static const struct cmb_cache_cfg cfg[3] = {
		{ .size = 256, .ways = 2, .line = 64, .hit = 1, .writeback = 2 },
		{ .size = 1024, .ways = 4, .line = 64, .hit = 10, .writeback = 20 },
		{ .size = 4096, .ways = 8, .line = 64, .hit = 30, .writeback = 40 },
	};
	struct cmb_cache_level l2a, l2b, l3;
	struct cmb_cache_level *const c0[3] = { NULL, &l2a, &l3 };
	struct cmb_cache_level *const c1[3] = { NULL, &l2b, &l3 };
	struct cmb_cache_model a, b, c;

	(void)state;
	assert_int_equal(cmb_cache_level_init(&l2a, &cfg[1]), 0);
	assert_int_equal(cmb_cache_level_init(&l2b, &cfg[1]), 0);
	assert_int_equal(cmb_cache_level_init(&l3, &cfg[2]), 0);
	assert_int_equal(cmb_cache_init_shared(&a, cfg, 3, 1, 100, 50, c0), 0);
	assert_int_equal(cmb_cache_init_shared(&b, cfg, 3, 1, 100, 50, c0), 0);
	assert_int_equal(cmb_cache_init_shared(&c, cfg, 3, 1, 100, 50, c1), 0);
	assert_int_equal(cmb_cache_access(&a, 0x1000, CMB_CACHE_STORE), 1 + 10 + 30 + 100);
	/* a's neighbour: its cluster's L2. */
	assert_int_equal(cmb_cache_access(&b, 0x1000, CMB_CACHE_LOAD), 1 + 10);
	/* The other cluster: its own L2 misses, L3 has it. */
	assert_int_equal(cmb_cache_access(&c, 0x1000, CMB_CACHE_LOAD), 1 + 10 + 30);
	assert_int_equal(c.st[1].misses, 1);
	assert_int_equal(c.st[2].hits, 1);
	assert_int_equal(c.mem_reads, 0);
	assert_int_equal(cmb_cache_state(&c, 1, 0x1000), 1);
	assert_int_equal(cmb_cache_state(&b, 1, 0x1000), 1);
	/* Each L1 is its own: a's is dirty, c's clean copy is c's alone. */
	assert_int_equal(cmb_cache_state(&a, 0, 0x1000), 2);
	assert_int_equal(cmb_cache_state(&c, 0, 0x1000), 1);
	/* A second line in cluster 1 only: never in cluster 0's L2. */
	assert_int_equal(cmb_cache_access(&c, 0x2000, CMB_CACHE_LOAD), 1 + 10 + 30 + 100);
	assert_int_equal(cmb_cache_state(&a, 1, 0x2000), 0);
	assert_int_equal(cmb_cache_state(&a, 2, 0x2000), 1);
	cmb_cache_free(&a);
	cmb_cache_free(&b);
	cmb_cache_free(&c);
	cmb_cache_level_free(&l2a);
	cmb_cache_level_free(&l2b);
	cmb_cache_level_free(&l3);
}

/*
 * The plugin's shortcuts count exactly what cmb_cache_access() counts: a
 * trace with locality (runs of accesses to one line, stores among
 * loads, a DC now and then) through both, the same cycles, the same
 * counts at every level, the same lines in the same states.
 */
static void the_l1_shortcuts_change_nothing(void **state)
{
	static const struct cmb_cache_cfg cfg[2] = {
		{ .size = 1024, .ways = 2, .line = 64, .hit = 4, .writeback = 4 },
		{ .size = 4096, .ways = 4, .line = 64, .hit = 12, .writeback = 12 },
	};
	struct cmb_cache_model a, b;
	uint64_t ca = 0, cb = 0, x = 12345, last = UINT64_MAX, pa = 0;
	int slot = -1, i, touches = 0;
	unsigned int l;

	(void)state;
	assert_int_equal(cmb_cache_init(&a, cfg, 2, 1, 100, 50), 0);
	assert_int_equal(cmb_cache_init(&b, cfg, 2, 1, 100, 50), 0);
	for (i = 0; i < 200000; i++) {
		enum cmb_cache_op op;
		uint64_t c;

		x = x * 6364136223846793005ull + 1442695040888963407ull;
		if ((x >> 60) < 12)		/* mostly the same line again */
			pa = (pa & ~63ull) | ((x >> 20) & 63);
		else
			pa = (x >> 24) & 0x7fff;
		op = (x >> 40) & 1 ? CMB_CACHE_STORE : CMB_CACHE_LOAD;
		if ((x >> 50) % 97 == 0) {
			ca += cmb_cache_maint(&a, pa, CMB_CACHE_CLEAN_INVAL, CMB_CACHE_POC);
			cb += cmb_cache_maint(&b, pa, CMB_CACHE_CLEAN_INVAL, CMB_CACHE_POC);
			last = UINT64_MAX;
			continue;
		}
		ca += cmb_cache_access(&a, pa, op);
		/* As the plugin's on_mem does it. */
		if (pa >> 6 == last) {
			cb += cmb_cache_touch_l1(&b, slot, op);
			touches++;
			continue;
		}
		slot = cmb_cache_access_l1(&b, pa, op, &c);
		if (slot < 0) {
			c = cmb_cache_access(&b, pa, op);
			slot = cmb_cache_l1_slot(&b, pa);
		}
		cb += c;
		last = slot < 0 ? UINT64_MAX : pa >> 6;
	}
	assert_int_equal(ca, cb);
	assert_int_equal(a.mem_reads, b.mem_reads);
	assert_int_equal(a.mem_writes, b.mem_writes);
	for (l = 0; l < 2; l++) {
		assert_memory_equal(&a.st[l], &b.st[l], sizeof(a.st[l]));
		assert_memory_equal(a.lv[l].state, b.lv[l].state,
				    (size_t)a.lv[l].sets * a.lv[l].cfg.ways);
		assert_memory_equal(a.lv[l].tag, b.lv[l].tag,
				    (size_t)a.lv[l].sets * a.lv[l].cfg.ways * sizeof(uint64_t));
		assert_memory_equal(a.lv[l].used, b.lv[l].used,
				    (size_t)a.lv[l].sets * a.lv[l].cfg.ways * sizeof(uint64_t));
	}
	assert_true(a.st[0].hits > 100000 && a.st[1].misses > 1000 && touches > 50000);
	cmb_cache_free(&a);
	cmb_cache_free(&b);
}

/*
 * The encodings the plugin watches, from the Arm ARM: what the kernel's
 * dcache_clean_inval_poc (DC CIVAC) and v7's MCR loops emit.
 */
static void the_plugin_knows_the_encodings(void **state)
{
	enum cmb_cache_point pt;

	(void)state;
	assert_int_equal(HINT(0x62), 0xd5032c5f);
	assert_int_equal(A32_HINT(0x63), 0xe320f063);
	/* DC CIVAC, X3; CVAU, X0 to PoU; IVAC; ZVA; CVAC; not a DC: HINT. */
	assert_true(is_dc(0xd50b7e23));
	assert_int_equal(dc_kind(0xd50b7e23, &pt), CMB_CACHE_CLEAN_INVAL);
	assert_int_equal(pt, CMB_CACHE_POC);
	assert_int_equal(dc_kind(0xd50b7b20, &pt), CMB_CACHE_CLEAN);
	assert_int_equal(pt, CMB_CACHE_POU);
	assert_int_equal(dc_kind(0xd5087621, &pt), CMB_CACHE_INVAL);
	assert_int_equal(dc_kind(0xd50b7424, &pt), CMB_CACHE_ZERO);
	assert_int_equal(dc_kind(0xd50b7a25, &pt), CMB_CACHE_CLEAN);
	assert_int_equal(pt, CMB_CACHE_POC);
	assert_false(is_dc(HINT(0x62)));
	/* MCR p15, 0, r3, c7, c14, 1 (DCCIMVAC) is DC CIVAC of X3; c6 IVAC. */
	assert_true(a32_dc(0xee073f3e));
	assert_int_equal(a32_as_a64(0xee073f3e), 0xd50b7e23);
	assert_int_equal(a32_as_a64(0xee070f36), 0xd5087620);
	assert_false(a32_dc(0xee070f15));	/* ICIALLU */
	/* DSB SY and ISH (A64), DSB ISH (A32); TLBI VAE1IS, X0; none on A32. */
	assert_true(is_dsb(0xd5033f9f, 0));
	assert_true(is_dsb(0xd5033b9f, 0));
	assert_true(is_dsb(0xf57ff04b, 1));
	assert_false(is_dsb(0xd5033fdf, 0));	/* ISB */
	assert_true(is_tlbi(0xd5088320, 0));
	assert_false(is_tlbi(0xd5088320, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cold_miss_then_hit, setup, teardown),
		cmocka_unit_test_setup_teardown(lru_evicts_the_least_recent, setup, teardown),
		cmocka_unit_test_setup_teardown(a_dirty_line_is_written_back_on_eviction, setup,
						teardown),
		cmocka_unit_test_setup_teardown(clean_writes_back_and_keeps_the_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(invalidate_drops_dirty_data, setup, teardown),
		cmocka_unit_test_setup_teardown(clean_and_invalidate_does_both, setup, teardown),
		cmocka_unit_test_setup_teardown(clean_to_pou_stops_at_l2, setup, teardown),
		cmocka_unit_test_setup_teardown(zva_allocates_without_a_read, setup, teardown),
		cmocka_unit_test(geometries_that_do_not_divide_are_refused),
		cmocka_unit_test(a_shared_last_level_serves_both_cores),
		cmocka_unit_test(clusters_share_l2_and_all_share_l3),
		cmocka_unit_test(the_plugin_knows_the_encodings),
		cmocka_unit_test(the_l1_shortcuts_change_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
