// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench: ARM cache maintenance and kernel mapping microbenchmarks.
 *
 * /dev/cmbench takes three ioctls (see uapi/cmbench.h). Every field of a
 * request is checked here, before anything is allocated or run, so that no
 * input from user space reaches an operation unvalidated.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <generated/utsrelease.h>
#include <asm/cputype.h>

#include "cmbench.h"

#ifndef CMBENCH_GIT
#define CMBENCH_GIT "unknown"
#endif
#define CMBENCH_VERSION "0.1.0"

static bool all_zero(const u64 *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i])
			return false;
	return true;
}

static const char *why_unsupported(const struct cmbench_operation *op)
{
	return op->why_unsupported ? op->why_unsupported(op) : NULL;
}

static const char *impl_of(const struct cmbench_operation *op)
{
	if (op->impl_fn)
		return op->impl_fn(op);
	return op->impl ? op->impl : op->name;
}

/*
 * The arguments that exercise op here: its own, and the variants that need
 * highmem pages where the kernel has them.
 */
static void exercise_of(const struct cmbench_operation *op, char *buf, size_t len)
{
	if (op->exercise_fn) {
		op->exercise_fn(op, buf, len);
		return;
	}
	strscpy(buf, op->exercise ? op->exercise : "", len);
	if (op->exercise_high && totalhigh_pages())
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", *buf ? ";" : "",
			 op->exercise_high);
}

/*
 * IS_ENABLED per option. A new option is two edits: its bit and name in
 * the uapi, and its line here.
 */
static u64 kconfig_bits(void)
{
	u64 bits = 0;

	if (IS_ENABLED(CONFIG_HIGHMEM))
		bits |= CMBENCH_KCONFIG_HIGHMEM;
	if (IS_ENABLED(CONFIG_ARM_LPAE))
		bits |= CMBENCH_KCONFIG_ARM_LPAE;
	if (IS_ENABLED(CONFIG_ARM_ERRATA_798181))
		bits |= CMBENCH_KCONFIG_ARM_ERRATA_798181;
	if (IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE))
		bits |= CMBENCH_KCONFIG_IO_PGTABLE_LPAE;
	if (IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_ARMV7S))
		bits |= CMBENCH_KCONFIG_IO_PGTABLE_ARMV7S;
	if (IS_ENABLED(CONFIG_KPROBES))
		bits |= CMBENCH_KCONFIG_KPROBES;
	if (IS_ENABLED(CONFIG_LOCKDEP))
		bits |= CMBENCH_KCONFIG_LOCKDEP;
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))
		bits |= CMBENCH_KCONFIG_DEBUG_ATOMIC_SLEEP;
	if (IS_ENABLED(CONFIG_DMA_API_DEBUG))
		bits |= CMBENCH_KCONFIG_DMA_API_DEBUG;
	if (IS_ENABLED(CONFIG_THUMB2_KERNEL))
		bits |= CMBENCH_KCONFIG_THUMB2_KERNEL;
	if (IS_ENABLED(CONFIG_ARM64_64K_PAGES))
		bits |= CMBENCH_KCONFIG_ARM64_64K_PAGES;
	return bits;
}

static u32 preempt_model(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return CMBENCH_PREEMPT_RT;
	if (IS_ENABLED(CONFIG_PREEMPT))
		return CMBENCH_PREEMPT_FULL;
	if (IS_ENABLED(CONFIG_PREEMPT_VOLUNTARY))
		return CMBENCH_PREEMPT_VOLUNTARY;
	return CMBENCH_PREEMPT_NONE;
}

