/* SPDX-License-Identifier: GPL-2.0 */
/* Where a result came from: what every result file's header records. */
#ifndef CMB_PROVENANCE_H
#define CMB_PROVENANCE_H

#include <stddef.h>

#include "run/device.h"
#include "result/result.h"

void cmb_provenance(struct cmb_header *h, const struct cmb_dev *d,
		    int argc, char **argv, const char *label);

/*
 * Decide whether we run under an emulator from the kernel command line
 * (scripts/qemu-run passes cmbench_emulator=NAME,VERSION,ACCEL,CPU) and the
 * device tree's root compatible (QEMU's virt board is "linux,dummy-virt";
 * a NUL-separated list, dt_len bytes). Either may be NULL.
 */
void cmb_detect_emulator(struct cmb_emulator *e, const char *cmdline,
			 const char *dt_compat, size_t dt_len);

/* argv as a line a shell would run again. */
void cmb_quote_command(char *dst, size_t len, int argc, char **argv);

/* "Cortex-A72" for 0x410fd083; "" when unknown. */
const char *cmb_midr_name(unsigned int midr);

#endif
