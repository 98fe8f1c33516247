// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "model/cache.h"

enum { INVALID, CLEAN, DIRTY };

static int power_of_two(uint32_t x)
{
	return x && !(x & (x - 1));
}

int cmb_cache_level_init(struct cmb_cache_level *l, const struct cmb_cache_cfg *cfg)
{
	uint32_t slots;

	memset(l, 0, sizeof(*l));
	l->cfg = *cfg;
	if (!power_of_two(cfg->line) || !cfg->ways || cfg->size % (cfg->ways * cfg->line))
		return -1;
	l->sets = cfg->size / (cfg->ways * cfg->line);
	if (!power_of_two(l->sets))
		return -1;
	while ((1u << l->line_shift) < cfg->line)
		l->line_shift++;
	slots = l->sets * cfg->ways;
	l->tag = calloc(slots, sizeof(*l->tag));
	l->state = calloc(slots, sizeof(*l->state));
	l->used = calloc(slots, sizeof(*l->used));
	return l->tag && l->state && l->used ? 0 : -1;
}

void cmb_cache_level_free(struct cmb_cache_level *l)
{
	free(l->tag);
	free(l->state);
	free(l->used);
	memset(l, 0, sizeof(*l));
}

void cmb_cache_free(struct cmb_cache_model *m)
{
	unsigned int i;

	for (i = 0; i < CMB_CACHE_LEVELS; i++)
		cmb_cache_level_free(&m->lv[i]);
	memset(m, 0, sizeof(*m));
}

int cmb_cache_init_shared(struct cmb_cache_model *m, const struct cmb_cache_cfg *cfg,
			  unsigned int n, unsigned int unified, uint32_t memory,
			  uint32_t memory_write, struct cmb_cache_level *const *shared)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	if (!n || n > CMB_CACHE_LEVELS || unified > n)
		return -1;
	for (i = 0; shared && i < n; i++) {
		const struct cmb_cache_level *l = shared[i];

		if (l && (l->cfg.size != cfg[i].size || l->cfg.ways != cfg[i].ways ||
			  l->cfg.line != cfg[i].line))
			return -1;
		m->shared[i] = shared[i];
	}
	m->nlevels = n;
	m->unified = unified;
	m->memory = memory;
	m->memory_write = memory_write;
	for (i = 0; i < n; i++) {
		if (m->shared[i])
			continue;
		if (cmb_cache_level_init(&m->lv[i], &cfg[i])) {
			cmb_cache_free(m);
			return -1;
		}
	}
	return 0;
}

int cmb_cache_init(struct cmb_cache_model *m, const struct cmb_cache_cfg *cfg,
		   unsigned int n, unsigned int unified, uint32_t memory,
		   uint32_t memory_write)
{
	return cmb_cache_init_shared(m, cfg, n, unified, memory, memory_write, NULL);
}

/* Level i of m: its own, or the one it shares. */
static struct cmb_cache_level *lv(struct cmb_cache_model *m, unsigned int i)
{
	return m->shared[i] ? m->shared[i] : &m->lv[i];
}

/* The line of pa at level l: its slot, or -1. */
static int find(const struct cmb_cache_level *l, uint64_t pa)
{
	uint64_t line = pa >> l->line_shift;
	uint32_t set = (uint32_t)(line & (l->sets - 1)), w;

	for (w = 0; w < l->cfg.ways; w++) {
		uint32_t s = set * l->cfg.ways + w;

		if (l->state[s] != INVALID && l->tag[s] == line)
			return (int)s;
	}
	return -1;
}

/* Where a new line of set goes: an invalid way, else the least recently used. */
static uint32_t victim(const struct cmb_cache_level *l, uint32_t set)
{
	uint32_t w, best = set * l->cfg.ways;

	for (w = 0; w < l->cfg.ways; w++) {
		uint32_t s = set * l->cfg.ways + w;

		if (l->state[s] == INVALID)
			return s;
		if (l->used[s] < l->used[best])
			best = s;
	}
	return best;
}

static uint64_t insert(struct cmb_cache_model *m, unsigned int i, uint64_t pa, int state);

/* A dirty line leaves level i: into level i + 1, or to memory from the last. */
static uint64_t write_out(struct cmb_cache_model *m, unsigned int i, uint64_t pa)
{
	uint64_t cycles = lv(m, i)->cfg.writeback;

	m->st[i].writebacks++;
	if (i + 1 < m->nlevels)
		return cycles + insert(m, i + 1, pa, DIRTY);
	m->mem_writes++;
	return cycles + m->memory_write;
}

