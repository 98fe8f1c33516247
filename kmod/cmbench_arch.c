// SPDX-License-Identifier: GPL-2.0
/*
 * What differs between arm64 and 32-bit arm: the time source, the cache
 * type register, and the kernel routines that do cache maintenance by VA.
 * Where the kernel does not export a routine, it is found by a kprobe
 * lookup (kallsyms_lookup_name is not exported either); what runs is always
 * reported, and an own loop only stands in where it is the same loop.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/clocksource.h>
#include <linux/dma-direction.h>
#include <linux/kprobes.h>
#include <linux/math64.h>
#include <linux/stringify.h>
#include <clocksource/arm_arch_timer.h>
#include <asm/arch_timer.h>
#include <asm/cacheflush.h>
#include <asm/cputype.h>
#include <linux/irqflags.h>
#include <asm/barrier.h>

#include "cmbench.h"

/* CTR fields, the same on ARMv7 and ARMv8 (ARM ARM "CTR"). */
#define CTR_IMINLINE(ctr)	((ctr) & 0xf)
#define CTR_DMINLINE(ctr)	(((ctr) >> 16) & 0xf)
#define CTR_CWG(ctr)		(((ctr) >> 24) & 0xf)

static u32 counter_mult, counter_shift;
static u64 counter_hz;

u64 cmbench_counter(void)
{
	/* The kernel's own reader: ordered, and carries timer errata fixes. */
	return arch_timer_read_counter();
}

u64 cmbench_counter_hz(void)
{
	return counter_hz;
}

/* 128-bit product: exact for counter values since boot, not only spans. */
u64 cmbench_ticks_to_ns(u64 ticks)
{
	return mul_u64_u32_shr(ticks, counter_mult, counter_shift);
}

u32 cmbench_cache_type_reg(void)
{
	return read_cpuid_cachetype();
}

u32 cmbench_dcache_line(void)
{
	return 4U << CTR_DMINLINE(cmbench_cache_type_reg());
}

u32 cmbench_icache_line(void)
{
	return 4U << CTR_IMINLINE(cmbench_cache_type_reg());
}

u32 cmbench_cwg(void)
{
	u32 cwg = CTR_CWG(cmbench_cache_type_reg());

	return cwg ? 4U << cwg : 0;
}

/*
 * CLIDR and CCSIDR, as the ARM ARM lays them out for ARMv7 and ARMv8: a
 * 3-bit Ctype per level in CLIDR; CSSELR selects level and I/D, then
 * CCSIDR holds log2(line/16), ways - 1 and sets - 1 (wider fields with
 * arm64's FEAT_CCIDX). The select-then-read pair must not migrate.
 */
#ifdef CONFIG_ARM64
static u32 read_clidr(void)
{
	return (u32)read_sysreg(clidr_el1);
}

static void cache_geometry(u32 csselr, u32 *line, u32 *ways, u32 *sets)
{
	bool ccidx = ((read_sysreg_s(SYS_ID_AA64MMFR2_EL1) >> 20) & 0xf) != 0;
	unsigned long flags;
	u64 v;

	local_irq_save(flags);
	write_sysreg(csselr, csselr_el1);
	isb();
	v = read_sysreg(ccsidr_el1);
	local_irq_restore(flags);
	*line = 16U << (v & 7);
	if (ccidx) {
		*ways = ((v >> 3) & 0x1fffff) + 1;
		*sets = ((v >> 32) & 0xffffff) + 1;
	} else {
		*ways = ((v >> 3) & 0x3ff) + 1;
		*sets = ((v >> 13) & 0x7fff) + 1;
	}
}
#else
static u32 read_clidr(void)
{
	u32 v;

	asm volatile("mrc p15, 1, %0, c0, c0, 1" : "=r" (v));
	return v;
}

/* The kernel's own CSSELR/CCSIDR accessors (asm/cachetype.h). */
static void cache_geometry(u32 csselr, u32 *line, u32 *ways, u32 *sets)
{
	unsigned long flags;
	u32 v;

	local_irq_save(flags);
	set_csselr(csselr);
	isb();		/* the selection must take effect before the read */
	v = read_ccsidr();
	local_irq_restore(flags);
	*line = 16U << (v & 7);
	*ways = ((v >> 3) & 0x3ff) + 1;
	*sets = ((v >> 13) & 0x7fff) + 1;
}
#endif

