// SPDX-License-Identifier: GPL-2.0
/*
 * What differs between arm64 and 32-bit arm: the time source, the cache
 * type register, and how to clean+invalidate a VA range to PoC.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/clocksource.h>
#include <linux/kprobes.h>
#include <linux/stringify.h>
#include <clocksource/arm_arch_timer.h>
#include <asm/arch_timer.h>
#include <asm/cacheflush.h>
#include <asm/cputype.h>

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

u64 cmbench_ticks_to_ns(u64 ticks)
{
	return (ticks * counter_mult) >> counter_shift;
}

#ifdef CONFIG_ARM64
u32 cmbench_ctr(void)
{
	return read_cpuid_cachetype();
}

const char *cmbench_arch_name(void)
{
	return "arm64";
}

/*
 * arm64 does not export its PoC maintenance routines. Use the kernel's own
 * dcache_clean_inval_poc() when a kprobe lookup finds it; otherwise run the
 * same loop as its dcache_by_line_op: DC CIVAC per line, then DSB SY.
 */
typedef void (*dcache_range_fn)(unsigned long start, unsigned long end);
static dcache_range_fn kernel_clean_inval_poc;

static void *lookup_symbol(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	void *addr;

	if (register_kprobe(&kp) < 0)
		return NULL;
	addr = kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

static void cmbench_dc_civac(unsigned long start, unsigned long end)
{
	unsigned long line = cmbench_dcache_line();
	unsigned long addr;

	for (addr = start & ~(line - 1); addr < end; addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	dsb(sy);
}

void cmbench_dcache_clean_inval_poc(void *va, size_t size)
{
	unsigned long start = (unsigned long)va;

	if (kernel_clean_inval_poc)
		kernel_clean_inval_poc(start, start + size);
	else
		cmbench_dc_civac(start, start + size);
}

const char *cmbench_dcache_clean_inval_impl(void)
{
	if (kernel_clean_inval_poc)
		return "kernel dcache_clean_inval_poc (found by kprobe lookup)";
	return "cmbench dc civac loop + dsb sy (dcache_clean_inval_poc not found)";
}

static void arch_resolve(void)
{
	kernel_clean_inval_poc = lookup_symbol("dcache_clean_inval_poc");
	if (!kernel_clean_inval_poc)
		pr_info("dcache_clean_inval_poc not found, using own DC CIVAC loop\n");
}
#else /* 32-bit arm */
u32 cmbench_ctr(void)
{
	return read_cpuid_cachetype();
}

const char *cmbench_arch_name(void)
{
	return "arm";
}

void cmbench_dcache_clean_inval_poc(void *va, size_t size)
{
	__cpuc_flush_dcache_area(va, size);
}

const char *cmbench_dcache_clean_inval_impl(void)
{
#ifdef MULTI_CACHE
	return "kernel cpu_cache.flush_kern_dcache_area";
#else
	return "kernel " __stringify(__cpuc_flush_dcache_area);
#endif
}

static void arch_resolve(void)
{
}
#endif

u32 cmbench_dcache_line(void)
{
	return 4U << CTR_DMINLINE(cmbench_ctr());
}

u32 cmbench_icache_line(void)
{
	return 4U << CTR_IMINLINE(cmbench_ctr());
}

u32 cmbench_cwg(void)
{
	u32 cwg = CTR_CWG(cmbench_ctr());

	return cwg ? 4U << cwg : 0;
}

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
