/* SPDX-License-Identifier: GPL-2.0 */
/* /dev/cmbench: opening it with errors a user can act on, and its ioctls. */
#ifndef CMB_DEVICE_H
#define CMB_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/cmbench.h"

/*
 * The device and what it said when opened: its INFO and every op's
 * OP_INFO, read once. Tests fill one by hand (fd -1) to plan runs against
 * a module that is not there.
 */
struct cmb_dev {
	int fd;
	struct cmbench_info info;
	unsigned int n_ops;
	struct cmbench_op_info ops[CMBENCH_OP_MAX];
};

/* 0 ok; -1 with what went wrong and what to do about it in err. */
int cmb_dev_open(struct cmb_dev *d, const char *path, char *err, size_t errlen);
/* Opens $CMBENCH_DEVICE or /dev/cmbench; 0, or -1 after saying why. */
int cmb_dev_open_default(struct cmb_dev *d);
void cmb_dev_close(struct cmb_dev *d);
/* Index of the op called name, or -1 if the module has none. */
int cmb_dev_find_op(const struct cmb_dev *d, const char *name);
/* One run; 0 or -errno. */
int cmb_dev_run(struct cmb_dev *d, struct cmbench_run *req, __u64 *hist);

#endif
