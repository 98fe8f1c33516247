// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/topo.h"

static const char *const type_names[] = { "", "instruction", "data", "unified" };

static hwloc_topology_t topology;
static const char *synthetic;
static int loaded;

void cmb_hwloc_synthetic(const char *desc)
{
	if (topology)
		hwloc_topology_destroy(topology);
	topology = NULL;
	loaded = 0;
	synthetic = desc;
}

hwloc_topology_t cmb_hwloc(void)
{
	if (loaded)
		return topology;
	loaded = 1;
	if (hwloc_topology_init(&topology))
		return topology = NULL;
	if ((synthetic && hwloc_topology_set_synthetic(topology, synthetic)) ||
	    hwloc_topology_load(topology)) {
		hwloc_topology_destroy(topology);
		topology = NULL;
	}
	return topology;
}

static const hwloc_obj_type_t cache_types[] = {
	HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L1ICACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L2ICACHE,
	HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L3ICACHE, HWLOC_OBJ_L4CACHE, HWLOC_OBJ_L5CACHE,
};

/*
 * One entry per level and type, described by its first instance; how many
 * instances there are and which CPUs the first serves say how it is shared.
 */
static void read_hwloc(struct cmb_topo *t)
{
	hwloc_topology_t topo = cmb_hwloc();
	unsigned int i;

	for (i = 0; topo && i < sizeof(cache_types) / sizeof(cache_types[0]); i++) {
		int n = hwloc_get_nbobjs_by_type(topo, cache_types[i]);
		hwloc_obj_t o = n > 0 ? hwloc_get_obj_by_type(topo, cache_types[i], 0) : NULL;
		struct hwloc_cache_attr_s *a;
		struct cmb_cache *c;

		if (!o || !o->attr->cache.size || t->n == CMB_MAX_CACHE_LEVELS)
			continue;
		a = &o->attr->cache;
		c = &t->c[t->n++];
		c->level = a->depth;
		snprintf(c->type, sizeof(c->type), "%s",
			 a->type == HWLOC_OBJ_CACHE_INSTRUCTION ? "instruction" :
			 a->type == HWLOC_OBJ_CACHE_DATA ? "data" : "unified");
		c->size = a->size;
		c->line = a->linesize;
		c->ways = a->associativity > 0 ? (uint32_t)a->associativity : 0;
		c->sets = c->line && c->ways ? (uint32_t)(c->size / c->line / c->ways) : 0;
		hwloc_bitmap_list_snprintf(c->cpus, sizeof(c->cpus), o->cpuset);
		c->instances = (unsigned int)n;
		snprintf(c->source, sizeof(c->source), "hwloc");
	}
}

static struct cmb_cache *find_level(struct cmb_topo *t, unsigned int level, const char *type)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (t->c[i].level == level && !strcmp(t->c[i].type, type))
			return &t->c[i];
	return NULL;
}

static int apply(struct cmb_topo *t, const char *spec, const char *source, char *err,
		 size_t len);

/*
 * Under qemu-run --model the levels are the cache model's, not what QEMU's
 * CPU model puts in CLIDR/CCSIDR: the kernel command line says which
 * (cmbench_model_caches=L1d=32K,L2=1M). 1 with them in buf, else 0.
 */
static int model_caches(char *buf, size_t len)
{
	const char *key = " cmbench_model_caches=";
	char line[4096];
	FILE *f = fopen("/proc/cmdline", "r");
	char *p;

	if (!f)
		return 0;
	p = fgets(line, sizeof(line), f) ? strstr(line, key) : NULL;
	fclose(f);
	if (!p)
		return 0;
	p += strlen(key);
	p[strcspn(p, " \n")] = '\0';
	snprintf(buf, len, "%s", p);
	return *buf != '\0';
}

int cmb_topo_read(struct cmb_topo *t, const struct cmbench_info *info, const char *overrides,
		  char *err, size_t len)
{
	char model[256];
	unsigned int i;

	memset(t, 0, sizeof(*t));
	read_hwloc(t);
	for (i = 0; info && i < info->n_caches && i < CMBENCH_MAX_CACHES; i++) {
		const struct cmbench_cache *k = &info->cache[i];
		const char *type = k->type <= 3 ? type_names[k->type] : "?";
		struct cmb_cache *c;

		if (find_level(t, k->level, type) || t->n == CMB_MAX_CACHE_LEVELS)
			continue;
		c = &t->c[t->n++];
		c->level = k->level;
		snprintf(c->type, sizeof(c->type), "%s", type);
		c->line = k->line;
		c->ways = k->ways;
		c->sets = k->sets;
		c->size = (uint64_t)k->line * k->ways * k->sets;
		snprintf(c->source, sizeof(c->source), "CLIDR/CCSIDR");
	}
	if (model_caches(model, sizeof(model)) && apply(t, model, "model", err, len))
		return -1;
	return overrides && *overrides ? cmb_topo_override(t, overrides, err, len) : 0;
}

static struct cmb_cache *find(struct cmb_topo *t, unsigned int level, const char *type)
{
	struct cmb_cache *c = find_level(t, level, type);

	if (c)
		return c;
	if (t->n == CMB_MAX_CACHE_LEVELS)
		return NULL;
	memset(&t->c[t->n], 0, sizeof(t->c[0]));
	t->c[t->n].level = level;
	snprintf(t->c[t->n].type, sizeof(t->c[0].type), "%s", type);
	return &t->c[t->n++];
}

int cmb_topo_override(struct cmb_topo *t, const char *spec, char *err, size_t len)
{
	return apply(t, spec, "--cache", err, len);
}

