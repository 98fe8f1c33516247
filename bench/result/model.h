/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An emulator's cache model joined to a result: the run lines of the
 * plugin's model.txt (bench/qemu/cache_plugin.c) found by the module's run
 * serials that each point's runs record, turned into figures per op.
 * Everything here is MODELLED.
 */
#ifndef CMB_MODEL_H
#define CMB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "result/result.h"

/* One "run ..." line: a module run's samples, as the plugin summed them. */
struct cmb_model_run {
	uint64_t serial, samples, insns, cycles, p50, dc;
	uint64_t l1_miss, l1_wb, l2_miss, l2_wb, mem_rd, mem_wr, dsb, tlbi;
};

struct cmb_model {
	char desc[320];			/* the file's head, after "# " */
	size_t n;
	struct cmb_model_run *run;	/* sorted by serial */
};

/* 0, or -1 with err naming the file and line. */
int cmb_model_load(struct cmb_model *m, const char *path, char *err, size_t len);
void cmb_model_free(struct cmb_model *m);

/*
 * Fills p->model from the runs of m its runs name: 0 done; 1 when the
 * point has no serials or m none of its runs (left as it was); -1 with err
 * when m's runs do not add up to the point's samples (another process's
 * runs between its threads', or another boot's model).
 */
int cmb_model_point(const struct cmb_model *m, struct cmb_point *p, char *err, size_t len);

#endif
