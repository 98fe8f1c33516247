// SPDX-License-Identifier: GPL-2.0
/* Emulator detection, CPU naming, config digest and build IDs: what makes a
 * result honest about itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zlib.h>

#include "run/fingerprint.h"
#include "run/provenance.h"

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
	assert_int_equal(e.host_cpus, 0);	/* not said: unknown */
	cmb_detect_emulator(&e, "console=ttyAMA0 cmbench_emulator=qemu-system-arm,7.2.22,"
			    "tcg,cortex-a15 cmbench_host_cpus=2 panic=-1", NULL, 0);
	assert_int_equal(e.host_cpus, 2);
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

static const char config_text[] = "CONFIG_HIGHMEM=y\n# CONFIG_SMP is not set\n";
/* sha256sum of config_text */
static const char config_sha[] =
	"c143969c2e1cb7ee817abbd2465d0b40e247a6159bf587c3e6b9eddfbb565562";

static void config_digest_plain_and_gzip(void **state)
{
	char plain[] = "/tmp/cmb-config-XXXXXX", gz[] = "/tmp/cmb-configgz-XXXXXX";
	char hex[65];
	gzFile g;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(plain);
	f = fdopen(fd, "w");
	fputs(config_text, f);
	fclose(f);
	fd = mkstemp(gz);
	g = gzdopen(fd, "wb");
	gzwrite(g, config_text, sizeof(config_text) - 1);
	gzclose(g);
	/* /proc/config.gz and /boot/config-* give the same digest. */
	assert_int_equal(cmb_config_sha256(plain, hex, sizeof(hex)), 0);
	assert_string_equal(hex, config_sha);
	assert_int_equal(cmb_config_sha256(gz, hex, sizeof(hex)), 0);
	assert_string_equal(hex, config_sha);
	unlink(plain);
	unlink(gz);
	assert_int_equal(cmb_config_sha256(plain, hex, sizeof(hex)), -1);
	assert_string_equal(hex, "");
}

/* Appends one ELF note: namesz, descsz, type, name and desc padded to 4. */
static size_t note(uint8_t *b, const char *name, uint32_t type, const uint8_t *desc,
		   uint32_t descsz)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1, hdr[3] = { namesz, descsz, type };
	size_t n = 0;

	memcpy(b, hdr, sizeof(hdr));
	n += sizeof(hdr);
	memset(b + n, 0, (namesz + 3) & ~3U);
	memcpy(b + n, name, namesz);
	n += (namesz + 3) & ~3U;
	memset(b + n, 0, (descsz + 3) & ~3U);
	memcpy(b + n, desc, descsz);
	return n + ((descsz + 3) & ~3U);
}

static void build_id_found_among_notes(void **state)
{
	static const uint8_t id[20] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6,
					7, 8, 9, 10, 11, 12, 13, 14, 15, 0xff };
	static const uint8_t linux_desc[5] = { 'x', 'y', 'z', 0, 0 };
	char path[] = "/tmp/cmb-notes-XXXXXX", hex[64];
	uint8_t blob[256];
	size_t n = 0;
	FILE *f;
	int fd;

	(void)state;
	/* /sys/kernel/notes carries "Linux" notes before the build ID. */
	n += note(blob + n, "Linux", 6, linux_desc, sizeof(linux_desc));
	n += note(blob + n, "GNU", 3, id, sizeof(id));
	fd = mkstemp(path);
	f = fdopen(fd, "wb");
	fwrite(blob, 1, n, f);
	fclose(f);
	assert_int_equal(cmb_build_id(path, hex, sizeof(hex)), 0);
	assert_string_equal(hex, "deadbeef0102030405060708090a0b0c0d0e0fff");
	/* Truncated in the middle of the second note: no ID, no overread. */
	f = fopen(path, "wb");
	fwrite(blob, 1, n - 8, f);
	fclose(f);
	assert_int_equal(cmb_build_id(path, hex, sizeof(hex)), -1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(runner_command_line_is_read),
		cmocka_unit_test(short_field_list_says_unknown),
		cmocka_unit_test(virt_device_tree_is_emulated),
		cmocka_unit_test(lookalike_parameter_is_not_ours),
		cmocka_unit_test(midr_names),
		cmocka_unit_test(config_digest_plain_and_gzip),
		cmocka_unit_test(build_id_found_among_notes),
	};

	return cmocka_run_group_tests_name("provenance", tests, NULL, NULL);
}
