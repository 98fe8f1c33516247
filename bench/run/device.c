// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "run/device.h"
#include "util/cli.h"

int cmb_dev_open(struct cmb_dev *d, const char *path, char *err, size_t errlen)
{
	memset(d, 0, sizeof(*d));
	d->fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->fd < 0) {
		int e = errno;

		if (e == ENOENT)
			snprintf(err, errlen,
				 "%s not found: the cmbench module is not loaded.\n"
				 "  load it with 'sudo make load' in the source tree "
				 "(or 'sudo insmod cmbench.ko')", path);
		else if (e == EACCES || e == EPERM)
			snprintf(err, errlen,
				 "%s: permission denied: run cmbench as root "
				 "(the module needs CAP_SYS_ADMIN)", path);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(e));
		return -1;
	}
	if (ioctl(d->fd, CMBENCH_IOC_INFO, &d->info) < 0) {
		int e = errno;

		if (e == EPERM)
			snprintf(err, errlen, "%s: operation not permitted: cmbench "
				 "needs CAP_SYS_ADMIN (run as root)", path);
		else if (e == ENOTTY)
			snprintf(err, errlen, "%s does not answer cmbench's INFO ioctl: "
				 "a module of another ABI, or not cmbench; rebuild and "
				 "reload it ('make && sudo make unload load')", path);
		else
			snprintf(err, errlen, "%s: INFO ioctl: %s", path, strerror(e));
		cmb_dev_close(d);
		return -1;
	}
	if (d->info.abi_version != CMBENCH_ABI_VERSION) {
		snprintf(err, errlen, "module ABI version %u, this cmbench speaks %d: "
			 "rebuild and reload both ('make && sudo make unload load')",
			 d->info.abi_version, CMBENCH_ABI_VERSION);
		cmb_dev_close(d);
		return -1;
	}
	if (d->info.n_ops > CMBENCH_OP_MAX) {
		snprintf(err, errlen, "module reports %u operations, its ABI has %d",
			 d->info.n_ops, CMBENCH_OP_MAX);
		cmb_dev_close(d);
		return -1;
	}
	for (d->n_ops = 0; d->n_ops < d->info.n_ops; d->n_ops++) {
		struct cmbench_op_info *oi = &d->ops[d->n_ops];

		memset(oi, 0, sizeof(*oi));
		oi->op = d->n_ops;
		if (ioctl(d->fd, CMBENCH_IOC_OP_INFO, oi) < 0) {
			snprintf(err, errlen, "%s: OP_INFO %u: %s", path, d->n_ops,
				 strerror(errno));
			cmb_dev_close(d);
			return -1;
		}
	}
	return 0;
}

void cmb_dev_close(struct cmb_dev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

int cmb_dev_find_op(const struct cmb_dev *d, const char *name)
{
	unsigned int i;

	for (i = 0; i < d->n_ops; i++)
		if (!strcmp(d->ops[i].name, name))
			return (int)i;
	return -1;
}

int cmb_dev_run(struct cmb_dev *d, struct cmbench_run *req, __u64 *hist)
{
	req->in.hist_ptr = (uint64_t)(uintptr_t)hist;
	req->in.hist_len = CMBENCH_HIST_BUCKETS;
	return ioctl(d->fd, CMBENCH_IOC_RUN, req) < 0 ? -errno : 0;
}

int cmb_dev_open_default(struct cmb_dev *d)
{
	const char *dev = getenv("CMBENCH_DEVICE");
	char err[512];

	if (cmb_dev_open(d, dev ? dev : CMBENCH_DEVICE, err, sizeof(err))) {
		cli_error("%s", err);
		return -1;
	}
	return 0;
}
