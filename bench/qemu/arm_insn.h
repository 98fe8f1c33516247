/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The A64 and A32 encodings the cache plugin watches for: the module's
 * sample marks, DC by VA (and their 32-bit MCR forms), DSB and TLBI.
 * Pure functions of the instruction word, apart from QEMU.
 */
#ifndef CMB_QEMU_ARM_INSN_H
#define CMB_QEMU_ARM_INSN_H

#include <stdint.h>

#include "model/cache.h"

/* A64 HINT #n; A32 (ARM state, AL) NOP-compatible hint #n. */
#define HINT(n)		(0xd503201fu | ((n) << 5))
#define A32_HINT(n)	(0xe320f000u | (n))
#define MARK_BEGIN	HINT(0x62)
#define MARK_END	HINT(0x63)
#define MARK_RUN	HINT(0x64)

/* A32 MCR p15, 0, Rt, c7, CRm, 1 (AL): DCCIMVAC, DCCMVAC, DCIMVAC, DCCMVAU. */
static inline int a32_dc(uint32_t op)
{
	switch (op & 0xffff0fffu) {
	case 0xee070f3e: case 0xee070f3a: case 0xee070f36: case 0xee070f3b:
		return 1;
	}
	return 0;
}

/* The A64 DC whose effect an A32 one has, its Rt moved to bits 4:0. */
static inline uint32_t a32_as_a64(uint32_t op)
{
	uint32_t rt = (op >> 12) & 15;

	switch (op & 0xffff0fffu) {
	case 0xee070f3e: return 0xd50b7e20 | rt;	/* DC CIVAC */
	case 0xee070f36: return 0xd5087620 | rt;	/* DC IVAC */
	case 0xee070f3b: return 0xd50b7b20 | rt;	/* DC CVAU */
	default: return 0xd50b7a20 | rt;		/* DC CVAC */
	}
}

/* DSB (A64 0xd503309f | CRm << 8; A32 0xf57ff04x) and A64 TLBI (SYS, CRn 8). */
static inline int is_dsb(uint32_t op, int a32)
{
	return a32 ? (op & 0xfffffff0u) == 0xf57ff040u : (op & 0xfffff0ffu) == 0xd503309fu;
}

static inline int is_tlbi(uint32_t op, int a32)
{
	return !a32 && (op & 0xfff8f000u) == 0xd5088000u;
}

/* A64 DC CIVAC, CVAC, CVAP, CVAU, IVAC, ZVA (any Xt). */
static inline int is_dc(uint32_t op)
{
	switch (op & ~31u) {
	case 0xd50b7e20: case 0xd50b7a20: case 0xd50b7c20:
	case 0xd50b7b20: case 0xd5087620: case 0xd50b7420:
		return 1;
	}
	return 0;
}

/* What an A64 DC does to its line, and to which point. */
static inline enum cmb_cache_maint dc_kind(uint32_t op, enum cmb_cache_point *point)
{
	*point = CMB_CACHE_POC;
	switch (op & ~31u) {
	case 0xd50b7e20: return CMB_CACHE_CLEAN_INVAL;		/* DC CIVAC */
	case 0xd5087620: return CMB_CACHE_INVAL;		/* DC IVAC */
	case 0xd50b7420: return CMB_CACHE_ZERO;			/* DC ZVA */
	case 0xd50b7b20: *point = CMB_CACHE_POU; return CMB_CACHE_CLEAN;	/* DC CVAU */
	default: return CMB_CACHE_CLEAN;			/* DC CVAC, CVAP */
	}
}

#endif