static void add_cache(struct cmbench_cache *c, u32 level, u32 type, u32 csselr)
{
	c->level = level;
	c->type = type;
	cache_geometry(csselr, &c->line, &c->ways, &c->sets);
}

u32 cmbench_caches(struct cmbench_cache *c, u32 max, u32 *clidr)
{
	u32 level, ctype, n = 0;

	*clidr = read_clidr();
	for (level = 1; level <= 7 && n + 2 <= max; level++) {
		ctype = (*clidr >> (3 * (level - 1))) & 7;
		if (!ctype || ctype > 4)
			break;
		/* CSSELR: level - 1 in bits 3:1, bit 0 set for the I-cache. */
		if (ctype == 1 || ctype == 3)
			add_cache(&c[n++], level, CMBENCH_CACHE_INSTRUCTION,
				  (level - 1) << 1 | 1);
		if (ctype == 2 || ctype == 3)
			add_cache(&c[n++], level, CMBENCH_CACHE_DATA, (level - 1) << 1);
		if (ctype == 4)
			add_cache(&c[n++], level, CMBENCH_CACHE_UNIFIED, (level - 1) << 1);
	}
	return n;
}

void *cmbench_lookup_symbol(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;
	int ret;

	ret = register_kprobe(&kp);
	if (ret < 0) {
		pr_info("%s: kprobe lookup failed (%d)\n", name, ret);
		return NULL;
	}
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	/* kprobes report Thumb-2 functions without the Thumb bit. */
	if (IS_ENABLED(CONFIG_THUMB2_KERNEL))
		addr |= 1;
	return (void *)addr;
}

#ifdef CONFIG_ARM64
typedef void (*range_fn)(unsigned long start, unsigned long end);

static const char *const cmo_symbol[CMBENCH_CMO_MAX] = {
	[CMBENCH_CMO_CLEAN_INVAL_POC] = "dcache_clean_inval_poc",
	[CMBENCH_CMO_CLEAN_POC] = "dcache_clean_poc",
	[CMBENCH_CMO_INVAL_POC] = "dcache_inval_poc",
};

static range_fn cmo_fn[CMBENCH_CMO_MAX];

const char *cmbench_arch_name(void)
{
	return "arm64";
}