static long ioc_info(void __user *arg)
{
	struct cmbench_info info;

	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	if (!all_zero(info.reserved, ARRAY_SIZE(info.reserved)) || info.pad)
		return -EINVAL;

	memset(&info, 0, sizeof(info));
	info.abi_version = CMBENCH_ABI_VERSION;
	info.n_ops = CMBENCH_OP_MAX;
	info.page_size = PAGE_SIZE;
	info.ctr = cmbench_cache_type_reg();
	info.dcache_line = cmbench_dcache_line();
	info.icache_line = cmbench_icache_line();
	info.cwg = cmbench_cwg();
	info.midr = read_cpuid_id();
	info.timer_hz = cmbench_counter_hz();
	info.hist_buckets = CMBENCH_HIST_BUCKETS;
	strscpy(info.version, CMBENCH_VERSION " " CMBENCH_GIT,
		sizeof(info.version));
	strscpy(info.arch, cmbench_arch_name(), sizeof(info.arch));
	strscpy(info.release, UTS_RELEASE, sizeof(info.release));
	info.kconfig = kconfig_bits();
	info.preempt = preempt_model();
	info.n_caches = cmbench_caches(info.cache, CMBENCH_MAX_CACHES, &info.clidr);

	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long ioc_op_info(void __user *arg)
{
	const struct cmbench_operation *op;
	struct cmbench_op_info *oi;
	const char *why;
	long ret = -EFAULT;
	int i, n = 0;

	/* Its doc and exercise make it too large for the stack. */
	oi = kmalloc(sizeof(*oi), GFP_KERNEL);
	if (!oi)
		return -ENOMEM;
	if (copy_from_user(oi, arg, sizeof(*oi)))
		goto out;
	ret = -EINVAL;
	if (!all_zero(oi->reserved, ARRAY_SIZE(oi->reserved)))
		goto out;
	if (oi->op >= CMBENCH_OP_MAX)
		goto out;

	op = cmbench_op(oi->op);
	why = why_unsupported(op);
	oi->flags = op->flags & ~CMBENCH_OPF_SUPPORTED;
	if (!why)
		oi->flags |= CMBENCH_OPF_SUPPORTED;
	memset(oi->name, 0, sizeof(oi->name));
	memset(oi->impl, 0, sizeof(oi->impl));
	memset(oi->why_unsupported, 0, sizeof(oi->why_unsupported));
	memset(oi->counter, 0, sizeof(oi->counter));
	memset(oi->doc, 0, sizeof(oi->doc));
	memset(oi->exercise, 0, sizeof(oi->exercise));
	strscpy(oi->name, op->name, sizeof(oi->name));
	strscpy(oi->doc, op->doc, sizeof(oi->doc));
	/* The named counters, packed in the order ioc_run() packs them. */
	for (i = 0; i < CMBENCH_OP_COUNTERS; i++)
		if (op->counter[i])
			strscpy(oi->counter[n++], op->counter[i], sizeof(oi->counter[0]));
	if (why) {
		strscpy(oi->why_unsupported, why, sizeof(oi->why_unsupported));
	} else {
		strscpy(oi->impl, impl_of(op), sizeof(oi->impl));
		exercise_of(op, oi->exercise, sizeof(oi->exercise));
	}
	ret = copy_to_user(arg, oi, sizeof(*oi)) ? -EFAULT : 0;
out:
	kfree(oi);
	return ret;
}

/* Buffer parameters: size, offset and state, in range and not overflowing. */
static int validate_buffer(const struct cmbench_operation *op,
			   const struct cmbench_run_in *req)
{
	u64 max = op->page_buffer ? CMBENCH_MAX_PAGES_SIZE : CMBENCH_MAX_SIZE;
	u64 end;

	if (!(op->flags & CMBENCH_OPF_BUFFER))
		return (req->size || req->offset || req->state) ? -EINVAL : 0;
	if (req->state >= CMBENCH_STATE_MAX)
		return -EINVAL;
	if (!req->size || req->size > max)
		return -EINVAL;
	if (req->offset > CMBENCH_MAX_OFFSET)
		return -EINVAL;
	if (check_add_overflow(req->size, req->offset, &end))
		return -EINVAL;
	/* Page buffers are one contiguous allocation: offset counts too. */
	if (op->page_buffer && end > max)
		return -EINVAL;
	return 0;
}

/* Every other parameter: given only to ops that take it, and in range. */
static int validate_params(const struct cmbench_operation *op,
			   const struct cmbench_run_in *req)
{
	bool iopt = op->flags & CMBENCH_OPF_IOPT;
	bool pages = op->flags & (CMBENCH_OPF_PAGES | CMBENCH_OPF_IOPT);

	if (pages != !!req->pages || req->pages > CMBENCH_MAX_PAGES)
		return -EINVAL;
	if (!(op->flags & CMBENCH_OPF_DIR) && req->dir)
		return -EINVAL;
	if (req->dir >= CMBENCH_DIR_MAX)
		return -EINVAL;
	if (!(op->flags & CMBENCH_OPF_HIGHMEM) &&
	    (req->flags & CMBENCH_RUNF_HIGHMEM))
		return -EINVAL;
	if (!iopt)
		return (req->fmt || req->pgsize ||
			(req->flags & CMBENCH_RUNF_COHERENT_WALK)) ? -EINVAL : 0;
	if (req->fmt >= CMBENCH_IOPT_MAX)
		return -EINVAL;
	if (req->pgsize < PAGE_SIZE || req->pgsize > CMBENCH_MAX_PGSIZE ||
	    !is_power_of_2(req->pgsize))
		return -EINVAL;
	return 0;
}

/*
 * Batches: only ops that can repeat their timed call alone, a whole number
 * of them per run, and a buffer op's copies within CMBENCH_MAX_SIZE.
 */
static int validate_batch(const struct cmbench_operation *op,
			  const struct cmbench_run_in *req)
{
	size_t bytes;
	u32 rem;

	if (req->batch <= 1)
		return 0;
	if (!(op->flags & CMBENCH_OPF_BATCH) || req->batch > CMBENCH_MAX_BATCH)
		return -EINVAL;
	div_u64_rem(req->iters, req->batch, &rem);
	if (rem)
		return -EINVAL;
	if ((op->flags & CMBENCH_OPF_BUFFER) &&
	    (check_mul_overflow(cmbench_buffer_stride(req), (size_t)req->batch, &bytes) ||
	     bytes > CMBENCH_MAX_SIZE))
		return -EINVAL;
	return 0;
}

/*
 * Everything gup_test.c would check, in the order the header documents.
 * The enum fields that index tables are clamped under speculation once
 * they are known to be in range.
 */
static int validate_run(struct cmbench_run_in *req)
{
	const struct cmbench_operation *op;
	int ret;

	if (!all_zero(req->reserved, ARRAY_SIZE(req->reserved)) || req->pad)
		return -EINVAL;
	if (req->flags & ~CMBENCH_RUNF_VALID)
		return -EINVAL;
	if (req->op >= CMBENCH_OP_MAX)
		return -EINVAL;
	if (!req->iters || req->iters > CMBENCH_MAX_ITERS)
		return -EINVAL;
	if (req->hist_len != CMBENCH_HIST_BUCKETS || !req->hist_ptr ||
	    !IS_ALIGNED(req->hist_ptr, sizeof(u64)))
		return -EINVAL;
	if (req->clock >= CMBENCH_CLOCK_MAX)
		return -EINVAL;

	op = cmbench_op(req->op);
	ret = validate_buffer(op, req);
	if (!ret)
		ret = validate_params(op, req);
	if (!ret)
		ret = validate_batch(op, req);
	if (ret)
		return ret;
	req->state = array_index_nospec(req->state, CMBENCH_STATE_MAX);
	req->dir = array_index_nospec(req->dir, CMBENCH_DIR_MAX);
	req->fmt = array_index_nospec(req->fmt, CMBENCH_IOPT_MAX);
	if (why_unsupported(op))
		return -EOPNOTSUPP;
	return op->validate ? op->validate(req) : 0;
}

static long ioc_run(void __user *arg)
{
	struct cmbench_run req;
	long ret;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	ret = validate_run(&req.in);
	if (ret)
		return ret;

	/* Outputs start from zero whatever the caller left in them. */
	memset(&req.out, 0, sizeof(req.out));
	ret = cmbench_harness_run(cmbench_op(req.in.op), &req.in, &req.out);
	if (ret)
		return ret;
	return copy_to_user(arg, &req, sizeof(req)) ? -EFAULT : 0;
}

static long cmbench_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	switch (cmd) {
	case CMBENCH_IOC_INFO:
		return ioc_info(uarg);
	case CMBENCH_IOC_OP_INFO:
		return ioc_op_info(uarg);
	case CMBENCH_IOC_RUN:
		return ioc_run(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations cmbench_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = cmbench_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice cmbench_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cmbench",
	.fops = &cmbench_fops,
	.mode = 0600,
};

static int __init cmbench_init(void)
{
	int ret;

	ret = cmbench_ops_init();
	if (ret)
		return ret;
	ret = cmbench_arch_init();
	if (ret)
		return ret;
	cmbench_kmap_init();
	cmbench_clock_init();
	ret = cmbench_dma_init();
	if (ret)
		return ret;
	ret = misc_register(&cmbench_dev);
	if (ret) {
		cmbench_dma_exit();
		return ret;
	}
	pr_info("version %s, ABI %d, counter %llu Hz\n", CMBENCH_VERSION,
		CMBENCH_ABI_VERSION, cmbench_counter_hz());
	return 0;
}

static void __exit cmbench_exit(void)
{
	misc_deregister(&cmbench_dev);
	cmbench_dma_exit();
}

module_init(cmbench_init);
module_exit(cmbench_exit);

MODULE_DESCRIPTION("ARM cache maintenance and kernel mapping microbenchmarks");
MODULE_AUTHOR("cmbench developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(CMBENCH_VERSION);