/* Levels "L1d=32K,L2=1M" set from source ("--cache", "model"). */
static int apply(struct cmb_topo *t, const char *spec, const char *source, char *err,
		 size_t len)
{
	char buf[256], *tok, *save = NULL;

	if (strlen(spec) >= sizeof(buf)) {
		snprintf(err, len, "--cache: list too long");
		return -1;
	}
	strcpy(buf, spec);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), kind = 0;
		unsigned int level;
		const char *type;
		struct cmb_cache *c;
		uint64_t size;
		int n = 0;

		if (!eq || sscanf(tok, "L%u%n", &level, &n) != 1 || level < 1 || level > 7) {
			snprintf(err, len, "--cache: '%s' is not like L1d=32K or L2=1M", tok);
			return -1;
		}
		if (tok + n != eq)
			kind = tok[n];
		if ((kind && tok + n + 1 != eq) || (kind && kind != 'd' && kind != 'i') ||
		    cmb_parse_size(eq + 1, &size) || !size) {
			snprintf(err, len, "--cache: '%s' is not like L1d=32K or L2=1M", tok);
			return -1;
		}
		type = kind == 'i' ? "instruction" : kind == 'd' || level == 1 ? "data" : "unified";
		/* An unsuffixed level above 1 replaces whatever the level had. */
		c = find(t, level, type);
		if (!c) {
			snprintf(err, len, "--cache: too many levels");
			return -1;
		}
		c->size = size;
		c->ways = c->sets = 0;
		snprintf(c->source, sizeof(c->source), "%s", source);
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void add(struct cmb_sizes *out, uint64_t v, uint64_t max)
{
	if (v >= 64 && v <= max && out->n < CMB_MAX_SIZES)
		out->v[out->n++] = v;
}

unsigned int cmb_topo_auto_sizes(const struct cmb_topo *t, uint64_t max,
				 struct cmb_sizes *out)
{
	uint64_t top = 0, v;
	unsigned int i, j, k;

	out->n = 0;
	for (i = 0; i < t->n; i++) {
		const struct cmb_cache *c = &t->c[i];

		if (!strcmp(c->type, "instruction") || !c->size)
			continue;
		add(out, c->size / 2, max);
		add(out, c->size, max);
		add(out, c->size * 2, max);
		add(out, c->size * 4, max);
		if (c->size > top)
			top = c->size;
	}
	for (v = 64; v <= (top ? top * 4 : 16ULL << 20); v *= 8)
		add(out, v, max);
	qsort(out->v, out->n, sizeof(out->v[0]), cmp_u64);
	for (i = 0, j = 0; i < out->n; i++)
		if (!j || out->v[i] != out->v[j - 1])
			out->v[j++] = out->v[i];
	out->n = j;
	k = j;
	return k;
}

void cmb_topo_cpu_place(int cpu, struct cmb_cpu_place *p)
{
	hwloc_topology_t topo = cmb_hwloc();
	hwloc_obj_t pu = topo ? hwloc_get_pu_obj_by_os_index(topo, (unsigned int)cpu) : NULL;
	hwloc_obj_t o;

	p->package = p->cluster = p->core = -1;
	for (o = pu; o; o = o->parent) {
		if (o->type == HWLOC_OBJ_PACKAGE && p->package < 0)
			p->package = (int)o->logical_index;
		else if ((o->type == HWLOC_OBJ_GROUP || o->type == HWLOC_OBJ_DIE) &&
			 p->cluster < 0)
			p->cluster = (int)o->logical_index;	/* Linux cluster_cpus */
		else if (o->type == HWLOC_OBJ_CORE && p->core < 0)
			p->core = (int)o->logical_index;
	}
}

/*
 * Spread: each subtree's CPUs in spread order, then one from each subtree
 * in turn, so consecutive CPUs are as far apart in the tree as they can
 * be (other package, then other cluster, then other core before an SMT
 * sibling). Compact: depth first, the tree's own order.
 */
static int order(hwloc_obj_t o, enum cmb_place how, const cpu_set_t *allowed, int *out,
		 int max)
{
	unsigned int c, arity = o->arity;
	int n = 0, more, *buf, *len, *taken;

	if (!arity) {
		if (o->type != HWLOC_OBJ_PU || max < 1 || o->os_index >= CPU_SETSIZE ||
		    !CPU_ISSET(o->os_index, allowed))
			return 0;
		out[0] = (int)o->os_index;
		return 1;
	}
	if (how == CMB_PLACE_COMPACT || arity == 1) {
		for (c = 0; c < arity; c++)
			n += order(o->children[c], how, allowed, out + n, max - n);
		return n;
	}
	/* Child c's CPUs go to buf + c * max. */
	buf = malloc(sizeof(int) * (size_t)max * arity);
	len = calloc(arity, sizeof(int));
	taken = calloc(arity, sizeof(int));
	if (!buf || !len || !taken) {
		free(buf);
		free(len);
		free(taken);
		return order(o, CMB_PLACE_COMPACT, allowed, out, max);
	}
	for (c = 0; c < arity; c++)
		len[c] = order(o->children[c], how, allowed, buf + (size_t)c * max, max);
	do {
		more = 0;
		for (c = 0; c < arity && n < max; c++) {
			if (taken[c] < len[c])
				out[n++] = buf[(size_t)c * max + taken[c]++];
			more |= taken[c] < len[c];
		}
	} while (more && n < max);
	free(buf);
	free(len);
	free(taken);
	return n;
}

int cmb_topo_order(enum cmb_place how, const cpu_set_t *allowed, int *out, int max)
{
	hwloc_topology_t topo = cmb_hwloc();
	int i, n = 0;

	if (topo)
		return order(hwloc_get_root_obj(topo), how, allowed, out, max);
	for (i = 0; i < CPU_SETSIZE && n < max; i++)
		if (CPU_ISSET(i, allowed))
			out[n++] = i;
	return n;
}
