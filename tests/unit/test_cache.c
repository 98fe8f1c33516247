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

	(void)state;
	assert_int_equal(cmb_cache_level_init(&l2, &cfg[1]), 0);
	assert_int_equal(cmb_cache_init_shared(&a, cfg, 2, 1, 100, 50, &l2), 0);
	assert_int_equal(cmb_cache_init_shared(&b, cfg, 2, 1, 100, 50, &l2), 0);
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
		assert_int_equal(cmb_cache_init_shared(&c, other, 2, 1, 100, 50, &l2), -1);
	}
	cmb_cache_free(&a);
	cmb_cache_free(&b);
	cmb_cache_level_free(&l2);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
