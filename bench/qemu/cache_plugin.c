// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin (QEMU 10, system mode, arm64 and 32-bit arm guests in
 * ARM state) that drives bench/model/cache.c with the guest's own loads,
 * stores and cache maintenance, and writes what it modelled for the
 * module's timed samples to a host file. Every figure is MODELLED.
 *
 * Why a side channel and not the guest's clock: QEMU 10's
 * qemu_plugin_update_ns() warps QEMU_CLOCK_VIRTUAL through the
 * accelerator's set_virtual_clock, which TCG does not provide (only
 * icount's get_virtual_clock exists), so under TCG a plugin cannot make
 * the guest's timer read modelled time; contrib/plugins/ips.c regulates
 * by sleeping the host instead. So the module marks its timed samples
 * with hints that are NOPs everywhere (HINT #0x62 before a sample's first
 * counter read, #0x63 after its last; #0x64 with x16 = its run serial
 * before a run), and this plugin sums what happens between them.
 *
 * Per vCPU: a hierarchy of the levels given, shared among vCPUs as
 * cluster= and clusters= say (below; a cluster's L2, a system cache), loads
 * and stores at their physical addresses, DC CIVAC/CVAC/CVAP/CVAU/IVAC/ZVA
 * at the physical address of Xt's line (on 32-bit arm the MCR forms and
 * Rt, the marks in A32's hint space and the serial in r12). The DC's VA
 * is translated from what the memory callbacks showed: a page
 * never loaded from or stored to cannot have lines in the model, so its
 * DC costs one lookup and is counted as dc_unmapped.
 *
 * Arguments: name=NAME (a preset's, or "custom"), level=SIZE:WAYS:LINE:HIT:WB
 * (one per level, L1 first), cluster=N (level N is one per cluster),
 * clusters=C (the boot's -smp clusters), unified=N (the first unified
 * level, for PoU), mem=READ:WRITE (a line
 * from and to memory), out=FILE. A run record a line:
 *   run SERIAL vcpu N samples S insns I cycles C sample_p50 P dc D
 *       dc_unmapped U l1_miss M l1_wb W ... mem_rd R mem_wr W
 * (then dsb N tlbi N), where cycles is insns (one cycle each) plus every
 * access's, maintenance op's, DSB's and TLBI's modelled cost (dsb=20,
 * tlbi=10 unless given: assumptions), in the run's samples only, and
 * sample_p50 the median sample's (the first 2^24 samples').
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <qemu-plugin.h>

#include "model/cache.h"
#include "qemu/arm_insn.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MAP_BITS	16		/* VA pages remembered per vCPU */
#define NO_LINE		UINT64_MAX
#define MAX_VCPUS	64

/* What a run's samples add up to; taken as differences of running sums. */
struct sums {
	uint64_t insns, cycles, dc, dc_unmapped, mem_rd, mem_wr, dsb, tlbi;
	uint64_t miss[CMB_CACHE_LEVELS], wb[CMB_CACHE_LEVELS];
};

struct vcpu {
	struct cmb_cache_model m;
	uint64_t cycles, dc, dc_unmapped;	/* running, cache costs only */
	uint64_t dsb, tlbi;			/* running counts */
	struct sums at_begin, run;
	uint64_t serial, samples;
	uint64_t *per_sample;		/* each sample's cycles, for the median */
	size_t per_cap;
	int in_run, in_sample;
	uint64_t map_va[1 << MAP_BITS], map_pa[1 << MAP_BITS];
	uint64_t last_line;			/* VA line of the last access, or NO_LINE */
	int last_slot;				/* its own-L1 slot */
	struct qemu_plugin_register *x[31];
	GByteArray *buf;
};

static struct vcpu *vcpus[MAX_VCPUS];
static struct qemu_plugin_scoreboard *insns;	/* per vCPU, every instruction */
static struct cmb_cache_cfg cfg[CMB_CACHE_LEVELS];
/*
 * Who shares what, with several vCPUs: the level cluster= names (1-based)
 * is one per cluster (clusters=, the -smp clusters QEMU numbers vCPUs
 * by, a cluster's vCPUs consecutive), the levels past it one for all (a
 * system cache), those before it each vCPU's own; without cluster=, the
 * last level is one for all. Then every use of a model takes the lock:
 * vCPUs run in threads of their own.
 */
#define MAX_CLUSTERS	16
static struct cmb_cache_level for_all[CMB_CACHE_LEVELS];
static struct cmb_cache_level per_cluster[MAX_CLUSTERS];
static int cluster_level = -1;		/* 0-based; -1: none */
static unsigned int clusters = 1, vcpus_per_cluster = 1;
static int sharing;
static GMutex model_lock;
static unsigned int nlevels, unified = 1;
static uint32_t mem_read = 150, mem_write = 150;
static uint32_t dsb_cost = 20, tlbi_cost = 10;	/* assumed cycles (dsb=, tlbi=) */
static FILE *out;
static GMutex out_lock;
static int a32;		/* a 32-bit arm guest: A32 encodings, r0..r12 */
static unsigned int line_shift;	/* L1's line, log2 */

static uint64_t insns_of(unsigned int i)
{
	return qemu_plugin_u64_get(qemu_plugin_scoreboard_u64(insns), i);
}

static void snapshot(struct vcpu *v, unsigned int i, struct sums *s)
{
	unsigned int l;

	s->insns = insns_of(i);
	s->cycles = v->cycles;
	s->dc = v->dc;
	s->dc_unmapped = v->dc_unmapped;
	s->dsb = v->dsb;
	s->tlbi = v->tlbi;
	s->mem_rd = v->m.mem_reads;
	s->mem_wr = v->m.mem_writes;
	for (l = 0; l < v->m.nlevels; l++) {
		s->miss[l] = v->m.st[l].misses;
		s->wb[l] = v->m.st[l].writebacks;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The median sample: what an interrupt inside a few samples (its handler
 * modelled with them) does not move, as cmbench's own centre is a median.
 */
static uint64_t median(struct vcpu *v)
{
	size_t n = v->samples < v->per_cap ? v->samples : v->per_cap;

	if (!n)
		return 0;
	qsort(v->per_sample, n, sizeof(*v->per_sample), cmp_u64);
	return n % 2 ? v->per_sample[n / 2] :
	       (v->per_sample[n / 2 - 1] + v->per_sample[n / 2]) / 2;
}

static void run_end(struct vcpu *v, unsigned int i)
{
	unsigned int l;

	if (!v->in_run)
		return;
	g_mutex_lock(&out_lock);
	fprintf(out, "run %" PRIu64 " vcpu %u samples %" PRIu64 " insns %" PRIu64 " cycles %"
		PRIu64 " sample_p50 %" PRIu64 " dc %" PRIu64 " dc_unmapped %" PRIu64, v->serial, i,
		v->samples, v->run.insns, v->run.insns + v->run.cycles, median(v), v->run.dc,
		v->run.dc_unmapped);
	for (l = 0; l < v->m.nlevels; l++)
		fprintf(out, " l%u_miss %" PRIu64 " l%u_wb %" PRIu64, l + 1, v->run.miss[l], l + 1,
			v->run.wb[l]);
	fprintf(out, " mem_rd %" PRIu64 " mem_wr %" PRIu64 " dsb %" PRIu64 " tlbi %" PRIu64 "\n",
		v->run.mem_rd, v->run.mem_wr, v->run.dsb, v->run.tlbi);
	fflush(out);
	g_mutex_unlock(&out_lock);
	v->in_run = 0;
}

static uint64_t reg(struct vcpu *v, unsigned int n)
{
	uint64_t val = 0;

	int size;

	g_byte_array_set_size(v->buf, 0);
	if (n >= 31 || !v->x[n])
		return 0;
	size = qemu_plugin_read_register(v->x[n], v->buf);
	if (size == 8 || size == 4)
		memcpy(&val, v->buf->data, (size_t)size);	/* little-endian host and guest */
	return val;
}

static void on_mark(unsigned int i, void *udata)
{
	struct vcpu *v = vcpus[i];
	uint32_t op = (uint32_t)(uintptr_t)udata;
	struct sums now;
	unsigned int l;

	if (op == MARK_RUN) {
		run_end(v, i);
		memset(&v->run, 0, sizeof(v->run));
		v->serial = reg(v, a32 ? 12 : 16);
		v->samples = 0;
		v->in_run = 1;
		v->in_sample = 0;
	} else if (op == MARK_BEGIN) {
		snapshot(v, i, &v->at_begin);
		v->in_sample = 1;
	} else if (v->in_sample) {
		snapshot(v, i, &now);
		v->run.insns += now.insns - v->at_begin.insns;
		v->run.cycles += now.cycles - v->at_begin.cycles;
		v->run.dc += now.dc - v->at_begin.dc;
		v->run.dc_unmapped += now.dc_unmapped - v->at_begin.dc_unmapped;
		v->run.dsb += now.dsb - v->at_begin.dsb;
		v->run.tlbi += now.tlbi - v->at_begin.tlbi;
		v->run.mem_rd += now.mem_rd - v->at_begin.mem_rd;
		v->run.mem_wr += now.mem_wr - v->at_begin.mem_wr;
		for (l = 0; l < v->m.nlevels; l++) {
			v->run.miss[l] += now.miss[l] - v->at_begin.miss[l];
			v->run.wb[l] += now.wb[l] - v->at_begin.wb[l];
		}
		if (v->samples == v->per_cap && v->per_cap < (1u << 24)) {
			v->per_cap = v->per_cap ? 2 * v->per_cap : 1024;
			v->per_sample = g_renew(uint64_t, v->per_sample, v->per_cap);
		}
		if (v->samples < v->per_cap)
			v->per_sample[v->samples] = now.insns - v->at_begin.insns +
						    now.cycles - v->at_begin.cycles;
		v->samples++;
		v->in_sample = 0;
	}
}

static unsigned int slot(uint64_t page)
{
	return (unsigned int)((page * 0x9e3779b97f4a7c15ull) >> (64 - MAP_BITS));
}

/*
 * A load or store. Most go to the line the vCPU's previous one did (a
 * copy, a fill, a structure): its own L1 has it, in the slot it noted,
 * and nothing (no other line, no DC) has moved it since, so neither the
 * physical address nor a lookup is needed. Next most hit its own L1
 * elsewhere: no shared level, no lock. The rest miss, under the lock.
 */
static void on_mem(unsigned int i, qemu_plugin_meminfo_t info, uint64_t va, void *udata)
{
	struct vcpu *v = vcpus[i];
	enum cmb_cache_op op = qemu_plugin_mem_is_store(info) ? CMB_CACHE_STORE :
			       CMB_CACHE_LOAD;
	struct qemu_plugin_hwaddr *hw;
	uint64_t pa, cycles;
	unsigned int s;

	if (va >> line_shift == v->last_line) {
		v->cycles += cmb_cache_touch_l1(&v->m, v->last_slot, op);
		return;
	}
	hw = qemu_plugin_get_hwaddr(info, va);
	if (!hw || qemu_plugin_hwaddr_is_io(hw))
		return;
	pa = qemu_plugin_hwaddr_phys_addr(hw);
	s = slot(va >> 12);
	v->map_va[s] = (va >> 12) + 1;		/* 0: empty */
	v->map_pa[s] = pa >> 12;
	v->last_slot = cmb_cache_access_l1(&v->m, pa, op, &cycles);
	if (v->last_slot < 0) {
		if (sharing)
			g_mutex_lock(&model_lock);
		cycles = cmb_cache_access(&v->m, pa, op);
		if (sharing)
			g_mutex_unlock(&model_lock);
		v->last_slot = cmb_cache_l1_slot(&v->m, pa);
	}
	v->cycles += cycles;
	v->last_line = v->last_slot < 0 ? NO_LINE : va >> line_shift;
}

static void on_dc(unsigned int i, void *udata)
{
	uint32_t op = (uint32_t)(uintptr_t)udata;
	struct vcpu *v = vcpus[i];
	uint64_t va = reg(v, op & 31), pa;
	unsigned int s = slot(va >> 12);
	enum cmb_cache_maint what;
	enum cmb_cache_point point;

	v->dc++;
	v->last_line = NO_LINE;		/* it may take the noted line away */
	if (v->map_va[s] != (va >> 12) + 1) {
		v->dc_unmapped++;
		v->cycles += cfg[0].hit;
		return;
	}
	pa = (v->map_pa[s] << 12) | (va & 0xfff);
	what = dc_kind(op, &point);
	if (sharing)
		g_mutex_lock(&model_lock);
	v->cycles += cmb_cache_maint(&v->m, pa, what, point);
	if (sharing)
		g_mutex_unlock(&model_lock);
}

/* A barrier or a TLB invalidate: its assumed cost, and counted. */
static void on_dsb(unsigned int i, void *udata)
{
	vcpus[i]->dsb++;
	vcpus[i]->cycles += dsb_cost;
}

static void on_tlbi(unsigned int i, void *udata)
{
	vcpus[i]->tlbi++;
	vcpus[i]->cycles += tlbi_cost;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	qemu_plugin_u64 count = qemu_plugin_scoreboard_u64(insns);
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t op = 0;

		qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(insn,
			QEMU_PLUGIN_INLINE_ADD_U64, count, 1);
		qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, NULL);
		if (qemu_plugin_insn_size(insn) != 4 || qemu_plugin_insn_data(insn, &op, 4) != 4)
			continue;
		if (is_dsb(op, a32) || is_tlbi(op, a32)) {
			qemu_plugin_register_vcpu_insn_exec_cb(insn, is_dsb(op, a32) ? on_dsb : on_tlbi,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
			continue;
		}
		/* A32 marks and DCs become their A64 twins: one decoder below. */
		if (a32 && (op == A32_HINT(0x62) || op == A32_HINT(0x63) || op == A32_HINT(0x64)))
			op = HINT(op & 0xff);
		else if (a32 && a32_dc(op))
			op = a32_as_a64(op);
		else if (a32)
			continue;
		if (op == MARK_BEGIN || op == MARK_END || op == MARK_RUN)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, QEMU_PLUGIN_CB_R_REGS,
							       (void *)(uintptr_t)op);
		else if (is_dc(op))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_dc, QEMU_PLUGIN_CB_R_REGS,
							       (void *)(uintptr_t)op);
	}
}

