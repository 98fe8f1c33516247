// SPDX-License-Identifier: GPL-2.0
/*
 * Background kernel threads that load the system while the timed loop
 * measures: one per other online CPU, bound to it, each calling fn until
 * stopped. Used where the question is what an op costs, or whether it is
 * still correct, while other CPUs hammer the same lock or table.
 *
 * A worker that has never run cannot be kthread_stop()ed without waiting
 * for its CPU, which a real-time task may hold for as long as it likes:
 * the caller would sit in kthread_stop() (a hung task) and the ioctl would
 * not answer. So each worker is its own allocation holding a reference on
 * the module, and one that has not started when the set stops is
 * orphaned: it frees itself and drops the reference whenever it first
 * runs, without touching the set or the run, which are gone by then.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "cmbench.h"

/* A worker's state moves once, from NEW, by whichever side gets there. */
enum { WORKER_NEW, WORKER_RUNNING, WORKER_ORPHANED };

struct cmbench_worker {
	struct task_struct *task;
	struct cmbench_workers *set;	/* read only once RUNNING */
	atomic_t state;
	unsigned int index;		/* 1..n: 0 is the timed thread */
};

static int worker_fn(void *data)
{
	struct cmbench_worker *w = data;

	if (atomic_cmpxchg(&w->state, WORKER_NEW, WORKER_RUNNING) != WORKER_NEW) {
		kfree(w);
		module_put_and_kthread_exit(0);
	}
	while (!kthread_should_stop()) {
		/* Stopping: no more calls, so that every worker stops at once. */
		if (!READ_ONCE(w->set->stopping)) {
			w->set->fn(w->set->ctx, w->index);
			atomic64_inc(&w->set->calls);
		}
		cond_resched();
	}
	return 0;
}

/*
 * The cmpxchg orders against the worker's: either it started, and is
 * stopped here, or it has not, and will leave on its own without
 * reading the set.
 */
static void worker_stop(struct cmbench_worker *w)
{
	if (atomic_cmpxchg(&w->state, WORKER_NEW, WORKER_ORPHANED) == WORKER_NEW)
		return;
	kthread_stop(w->task);
	kfree(w);
	module_put(THIS_MODULE);
}

static struct cmbench_worker *worker_start(struct cmbench_workers *set,
					   unsigned int index, unsigned int cpu)
{
	struct cmbench_worker *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return ERR_PTR(-ENOMEM);
	w->set = set;
	w->index = index;
	atomic_set(&w->state, WORKER_NEW);
	__module_get(THIS_MODULE);
	w->task = kthread_run_on_cpu(worker_fn, w, cpu, "cmbench/%u");
	if (IS_ERR(w->task)) {
		struct task_struct *err = w->task;

		module_put(THIS_MODULE);
		kfree(w);
		return ERR_CAST(err);
	}
	return w;
}

/*
 * Timing must not start before the load is there: a woken kthread can take
 * a while to run, longer than a short run. Wait until the workers have
 * made as many calls as there are workers (each typically one), for at
 * most two seconds (-ETIMEDOUT: a CPU kept busy by a real-time task never
 * runs them). A signal ends the wait at once; the timed loop then sees it
 * and returns the run as interrupted, with no samples.
 */
static int wait_for_load(struct cmbench_workers *set)
{
	unsigned long deadline = jiffies + 2 * HZ;

	while (atomic64_read(&set->calls) < set->n) {
		if (signal_pending(current))
			return 0;
		if (time_after(jiffies, deadline)) {
			pr_warn_ratelimited("workers did not start within 2 s\n");
			cmbench_workers_stop(set);
			return -ETIMEDOUT;
		}
		usleep_range(100, 200);
	}
	return 0;
}

/*
 * One worker per online CPU but the caller's. The CPUs are counted and
 * walked under cpus_read_lock(), so none comes or goes in between and
 * every worker is bound to a CPU that is online when it starts.
 */
int cmbench_workers_start(struct cmbench_workers *set, struct cmbench_ctx *ctx,
			  void (*fn)(struct cmbench_ctx *ctx, unsigned int index))
{
	unsigned int cpu, self, n = 0;
	int ret = 0;

	set->ctx = ctx;
	set->fn = fn;
	set->n = 0;
	set->stopping = false;
	atomic64_set(&set->calls, 0);

	cpus_read_lock();
	self = raw_smp_processor_id();
	set->w = kcalloc(max(num_online_cpus() - 1, 1U), sizeof(*set->w),
			 GFP_KERNEL);
	if (!set->w)
		ret = -ENOMEM;
	for_each_online_cpu(cpu) {
		struct cmbench_worker *w;

		if (ret || cpu == self)
			continue;
		w = worker_start(set, n + 1, cpu);
		if (IS_ERR(w)) {
			ret = PTR_ERR(w);
			continue;
		}
		set->w[n++] = w;
	}
	cpus_read_unlock();

	set->n = n;
	if (ret) {
		cmbench_workers_stop(set);
		return ret;
	}
	return wait_for_load(set);
}

/*
 * All workers end their call before the first kthread_stop() returns,
 * rather than one after another while the rest keep loading the CPUs
 * the stopping ones need.
 */
void cmbench_workers_stop(struct cmbench_workers *set)
{
	unsigned int i;

	WRITE_ONCE(set->stopping, true);
	for (i = 0; i < set->n; i++)
		worker_stop(set->w[i]);
	kfree(set->w);
	set->w = NULL;
	set->n = 0;
}
