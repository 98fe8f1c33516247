/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What exactly ran: the kernel configuration's digest and the GNU build
 * IDs of the kernel and of the module, so two result files can be shown
 * to come from the same binaries (or not) without trusting their names.
 */
#ifndef CMB_FINGERPRINT_H
#define CMB_FINGERPRINT_H

#include <stddef.h>

/*
 * SHA-256 of a kernel config file's text, gzip-compressed (/proc/config.gz)
 * or plain (/boot/config-*), as lowercase hex: the same as
 * "zcat -f FILE | sha256sum". 0, or -1 when it cannot be read.
 */
int cmb_config_sha256(const char *path, char *hex, size_t len);

/*
 * The NT_GNU_BUILD_ID of an ELF notes blob as sysfs exposes them
 * (/sys/kernel/notes, /sys/module/M/notes/.note.gnu.build-id), as hex:
 * the same as "readelf -n" prints. 0, or -1 when there is none.
 */
int cmb_build_id(const char *path, char *hex, size_t len);

/*
 * The first readable kernel config of the running kernel: /proc/config.gz,
 * then /boot/config-RELEASE. Its path into path and digest into hex;
 * 0, or -1 with both "".
 */
int cmb_running_config(const char *release, char *path, size_t plen, char *hex,
		       size_t hlen);

#endif