/* The levels vCPU i shares, by level: NULL where it has its own. */
static struct cmb_cache_level **shared_of(unsigned int i, struct cmb_cache_level **sh)
{
	unsigned int l;

	for (l = 0; l < nlevels; l++) {
		if (cluster_level < 0)
			sh[l] = l == nlevels - 1 ? &for_all[l] : NULL;
		else if ((int)l == cluster_level)
			sh[l] = &per_cluster[i / vcpus_per_cluster];
		else
			sh[l] = (int)l > cluster_level ? &for_all[l] : NULL;
	}
	return sh;
}

static void vcpu_init(qemu_plugin_id_t id, unsigned int i)
{
	g_autoptr(GArray) regs = qemu_plugin_get_registers();
	struct cmb_cache_level *share[CMB_CACHE_LEVELS];
	struct vcpu *v;
	guint r;
	int n;

	if (i >= MAX_VCPUS)
		abort();
	v = g_new0(struct vcpu, 1);
	if (cmb_cache_init_shared(&v->m, cfg, nlevels, unified, mem_read, mem_write,
				  sharing ? shared_of(i, share) : NULL))
		abort();	/* checked at install: cannot fail here */
	v->buf = g_byte_array_new();
	v->last_line = NO_LINE;
	for (r = 0; r < regs->len; r++) {
		qemu_plugin_reg_descriptor *d = &g_array_index(regs, qemu_plugin_reg_descriptor, r);

		if (sscanf(d->name, a32 ? "r%d" : "x%d", &n) == 1 && n >= 0 && n < 31)
			v->x[n] = d->handle;
	}
	vcpus[i] = v;
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	unsigned int i;

	for (i = 0; i < MAX_VCPUS; i++)
		if (vcpus[i])
			run_end(vcpus[i], i);
	fclose(out);
}