/* dcache_by_line_op's loop: DC CIVAC per line, then DSB SY. */
static void dc_civac(unsigned long start, unsigned long end)
{
	unsigned long line = cmbench_dcache_line();
	unsigned long addr;

	for (addr = start & ~(line - 1); addr < end; addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	dsb(sy);
}

void cmbench_cmo(enum cmbench_cmo cmo, void *va, size_t size)
{
	unsigned long start = (unsigned long)va;

	if (cmo == CMBENCH_CMO_CLEAN_POU)
		caches_clean_inval_pou(start, start + size);
	else if (cmo_fn[cmo])
		cmo_fn[cmo](start, start + size);
	else
		dc_civac(start, start + size);	/* only CLEAN_INVAL gets here */
}

const char *cmbench_cmo_impl(enum cmbench_cmo cmo, const char **why)
{
	switch (cmo) {
	case CMBENCH_CMO_CLEAN_POU:
		return "kernel caches_clean_inval_pou";
	case CMBENCH_CMO_CLEAN_INVAL_POC:
		if (cmo_fn[cmo])
			return "kernel dcache_clean_inval_poc (found by kprobe lookup)";
		return "cmbench dc civac loop + dsb sy (dcache_clean_inval_poc not found)";
	case CMBENCH_CMO_CLEAN_POC:
		if (cmo_fn[cmo])
			return "kernel dcache_clean_poc (found by kprobe lookup)";
		*why = "dcache_clean_poc is not exported and a kprobe lookup failed";
		return NULL;
	case CMBENCH_CMO_INVAL_POC:
		if (cmo_fn[cmo])
			return "kernel dcache_inval_poc (found by kprobe lookup)";
		*why = "dcache_inval_poc is not exported and a kprobe lookup failed";
		return NULL;
	default:
		*why = "unknown maintenance operation";
		return NULL;
	}
}

static void arch_resolve(void)
{
	int i;

	for (i = 0; i < CMBENCH_CMO_MAX; i++)
		if (cmo_symbol[i])
			cmo_fn[i] = cmbench_lookup_symbol(cmo_symbol[i]);
}
#else /* 32-bit arm */
typedef void (*dma_area_fn)(const void *start, size_t size, int dir);
static dma_area_fn dma_map_area;

const char *cmbench_arch_name(void)
{
	return "arm";
}

void cmbench_cmo(enum cmbench_cmo cmo, void *va, size_t size)
{
	unsigned long start = (unsigned long)va;

	switch (cmo) {
	case CMBENCH_CMO_CLEAN_INVAL_POC:
		__cpuc_flush_dcache_area(va, size);
		break;
	case CMBENCH_CMO_CLEAN_POC:
		dma_map_area(va, size, DMA_TO_DEVICE);
		break;
	case CMBENCH_CMO_INVAL_POC:
		dma_map_area(va, size, DMA_FROM_DEVICE);
		break;
	case CMBENCH_CMO_CLEAN_POU:
		__cpuc_coherent_kern_range(start, start + size);
		break;
	default:
		break;
	}
}

#ifdef MULTI_CACHE
#define DMA_MAP_AREA_NAME	""
#define DMA_MAP_AREA_WHY	"MULTI_CACHE kernel: cpu_cache.dma_map_area is not reachable"
#define FLUSH_AREA_IMPL		"kernel cpu_cache.flush_kern_dcache_area"
#define COHERENT_IMPL		"kernel cpu_cache.coherent_kern_range"
#else
/*
 * The dmac_map_area the DMA API uses (its macro is private to arch/arm/mm,
 * so build the same name): clean for TO_DEVICE, invalidate otherwise.
 */
#define DMA_MAP_AREA_NAME	__stringify(__glue(_CACHE, _dma_map_area))
#define DMA_MAP_AREA_WHY	DMA_MAP_AREA_NAME " is not exported and a kprobe lookup failed"
#define FLUSH_AREA_IMPL		"kernel " __stringify(__cpuc_flush_dcache_area)
#define COHERENT_IMPL		"kernel " __stringify(__cpuc_coherent_kern_range)
#endif

const char *cmbench_cmo_impl(enum cmbench_cmo cmo, const char **why)
{
	switch (cmo) {
	case CMBENCH_CMO_CLEAN_INVAL_POC:
		return FLUSH_AREA_IMPL;
	case CMBENCH_CMO_CLEAN_POU:
		return COHERENT_IMPL;
	case CMBENCH_CMO_CLEAN_POC:
		if (dma_map_area)
			return "kernel " DMA_MAP_AREA_NAME "(TO_DEVICE) (found by kprobe lookup)";
		break;
	case CMBENCH_CMO_INVAL_POC:
		if (dma_map_area)
			return "kernel " DMA_MAP_AREA_NAME "(FROM_DEVICE) (found by kprobe lookup)";
		break;
	default:
		break;
	}
	*why = DMA_MAP_AREA_WHY;
	return NULL;
}

static void arch_resolve(void)
{
	if (*DMA_MAP_AREA_NAME)
		dma_map_area = cmbench_lookup_symbol(DMA_MAP_AREA_NAME);
}
#endif

int cmbench_arch_init(void)
{
	counter_hz = arch_timer_get_cntfrq();
	if (!counter_hz) {
		pr_err("architected counter frequency (CNTFRQ) is 0\n");
		return -ENODEV;
	}
	/* Exact for samples up to an hour, far beyond any single iteration. */
	clocks_calc_mult_shift(&counter_mult, &counter_shift, counter_hz,
			       NSEC_PER_SEC, 3600);
	arch_resolve();
	return 0;
}
