// SPDX-License-Identifier: GPL-2.0
/* Pairing lock:contention_begin/end hits into wait times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "run/lockwait.h"

enum { BEGIN, END };

static void simple_waits_add_up(void **state)
{
	struct cmb_lockwait w;

	(void)state;
	memset(&w, 0, sizeof(w));
	cmb_lockwait_feed(&w, BEGIN, 0xa0, 100);
	cmb_lockwait_feed(&w, END, 0xa0, 150);
	cmb_lockwait_feed(&w, BEGIN, 0xb0, 1000);
	cmb_lockwait_feed(&w, END, 0xb0, 1007);
	assert_int_equal(w.wait_ns, 57);
	assert_int_equal(w.waits, 2);
	assert_int_equal(w.unpaired, 0);
}

/* 6.1's mutex slow path: begin (spin), begin (sleep), one end. */
static void mutex_begin_twice_is_one_wait(void **state)
{
	struct cmb_lockwait w;

	(void)state;
	memset(&w, 0, sizeof(w));
	cmb_lockwait_feed(&w, BEGIN, 0xa0, 100);
	cmb_lockwait_feed(&w, BEGIN, 0xa0, 130);
	cmb_lockwait_feed(&w, END, 0xa0, 400);
	assert_int_equal(w.wait_ns, 300);
	assert_int_equal(w.waits, 1);
	assert_int_equal(w.unpaired, 0);
	assert_int_equal(w.depth, 0);
}

/* The mutex's wait_lock contended while waiting for the mutex. */
static void nested_wait_counts_once(void **state)
{
	struct cmb_lockwait w;

	(void)state;
	memset(&w, 0, sizeof(w));
	cmb_lockwait_feed(&w, BEGIN, 0xa0, 100);
	cmb_lockwait_feed(&w, BEGIN, 0xa8, 120);
	cmb_lockwait_feed(&w, END, 0xa8, 140);
	cmb_lockwait_feed(&w, END, 0xa0, 500);
	assert_int_equal(w.wait_ns, 400);
	assert_int_equal(w.waits, 1);
	assert_int_equal(w.unpaired, 0);
}

static void lost_halves_are_unpaired(void **state)
{
	struct cmb_lockwait w;

	(void)state;
	memset(&w, 0, sizeof(w));
	cmb_lockwait_feed(&w, END, 0xa0, 50);		/* begun before counting */
	cmb_lockwait_feed(&w, BEGIN, 0xb0, 100);
	cmb_lockwait_feed(&w, BEGIN, 0xc0, 110);	/* its end was lost... */
	cmb_lockwait_feed(&w, END, 0xb0, 200);		/* ...and goes with b */
	assert_int_equal(w.wait_ns, 100);
	assert_int_equal(w.unpaired, 2);
	cmb_lockwait_feed(&w, BEGIN, 0xd0, 300);	/* still waiting at the end */
	cmb_lockwait_flush(&w);
	assert_int_equal(w.unpaired, 3);
	assert_int_equal(w.depth, 0);
	assert_int_equal(w.waits, 1);
}

static void deep_nesting_is_bounded(void **state)
{
	struct cmb_lockwait w;
	uint64_t i;

	(void)state;
	memset(&w, 0, sizeof(w));
	for (i = 0; i < CMB_LOCKWAIT_DEPTH + 3; i++)
		cmb_lockwait_feed(&w, BEGIN, 0x100 + i, i);
	assert_int_equal(w.depth, CMB_LOCKWAIT_DEPTH);
	assert_int_equal(w.unpaired, 3);
	cmb_lockwait_feed(&w, END, 0x100, 1000);
	assert_int_equal(w.wait_ns, 1000);
	assert_int_equal(w.depth, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simple_waits_add_up),
		cmocka_unit_test(mutex_begin_twice_is_one_wait),
		cmocka_unit_test(nested_wait_counts_once),
		cmocka_unit_test(lost_halves_are_unpaired),
		cmocka_unit_test(deep_nesting_is_bounded),
	};

	return cmocka_run_group_tests_name("lockwait", tests, NULL, NULL);
}
