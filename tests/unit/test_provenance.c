// SPDX-License-Identifier: GPL-2.0
/* Emulator detection and CPU naming: what makes a result honest about itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "provenance.h"

static void runner_command_line_is_read(void **state)
{
	struct cmb_emulator e;

	(void)state;
	cmb_detect_emulator(&e, "console=ttyAMA0 loglevel=4 cmbench_emulator="
			    "qemu-system-arm,7.2.22,tcg,cortex-a15 panic=-1\n", NULL, 0);
	assert_int_equal(e.emulated, 1);
	assert_string_equal(e.name, "qemu-system-arm");
	assert_string_equal(e.version, "7.2.22");
	assert_string_equal(e.accel, "tcg");
	assert_string_equal(e.cpu, "cortex-a15");
	assert_non_null(strstr(e.detected_by, "command line"));
}

static void short_field_list_says_unknown(void **state)
{
	struct cmb_emulator e;

	(void)state;
	cmb_detect_emulator(&e, "cmbench_emulator=qemu-system-aarch64", NULL, 0);
	assert_int_equal(e.emulated, 1);
	assert_string_equal(e.name, "qemu-system-aarch64");
	assert_string_equal(e.version, "unknown");
	assert_string_equal(e.cpu, "unknown");
}

static void virt_device_tree_is_emulated(void **state)
{
	static const char dt[] = "linux,dummy-virt";
	static const char board[] = "raspberrypi,4-model-b\0brcm,bcm2711";
	struct cmb_emulator e;

	(void)state;
	cmb_detect_emulator(&e, "console=ttyAMA0", dt, sizeof(dt));
	assert_int_equal(e.emulated, 1);
	assert_string_equal(e.name, "qemu");
	assert_non_null(strstr(e.detected_by, "dummy-virt"));

	cmb_detect_emulator(&e, "console=ttyS0", board, sizeof(board));
	assert_int_equal(e.emulated, 0);
}

static void lookalike_parameter_is_not_ours(void **state)
{
	struct cmb_emulator e;

	(void)state;
	cmb_detect_emulator(&e, "xcmbench_emulator=qemu,1,tcg,max", NULL, 0);
	assert_int_equal(e.emulated, 0);
	cmb_detect_emulator(&e, NULL, NULL, 0);
	assert_int_equal(e.emulated, 0);
}

static void midr_names(void **state)
{
	(void)state;
	assert_string_equal(cmb_midr_name(0x410fd083), "Cortex-A72");
	assert_string_equal(cmb_midr_name(0x414fc0f0), "Cortex-A15");
	assert_string_equal(cmb_midr_name(0x410fd034), "Cortex-A53");
	assert_string_equal(cmb_midr_name(0x000f0510), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(runner_command_line_is_read),
		cmocka_unit_test(short_field_list_says_unknown),
		cmocka_unit_test(virt_device_tree_is_emulated),
		cmocka_unit_test(lookalike_parameter_is_not_ours),
		cmocka_unit_test(midr_names),
	};

	return cmocka_run_group_tests_name("provenance", tests, NULL, NULL);
}
