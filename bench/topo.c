// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo.h"

static const char *const type_names[] = { "", "instruction", "data", "unified" };

int cmb_topo_read(struct cmb_topo *t, const struct cmb_dev *d, const char *overrides,
		  char *err, size_t len)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < d->info.n_caches && i < CMBENCH_MAX_CACHES; i++) {
		const struct cmbench_cache *k = &d->info.cache[i];
		struct cmb_cache *c = &t->c[t->n++];

		c->level = k->level;
		snprintf(c->type, sizeof(c->type), "%s", k->type <= 3 ? type_names[k->type] : "?");
		c->line = k->line;
		c->ways = k->ways;
		c->sets = k->sets;
		c->size = (uint64_t)k->line * k->ways * k->sets;
		snprintf(c->source, sizeof(c->source), "CLIDR/CCSIDR");
	}
	return overrides && *overrides ? cmb_topo_override(t, overrides, err, len) : 0;
}

static struct cmb_cache *find(struct cmb_topo *t, unsigned int level, const char *type)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (t->c[i].level == level && !strcmp(t->c[i].type, type))
			return &t->c[i];
	if (t->n == CMB_MAX_CACHE_LEVELS)
		return NULL;
	memset(&t->c[t->n], 0, sizeof(t->c[0]));
	t->c[t->n].level = level;
	snprintf(t->c[t->n].type, sizeof(t->c[0].type), "%s", type);
	return &t->c[t->n++];
}

int cmb_topo_override(struct cmb_topo *t, const char *spec, char *err, size_t len)
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
		snprintf(c->source, sizeof(c->source), "--cache");
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
