/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which machine a result file came from, as a comparison needs it: an
 * identity (two sides with different identities are machines, not a
 * treatment, and get no faster/slower wording), a short name for tables,
 * the cache region a buffer size falls in there, and what else differs
 * between two result files (kernel, config, tool, module) that a reader
 * must be told before reading a ratio.
 */
#ifndef CMB_MACHINE_H
#define CMB_MACHINE_H

#include <stddef.h>
#include <stdint.h>

struct cmb_header;

/*
 * The letter of machine k in a table of several: X (the baseline), Y, Z,
 * then W, V, ... backwards.
 */
char cmb_machine_letter(unsigned int k);
/* "aarch64 0x410fd034 cortex-a53": architecture, MIDR, emulated CPU model. */
void cmb_machine_id(const struct cmb_header *h, char *buf, size_t len);
/* The cache model's name (qemu-run --model a72: "a72"), "" without one. */
const char *cmb_machine_model(const struct cmb_header *h, char *buf, size_t len);
/* "Cortex-A53, emulated", "Cortex-A72", "MIDR 0x41ffd0c0". */
void cmb_machine_name(const struct cmb_header *h, char *buf, size_t len);
/*
 * Where a buffer of size bytes fits on h's machine: "L1", "L2", ... (the
 * smallest data or unified level that holds it) or "memory"; with the
 * level's size in *limit (0 for memory). The level number, or 0.
 */
unsigned int cmb_machine_region(const struct cmb_header *h, uint64_t size, uint64_t *limit);
/*
 * The size of h's data or unified cache at level (1, 2, ...), 0 if none.
 */
uint64_t cmb_machine_cache(const struct cmb_header *h, unsigned int level);
/*
 * What differs between a and b that is not the machine: "kernel release
 * (6.1.0-50-arm64, 6.1.192-arm64-bench)", "config", "cmbench version",
 * "module version", comma-separated into buf; with kernels 0, only the
 * tools (a kernel comparison differs in kernel and config by design).
 * The number of differences.
 */
unsigned int cmb_header_diffs(const struct cmb_header *a, const struct cmb_header *b,
			      int kernels, char *buf, size_t len);

#endif
