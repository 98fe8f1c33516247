/* SPDX-License-Identifier: GPL-2.0 */
/* /dev/cmbench: opening it with errors a user can act on, and its ioctls. */
#ifndef CMB_DEVICE_H
#define CMB_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/cmbench.h"

struct cmb_dev {
	int fd;
	struct cmbench_info info;
};

/* 0 ok; -1 with what went wrong and what to do about it in err. */
int cmb_dev_open(struct cmb_dev *d, const char *path, char *err, size_t errlen);
void cmb_dev_close(struct cmb_dev *d);
/* These return 0 or -errno. */
int cmb_dev_op_info(struct cmb_dev *d, uint32_t op, struct cmbench_op_info *oi);
/* Index of the op called name, -ENOENT if the module has none. */
int cmb_dev_find_op(struct cmb_dev *d, const char *name, struct cmbench_op_info *oi);
int cmb_dev_run(struct cmb_dev *d, struct cmbench_run *req, __u64 *hist);

#endif
