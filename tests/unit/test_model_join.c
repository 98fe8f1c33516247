// SPDX-License-Identifier: GPL-2.0
/*
 * A cache model's model.txt joined to points by the module's run serials:
 * figures per op from the right runs, the median sample over the batch,
 * threads' runs summed, and a model that does not add up refused.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "result/model.h"

static const char *model_file(const char *text)
{
	static char path[64];
	FILE *f;

	strcpy(path, "/tmp/cmbench-model-XXXXXX");
	f = fdopen(mkstemp(path), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

#define HEAD "# cmbench cache plugin: MODELLED, not measured; L1 32768 B 4-way 64 B lines\n"

/* Run 7 (warm-up, 100 samples) is left alone; runs 8 and 10 are the point's. */
static const char *const text = HEAD
	"run 7 vcpu 0 samples 100 insns 1000 cycles 50000 sample_p50 480 dc 2560 "
	"dc_unmapped 0 l1_miss 0 l1_wb 2560 l2_miss 0 l2_wb 2560 mem_rd 0 mem_wr 2560\n"
	"run 8 vcpu 0 samples 50 insns 500 cycles 24000 sample_p50 480 dc 1280 "
	"dc_unmapped 0 l1_miss 2 l1_wb 1281 l2_miss 3 l2_wb 1290 mem_rd 1 mem_wr 1300 "
	"dsb 50 tlbi 4\n"
	"run 10 vcpu 1 samples 50 insns 500 cycles 25000 sample_p50 500 dc 1280 "
	"dc_unmapped 0 l1_miss 0 l1_wb 1280 l2_miss 1 l2_wb 1280 mem_rd 0 mem_wr 1280 "
	"dsb 50 tlbi 6\n";

static void point(struct cmb_point *p)
{
	fake_point(p, "flush", 4096, 50, 1000);
	p->repeats = 2;
	p->rep[1] = p->rep[0];
	p->rep[0].serial = 8;
	p->rep[1].serial = 10;
	p->batch = 2;		/* each sample two iterations */
}

static void figures_per_op_from_the_points_runs(void **state)
{
	struct cmb_model m;
	struct cmb_point *p = calloc(1, sizeof(*p));
	char err[256];

	(void)state;
	assert_int_equal(cmb_model_load(&m, model_file(text), err, sizeof(err)), 0);
	assert_int_equal(m.n, 3);
	assert_non_null(strstr(m.desc, "MODELLED, not measured; L1 32768 B"));
	point(p);
	assert_int_equal(cmb_model_point(&m, p, err, sizeof(err)), 0);
	/* Runs' medians 480 / 2 and 500 / 2 per op: their geometric mean. */
	assert_true(fabs(p->model.cycles.centre - sqrt(240.0 * 250.0)) < 1e-9);
	assert_int_equal(p->model.cycles.runs, 2);
	assert_true(p->model.cycles.lo < p->model.cycles.centre);
	assert_true(p->model.cycles.hi > p->model.cycles.centre);
	/* Per op over both runs' 100 samples of 2 iterations: not run 7's. */
	assert_true(fabs(p->model.insns - 1000.0 / 200) < 1e-12);
	/* Each count its own sum (all differ), so none is read for another. */
	assert_true(fabs(p->model.dc - 2560.0 / 200) < 1e-12);
	assert_true(fabs(p->model.l1_wb - 2561.0 / 200) < 1e-12);
	assert_true(fabs(p->model.l1_miss - 2.0 / 200) < 1e-12);
	assert_true(fabs(p->model.l2_miss - 4.0 / 200) < 1e-12);
	assert_true(fabs(p->model.l2_wb - 2570.0 / 200) < 1e-12);
	assert_true(fabs(p->model.mem_rd - 1.0 / 200) < 1e-12);
	assert_true(fabs(p->model.mem_wr - 2580.0 / 200) < 1e-12);
	assert_true(fabs(p->model.dsb - 100.0 / 200) < 1e-12);
	assert_true(fabs(p->model.tlbi - 10.0 / 200) < 1e-12);
	cmb_model_free(&m);
	free(p);
}

static void threads_runs_are_summed_and_a_mismatch_refused(void **state)
{
	struct cmb_model m;
	struct cmb_point *p = calloc(1, sizeof(*p));
	char err[256];

	(void)state;
	assert_int_equal(cmb_model_load(&m, model_file(text), err, sizeof(err)), 0);
	/* Two threads: serials 7 and 8 are one run of 150 samples. */
	fake_point(p, "flush", 4096, 150, 1000);
	p->threads = 2;
	p->rep[0].n = 150;
	p->rep[0].serial = 7;
	assert_int_equal(cmb_model_point(&m, p, err, sizeof(err)), 0);
	assert_true(fabs(p->model.cycles.centre - (480.0 + 480.0) / 2) < 1e-9);
	assert_int_equal(p->model.cycles.runs, 1);
	/* The same runs for a point of 151 samples: not its model. */
	p->rep[0].n = 151;
	memset(&p->model, 0, sizeof(p->model));
	assert_int_equal(cmb_model_point(&m, p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "the model has 150 samples, the run 151"));
	assert_true(p->model.cycles.centre == 0);
	/* No serials (an older module): nothing to join, nothing changed. */
	p->rep[0].serial = 0;
	assert_int_equal(cmb_model_point(&m, p, err, sizeof(err)), 1);
	cmb_model_free(&m);
	free(p);
}

static void not_a_model_is_named(void **state)
{
	struct cmb_model m;
	char err[256];

	(void)state;
	assert_int_equal(cmb_model_load(&m, model_file("run 1 samples 3\n"), err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "not a model.txt of cmbench's cache plugin"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures_per_op_from_the_points_runs),
		cmocka_unit_test(threads_runs_are_summed_and_a_mismatch_refused),
		cmocka_unit_test(not_a_model_is_named),
	};

	return cmocka_run_group_tests_name("model join", tests, NULL, NULL);
}