/*
 * Puts the line of pa in level i as state (a present line keeps dirty),
 * evicting the set's LRU line when full: its cycles (write-backs).
 */
static uint64_t insert(struct cmb_cache_model *m, unsigned int i, uint64_t pa, int state)
{
	struct cmb_cache_level *l = lv(m, i);
	uint64_t line = pa >> l->line_shift, cycles = 0;
	int s = find(l, pa);

	if (s < 0) {
		s = (int)victim(l, (uint32_t)(line & (l->sets - 1)));
		if (l->state[s] != INVALID) {
			m->st[i].evictions++;
			if (l->state[s] == DIRTY) {
				/* Out before the slot is reused: insert() below may recurse. */
				uint64_t old = l->tag[s] << l->line_shift;

				l->state[s] = INVALID;
				cycles += write_out(m, i, old);
			}
		}
		l->tag[s] = line;
		l->state[s] = INVALID;
		m->st[i].fills++;
	}
	if (state > l->state[s])
		l->state[s] = (uint8_t)state;
	l->used[s] = ++l->clock;
	return cycles;
}

uint64_t cmb_cache_touch_l1(struct cmb_cache_model *m, int s, enum cmb_cache_op op)
{
	struct cmb_cache_level *l = &m->lv[0];

	/* As cmb_cache_access() counts an L1 hit: the hit, then a store's insert. */
	m->st[0].hits++;
	l->used[s] = ++l->clock;
	if (op == CMB_CACHE_STORE) {
		l->state[s] = DIRTY;
		l->used[s] = ++l->clock;
	}
	return l->cfg.hit;
}

int cmb_cache_l1_slot(const struct cmb_cache_model *m, uint64_t pa)
{
	return m->shared[0] ? -1 : find(&m->lv[0], pa);
}

int cmb_cache_access_l1(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_op op,
			uint64_t *cycles)
{
	int s = cmb_cache_l1_slot(m, pa);

	if (s >= 0)
		*cycles = cmb_cache_touch_l1(m, s, op);
	return s;
}

uint64_t cmb_cache_access(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_op op)
{
	uint64_t cycles = 0;
	unsigned int i, found = m->nlevels;
	int s;


	for (i = 0; i < m->nlevels; i++) {
		struct cmb_cache_level *l = lv(m, i);

		cycles += l->cfg.hit;
		s = find(l, pa);
		if (s >= 0) {
			m->st[i].hits++;
			l->used[s] = ++l->clock;
			found = i;
			break;
		}
		m->st[i].misses++;
	}
	if (found == m->nlevels) {
		cycles += m->memory;
		m->mem_reads++;
	}
	/* Filled on the way back, outermost first; a store dirties L1 only. */
	for (i = found; i-- > 0;)
		cycles += insert(m, i, pa, CLEAN);
	if (op == CMB_CACHE_STORE)
		cycles += insert(m, 0, pa, DIRTY);
	return cycles;
}

uint64_t cmb_cache_maint(struct cmb_cache_model *m, uint64_t pa, enum cmb_cache_maint op,
			 enum cmb_cache_point point)
{
	unsigned int i, upto = point == CMB_CACHE_POU ? m->unified : m->nlevels;
	uint64_t cycles = 0;
	int s;

	if (op == CMB_CACHE_ZERO)
		return lv(m, 0)->cfg.hit + insert(m, 0, pa, DIRTY);
	/* Inner to outer: what a level writes out, the next level then sees. */
	for (i = 0; i < upto; i++) {
		struct cmb_cache_level *l = lv(m, i);

		cycles += l->cfg.hit;
		s = find(l, pa);
		if (s < 0)
			continue;
		if (l->state[s] == DIRTY && op != CMB_CACHE_INVAL) {
			l->state[s] = CLEAN;
			cycles += write_out(m, i, pa);
		}
		if (op != CMB_CACHE_CLEAN) {
			m->st[i].dropped_dirty += l->state[s] == DIRTY;
			l->state[s] = INVALID;
		}
	}
	return cycles;
}

int cmb_cache_state(const struct cmb_cache_model *m, unsigned int i, uint64_t pa)
{
	const struct cmb_cache_level *l = i >= m->nlevels ? NULL :
					  m->shared[i] ? m->shared[i] : &m->lv[i];
	int s = l ? find(l, pa) : -1;

	return s < 0 ? 0 : l->state[s];
}
