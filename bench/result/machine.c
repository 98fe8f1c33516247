// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "result/machine.h"
#include "result/result.h"
#include "uapi/cmbench.h"

/* By bit, from the uapi's list. */
static const char *const kconfig_names[] = CMBENCH_KCONFIG_NAMES;

_Static_assert(sizeof(kconfig_names) / sizeof(kconfig_names[0]) == CMBENCH_KCONFIG_NR,
	       "a name per kconfig bit");

const char *cmb_kconfig_name(unsigned int bit)
{
	return bit < CMBENCH_KCONFIG_NR ? kconfig_names[bit] : NULL;
}

const char *cmb_vcpus(const struct cmb_header *h, char *buf, size_t len)
{
	if (h->emu.host_cpus)
		snprintf(buf, len, "%u vCPUs on %u host CPUs", h->n_cpus, h->emu.host_cpus);
	else
		snprintf(buf, len, "%u vCPUs", h->n_cpus);
	return buf;
}

const char *cmb_header_kind(const struct cmb_header *h)
{
	if (!h->emu.emulated)
		return "";
	if (h->emu.icount)
		return "EMULATED, icount: ns are instructions, no caches";
	return "EMULATED";
}

char cmb_machine_letter(unsigned int k)
{
	return k < 3 ? "XYZ"[k] : (char)('W' - (k - 3));
}

const char *cmb_machine_model(const struct cmb_header *h, char *buf, size_t len)
{
	const char *p = strstr(h->emu.model, "model ");

	buf[0] = '\0';
	if (p)
		snprintf(buf, len, "%.*s", (int)strcspn(p + 6, " ;:"), p + 6);
	return buf;
}

/* A cache model is a machine of its own: its caches are what differs. */
void cmb_machine_id(const struct cmb_header *h, char *buf, size_t len)
{
	char model[64];

	snprintf(buf, len, "%s 0x%08x %s %s", h->machine, h->midr,
		 h->emu.emulated ? h->emu.cpu : "", cmb_machine_model(h, model, sizeof(model)));
}

void cmb_machine_name(const struct cmb_header *h, char *buf, size_t len)
{
	char model[64];

	if (*h->cpu_part)
		snprintf(buf, len, "%s", h->cpu_part);
	else if (h->emu.emulated && *h->emu.cpu)
		snprintf(buf, len, "%s", h->emu.cpu);
	else
		snprintf(buf, len, "MIDR 0x%08x", h->midr);
	if (h->emu.emulated)
		strncat(buf, ", emulated", len - strlen(buf) - 1);
	if (*cmb_machine_model(h, model, sizeof(model))) {
		strncat(buf, ", model ", len - strlen(buf) - 1);
		strncat(buf, model, len - strlen(buf) - 1);
	}
}

uint64_t cmb_machine_cache(const struct cmb_header *h, unsigned int level)
{
	unsigned int i;

	for (i = 0; i < h->topo.n; i++)
		if (h->topo.c[i].level == level && strcmp(h->topo.c[i].type, "instruction"))
			return h->topo.c[i].size;
	return 0;
}

unsigned int cmb_machine_region(const struct cmb_header *h, uint64_t size, uint64_t *limit)
{
	unsigned int level;
	uint64_t c;

	for (level = 1; level <= CMB_MAX_CACHE_LEVELS; level++) {
		c = cmb_machine_cache(h, level);
		if (c && size <= c) {
			*limit = c;
			return level;
		}
	}
	*limit = 0;
	return 0;
}

static void add(char *buf, size_t len, unsigned int *n, const char *what, const char *a,
		const char *b)
{
	size_t at = strlen(buf);

	snprintf(buf + at, len - at, "%s%s (%s; %s)", *n ? ", " : "", what, *a ? a : "?",
		 *b ? b : "?");
	(*n)++;
}

unsigned int cmb_header_diffs(const struct cmb_header *a, const struct cmb_header *b,
			      int kernels, char *buf, size_t len)
{
	char sa[16], sb[16];
	unsigned int n = 0;

	buf[0] = '\0';
	if (kernels && strcmp(a->kernel_release, b->kernel_release))
		add(buf, len, &n, "kernel", a->kernel_release, b->kernel_release);
	if (kernels && strcmp(a->config_sha256, b->config_sha256)) {
		snprintf(sa, sizeof(sa), "%.12s", a->config_sha256);
		snprintf(sb, sizeof(sb), "%.12s", b->config_sha256);
		add(buf, len, &n, "config", sa, sb);
	}
	if (strcmp(a->tool_version, b->tool_version))
		add(buf, len, &n, "cmbench", a->tool_version, b->tool_version);
	if (strcmp(a->module_version, b->module_version))
		add(buf, len, &n, "module", a->module_version, b->module_version);
	/* An upgraded file lacks what its schema did not record. */
	if (a->upgraded_from != b->upgraded_from) {
		snprintf(sa, sizeof(sa), "%d", a->upgraded_from ? a->upgraded_from :
			 a->schema_version);
		snprintf(sb, sizeof(sb), "%d", b->upgraded_from ? b->upgraded_from :
			 b->schema_version);
		add(buf, len, &n, "schema", sa, sb);
	}
	return n;
}
