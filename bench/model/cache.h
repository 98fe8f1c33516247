/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A modelled cache hierarchy, for emulation that wants cache costs (the
 * QEMU TCG plugin of issue 23 drives it; the unit tests drive it with
 * address traces). Physical addresses in, modelled cycles out. Nothing
 * here is measured: every figure it gives is MODELLED.
 *
 * Each level: size, ways, line size, LRU, write-back and write-allocate
 * with a dirty bit per line. Levels are neither inclusive nor exclusive
 * (a fill goes into every level it passed, an eviction is each level's
 * own): what Cortex-A cores' L1/L2 mostly are. A dirty line evicted
 * from a level is written into the next (or to memory from the last).
 *
 * Maintenance by line, as DC by VA does it once its address is known:
 * clean writes a dirty line out to the point asked (PoU: the first
 * unified level; PoC: memory) and keeps it; invalidate drops it, dirty
 * data and all; clean+invalidate does both; zero (DC ZVA) allocates the
 * line dirty in L1 without reading it from below.
 */
#ifndef CMB_MODEL_CACHE_H
#define CMB_MODEL_CACHE_H

#include <stdint.h>

#define CMB_CACHE_LEVELS	4

/* One level's geometry and costs (cycles). */
struct cmb_cache_cfg {
	uint32_t size, ways, line;	/* bytes, ways, bytes: size = sets * ways * line */
	uint32_t hit;			/* a lookup that hits (or misses: the tag check) */
	uint32_t writeback;		/* writing a dirty line to the next level */
};

/* What happened at a level: counts since the model was made. */
struct cmb_cache_stats {
	uint64_t hits, misses, fills, writebacks, evictions, dropped_dirty;
};

struct cmb_cache_level {
	struct cmb_cache_cfg cfg;
	uint32_t sets;
	unsigned int line_shift;
	/* per line slot (set * ways + way): tag, state, last use */
	uint64_t *tag;
	uint8_t *state;			/* 0 invalid, 1 clean, 2 dirty */
	uint64_t *used;
	uint64_t clock;			/* its lookups so far: LRU's time */
};

/*
 * A core's hierarchy. Any level may be shared with other models (a
 * cluster's L2 with its cluster's cores, a system cache with all): then
 * shared[i] points to it, and lv[i] is unused. What happened is counted
 * per model, shared levels included, so each core sees its own misses
 * and write-backs.
 */
struct cmb_cache_model {
	unsigned int nlevels;
	unsigned int unified;		/* the point of unification: levels below it */
	struct cmb_cache_level lv[CMB_CACHE_LEVELS];
	struct cmb_cache_level *shared[CMB_CACHE_LEVELS];	/* NULL: lv[i], its own */
	struct cmb_cache_stats st[CMB_CACHE_LEVELS];
	uint32_t memory;		/* a line from memory */
	uint32_t memory_write;		/* a line to memory */
	uint64_t mem_reads, mem_writes;	/* lines */
};

enum cmb_cache_op { CMB_CACHE_LOAD, CMB_CACHE_STORE };

enum cmb_cache_maint {
	CMB_CACHE_CLEAN,		/* DC CVAC (PoC), DC CVAU (PoU) */
	CMB_CACHE_INVAL,		/* DC IVAC */
	CMB_CACHE_CLEAN_INVAL,		/* DC CIVAC */
	CMB_CACHE_ZERO,			/* DC ZVA, one line */
};

enum cmb_cache_point { CMB_CACHE_POC, CMB_CACHE_POU };

/*
 * Makes a model of n levels (cfg[0] is L1), unified from level index
 * unified on (1: L2 is the point of unification). 0, or -1 when a
 * geometry does not divide (a power-of-two line and set count, sets *
 * ways * line = size) or memory runs out.
 */
int cmb_cache_init(struct cmb_cache_model *m, const struct cmb_cache_cfg *cfg,
		   unsigned int n, unsigned int unified, uint32_t memory,
		   uint32_t memory_write);
void cmb_cache_free(struct cmb_cache_model *m);

/*
 * A level of its own, to share among several models: for each level i
 * that shared[i] names (shared may be NULL: none), cmb_cache_init_shared()
 * takes it for cfg[i], whose geometry it must have. The caller serialises
 * the models' use of it. 0, or -1.
 */
int cmb_cache_level_init(struct cmb_cache_level *l, const struct cmb_cache_cfg *cfg);
void cmb_cache_level_free(struct cmb_cache_level *l);
int cmb_cache_init_shared(struct cmb_cache_model *m, const struct cmb_cache_cfg *cfg,
			  unsigned int n, unsigned int unified, uint32_t memory,
			  uint32_t memory_write, struct cmb_cache_level *const *shared);

/* A load or store of the line holding pa: its modelled cycles. */
uint64_t cmb_cache_access(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_op op);
/*
 * The same when it hits an L1 that is m's own, touching nothing another
 * model shares: so a caller that serialises the shared levels need not
 * for it (most accesses). The line's L1 slot with *cycles; -1, nothing
 * changed, when it is not an own L1's hit and cmb_cache_access() must
 * do it.
 */
int cmb_cache_access_l1(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_op op,
			uint64_t *cycles);
/* The slot of pa's line in m's own L1, or -1 (not there, or L1 shared). */
int cmb_cache_l1_slot(const struct cmb_cache_model *m, uint64_t pa);
/*
 * Another access to the line in own-L1 slot s, which the caller knows is
 * still there (no access to another line and no maintenance since it
 * got s): counted as cmb_cache_access() counts an L1 hit; its cycles.
 */
uint64_t cmb_cache_touch_l1(struct cmb_cache_model *m, int s, enum cmb_cache_op op);

/* Maintenance of the line holding pa, to point: its modelled cycles. */
uint64_t cmb_cache_maint(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_maint op,
			 enum cmb_cache_point point);

/* Whether level i holds the line of pa: 0 no, 1 clean, 2 dirty. */
int cmb_cache_state(const struct cmb_cache_model *m, unsigned int i, uint64_t pa);

#endif