/* The levels vCPUs share, as shared_of() hands them out. 0, or -1. */
static int make_shared(void)
{
	unsigned int l, c;

	for (l = 0; l < nlevels; l++) {
		if ((int)l == cluster_level) {
			for (c = 0; c < clusters; c++)
				if (cmb_cache_level_init(&per_cluster[c], &cfg[l]))
					return -1;
		} else if (cluster_level < 0 ? l == nlevels - 1 : (int)l > cluster_level) {
			if (cmb_cache_level_init(&for_all[l], &cfg[l]))
				return -1;
		}
	}
	return 0;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	struct cmb_cache_model probe;
	const char *path = NULL, *name = "custom";
	int i;

	for (i = 0; i < argc; i++) {
		struct cmb_cache_cfg *c = &cfg[nlevels];

		if (!strncmp(argv[i], "level=", 6) && nlevels < CMB_CACHE_LEVELS &&
		    sscanf(argv[i] + 6, "%u:%u:%u:%u:%u", &c->size, &c->ways, &c->line, &c->hit,
			   &c->writeback) == 5)
			nlevels++;
		else if (sscanf(argv[i], "cluster=%d", &cluster_level) == 1) {
			cluster_level--;	/* L2 is index 1 */
			continue;
		} else if (sscanf(argv[i], "dsb=%u", &dsb_cost) == 1 ||
			 sscanf(argv[i], "clusters=%u", &clusters) == 1 ||
			 sscanf(argv[i], "tlbi=%u", &tlbi_cost) == 1 ||
			 sscanf(argv[i], "unified=%u", &unified) == 1 ||
			 sscanf(argv[i], "mem=%u:%u", &mem_read, &mem_write) == 2)
			continue;
		else if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else if (!strncmp(argv[i], "name=", 5))
			name = argv[i] + 5;
		else {
			fprintf(stderr, "cmbench cache plugin: bad argument '%s'\n", argv[i]);
			return -1;
		}
	}
	a32 = !strcmp(info->target_name, "arm");
	if (!nlevels || !path || info->system_emulation == false ||
	    (!a32 && strcmp(info->target_name, "aarch64"))) {
		fprintf(stderr, "cmbench cache plugin: needs level=..., out=FILE, an aarch64 or "
			"arm system guest\n");
		return -1;
	}
	if (cluster_level >= (int)nlevels || cluster_level < -1 || !clusters ||
	    clusters > MAX_CLUSTERS || info->system.max_vcpus % clusters) {
		fprintf(stderr, "cmbench cache plugin: cluster= names no level, or clusters= "
			"does not divide the %d vCPUs (at most %d)\n", info->system.max_vcpus,
			MAX_CLUSTERS);
		return -1;
	}
	vcpus_per_cluster = info->system.max_vcpus / clusters;
	while ((1u << line_shift) < cfg[0].line)
		line_shift++;
	sharing = nlevels > 1 && info->system.max_vcpus > 1;
	if (sharing && make_shared()) {
		fprintf(stderr, "cmbench cache plugin: a shared level's geometry does not divide\n");
		return -1;
	}
	if (cmb_cache_init(&probe, cfg, nlevels, unified, mem_read, mem_write)) {
		fprintf(stderr, "cmbench cache plugin: a level's geometry does not divide\n");
		return -1;
	}
	cmb_cache_free(&probe);
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	fprintf(out, "# cmbench cache plugin: MODELLED, not measured; model %s", name);
	for (i = 0; i < (int)nlevels; i++)
		fprintf(out, "; L%d %u B %u-way %u B lines, hit %u, write-back %u", i + 1,
			cfg[i].size, cfg[i].ways, cfg[i].line, cfg[i].hit, cfg[i].writeback);
	fprintf(out, "; memory %u/%u; unified from L%u; ", mem_read, mem_write, unified + 1);
	if (!sharing)
		fprintf(out, "every level a vCPU's own");
	else if (cluster_level < 0)
		fprintf(out, "L%u one for all %d vCPUs", nlevels, info->system.max_vcpus);
	else
		fprintf(out, "L%d one for each of %u clusters of %u vCPUs%s", cluster_level + 1,
			clusters, vcpus_per_cluster, cluster_level + 1 < (int)nlevels ?
			", the levels past it one for all" : "");
	fprintf(out, "; a cycle per instruction, DSB %u more, TLBI %u more\n", dsb_cost,
		tlbi_cost);
	insns = qemu_plugin_scoreboard_new(sizeof(uint64_t));
	qemu_plugin_register_vcpu_init_cb(id, vcpu_init);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
