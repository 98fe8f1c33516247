// SPDX-License-Identifier: GPL-2.0
/*
 * The errors cmbench gives when /dev/cmbench is missing or is not the
 * module it expects. ioctl() is replaced at link time (-Wl,--wrap=ioctl),
 * so the ABI-mismatch and permission paths run without a module.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "run/device.h"

static char path[] = "/tmp/cmbench-fakedev-XXXXXX";

/* Replies with the errno queued by the test, or fills INFO/OP_INFO. */
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	int err = mock_type(int);
	va_list ap;
	void *arg;

	(void)fd;
	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (err) {
		errno = err;
		return -1;
	}
	if (req == CMBENCH_IOC_INFO) {
		struct cmbench_info *i = arg;

		memset(i, 0, sizeof(*i));
		i->abi_version = mock_type(uint32_t);
		i->n_ops = 2;
		return 0;
	}
	if (req == CMBENCH_IOC_OP_INFO) {
		struct cmbench_op_info *oi = arg;

		strcpy(oi->name, oi->op ? "flush" : "null");
		oi->flags = CMBENCH_OPF_SUPPORTED;
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

static int setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void expect_open_error(uint32_t abi, int err, const char *want)
{
	struct cmb_dev d;
	char msg[512];

	will_return(__wrap_ioctl, err);
	if (!err)
		will_return(__wrap_ioctl, abi);
	assert_int_equal(cmb_dev_open(&d, path, msg, sizeof(msg)), -1);
	if (!strstr(msg, want))
		fail_msg("'%s' does not contain '%s'", msg, want);
}

static void missing_device_says_how_to_load(void **state)
{
	struct cmb_dev d;
	char msg[512];

	(void)state;
	assert_int_equal(cmb_dev_open(&d, "/nonexistent/cmbench", msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "the cmbench module is not loaded"));
	assert_non_null(strstr(msg, "make load"));
}

static void abi_mismatch_is_named(void **state)
{
	char want[64];

	(void)state;
	snprintf(want, sizeof(want), "module ABI version 999, this cmbench speaks %d",
		 CMBENCH_ABI_VERSION);
	expect_open_error(999, 0, want);
}

static void not_cmbench_is_recognised(void **state)
{
	(void)state;
	expect_open_error(0, ENOTTY, "does not answer cmbench's INFO ioctl");
}

static void missing_capability_is_named(void **state)
{
	(void)state;
	expect_open_error(0, EPERM, "needs CAP_SYS_ADMIN");
}

/* The ops are read once, at open: finding one costs no ioctl. */
static void matching_abi_opens_and_finds_ops(void **state)
{
	struct cmb_dev d;
	char msg[512];

	(void)state;
	will_return(__wrap_ioctl, 0);
	will_return(__wrap_ioctl, CMBENCH_ABI_VERSION);
	will_return(__wrap_ioctl, 0);
	will_return(__wrap_ioctl, 0);
	assert_int_equal(cmb_dev_open(&d, path, msg, sizeof(msg)), 0);
	assert_int_equal(d.n_ops, 2);
	assert_int_equal(cmb_dev_find_op(&d, "flush"), 1);
	assert_int_equal(cmb_dev_find_op(&d, "null"), 0);
	assert_int_equal(cmb_dev_find_op(&d, "nosuch"), -1);
	cmb_dev_close(&d);
}

static void failing_op_info_is_named(void **state)
{
	struct cmb_dev d;
	char msg[512];

	(void)state;
	will_return(__wrap_ioctl, 0);
	will_return(__wrap_ioctl, CMBENCH_ABI_VERSION);
	will_return(__wrap_ioctl, 0);
	will_return(__wrap_ioctl, EFAULT);
	assert_int_equal(cmb_dev_open(&d, path, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "OP_INFO 1: Bad address"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_device_says_how_to_load),
		cmocka_unit_test(abi_mismatch_is_named),
		cmocka_unit_test(not_cmbench_is_recognised),
		cmocka_unit_test(missing_capability_is_named),
		cmocka_unit_test(matching_abi_opens_and_finds_ops),
		cmocka_unit_test(failing_op_info_is_named),
	};

	return cmocka_run_group_tests_name("device", tests, setup, teardown);
}
