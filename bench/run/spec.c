// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "run/spec.h"

/* quick: a minute or two per target under emulation; full: the picture. */
static const char preset_quick[] =
	"null --iters 10000\n"
	"flush --sizes 64,4K,64K,1M --iters 100 --precision 2 --budget 2\n"
	"vm_map_ram --pages 1,16,128 --iters 100 --precision 2 --budget 2\n"
	"iopt_map --pages 16 --iters 100 --precision 2 --budget 2\n"
	"kmap --pages 4,600 --iters 100 --precision 2 --budget 2\n";

static const char preset_full[] =
	"null --iters 100000\n"
	"flush --sizes 64,256,1K,4K,16K,64K,256K,1M,4M,16M --state dirty\n"
	"flush --sizes 4K,64K,1M --state clean\n"
	"flush --sizes 4K,64K,1M --state cold\n"
	"clean --sizes 4K,64K,1M\n"
	"inval --sizes 4K,64K,1M\n"
	"clean_pou --sizes 4K,64K\n"
	"dma_map --sizes 4K,64K,1M --dir to_device\n"
	"dma_map --sizes 4K,64K,1M --dir from_device\n"
	"kmap --pages 4,600 --threads 1,2,all\n"
	"kmap_high_get --pages 4\n"
	"kmap_local --pages 4 --threads 1,all\n"
	"vm_map_ram --pages 1,16,64,128 --threads 1,2,all\n"
	"iopt_map --fmt lpae-s1 --pages 1,16,512 --threads 1,all\n"
	"iopt_unmap --fmt lpae-s1 --pages 1,16,512\n";

const struct cmb_preset cmb_spec_presets[] = {
	{ "quick", preset_quick },
	{ "full", preset_full },
	{ NULL, NULL },
};

const char *cmb_spec_preset(const char *name)
{
	const struct cmb_preset *p;

	for (p = cmb_spec_presets; p->name; p++)
		if (!strcmp(name, p->name))
			return p->spec;
	return NULL;
}

char *cmb_spec_read(const char *path, char *err, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n = 0, cap = 4096;
	char *text = NULL, *more;

	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* Read to the end rather than by size: pipes have none. */
	for (;;) {
		more = realloc(text, cap + 1);
		if (!more) {
			snprintf(err, len, "%s: out of memory", path);
			break;
		}
		text = more;
		n += fread(text + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= (1U << 20)) {
			snprintf(err, len, "%s: a spec is at most 1 MiB", path);
			more = NULL;
			break;
		}
		cap *= 2;
	}
	if (more && ferror(f)) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		more = NULL;
	}
	fclose(f);
	if (!more) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

/* FNV-1a: equality of specs, not security. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * The digest covers the words of every run, joined by single spaces, a
 * line each: comments, blank lines and spacing do not change it.
 */
static void digest_runs(struct cmb_spec *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int i, k;

	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->run[i].argc; k++) {
			if (k)
				h = fnv1a(h, " ");
			h = fnv1a(h, s->run[i].argv[k]);
		}
		h = fnv1a(h, "\n");
	}
	snprintf(s->digest, sizeof(s->digest), "%016" PRIx64, h);
}

/*
 * Splits line into words in place, as sh would the words of a plain
 * command: blanks separate; '...' is literal; "..." keeps \" and \\;
 * a backslash outside quotes takes the next character as it is; # at a
 * word's start begins a comment. 0, or -1 on an unclosed quote.
 */
static int split_words(char *line, char **argv, int max, int *argc)
{
	char *r = line, *w = line, quote;

	*argc = 0;
	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r')
			r++;
		if (!*r || *r == '#')
			return 0;
		if (*argc == max)
			return -2;
		argv[(*argc)++] = w;
		while (*r && *r != ' ' && *r != '\t' && *r != '\r') {
			if (*r == '\'' || *r == '"') {
				quote = *r++;
				while (*r && *r != quote) {
					if (quote == '"' && *r == '\\' && (r[1] == '"' || r[1] == '\\'))
						r++;
					*w++ = *r++;
				}
				if (!*r)
					return -1;
				r++;
			} else {
				if (*r == '\\' && r[1])
					r++;
				*w++ = *r++;
			}
		}
		/* The word ends here; w never passes r, so this writes no unread text. */
		if (*r)
			r++;
		*w++ = '\0';
	}
}

int cmb_spec_parse(struct cmb_spec *s, const char *text, char *err, size_t len)
{
	const char *p = text;
	struct cmb_spec_line ln;
	int lineno = 0;

	s->n = 0;
	while (*p) {
		size_t l = strcspn(p, "\n");
		int ret;

		lineno++;
		if (l >= sizeof(ln.text)) {
			snprintf(err, len, "spec line %d is longer than %zu characters", lineno,
				 sizeof(ln.text) - 1);
			return -1;
		}
		memcpy(ln.text, p, l);
		ln.text[l] = '\0';
		p += l + (p[l] == '\n');
		ln.lineno = lineno;
		ret = split_words(ln.text, ln.argv, CMB_SPEC_MAX_WORDS, &ln.argc);
		if (ret == -2) {
			snprintf(err, len, "spec line %d has more than %d words", lineno,
				 CMB_SPEC_MAX_WORDS);
			return -1;
		}
		if (ret) {
			snprintf(err, len, "spec line %d: a quote is not closed", lineno);
			return -1;
		}
		if (!ln.argc)
			continue;
		if (s->n == CMB_SPEC_MAX_RUNS) {
			snprintf(err, len, "spec line %d: a spec has at most %d runs", lineno,
				 CMB_SPEC_MAX_RUNS);
			return -1;
		}
		/* Copied whole, then its words re-pointed into the copy. */
		s->run[s->n] = ln;
		for (l = 0; l < (size_t)ln.argc; l++)
			s->run[s->n].argv[l] = s->run[s->n].text + (ln.argv[l] - ln.text);
		s->n++;
	}
	if (!s->n) {
		snprintf(err, len, "the spec has no runs");
		return -1;
	}
	digest_runs(s);
	return 0;
}

struct resume {
	const char *path, *digest, *release, *module_release;
	unsigned int have;
	char why[512];
};

/* Stops the reading (returns 1) with why when the file is not ours. */
static int resume_head(const struct cmb_header *h, void *arg)
{
	struct resume *r = arg;

	if (strcmp(h->sweep_digest, r->digest))
		snprintf(r->why, sizeof(r->why), "%s was written by another spec "
			 "(digest %s, this one %s)", r->path,
			 *h->sweep_digest ? h->sweep_digest : "none", r->digest);
	else if (strcmp(h->kernel_release, r->release) ||
		 strcmp(h->module_release, r->module_release))
		snprintf(r->why, sizeof(r->why), "%s was measured on kernel %s, this is %s",
			 r->path, h->kernel_release, r->release);
	return !!r->why[0];
}

static void resume_point(const struct cmb_point *p, void *arg)
{
	(void)p;
	((struct resume *)arg)->have++;
}

int cmb_spec_can_resume(const char *path, const char *digest, const char *release,
			const char *module_release, unsigned int *have, char *err,
			size_t len)
{
	struct resume r = { path, digest, release, module_release, 0, "" };

	*have = 0;
	/* A damaged record is not ours to continue either. */
	if (cmb_result_each(path, resume_head, resume_point, &r, err, len))
		return -1;
	if (r.why[0]) {
		snprintf(err, len, "%s", r.why);
		return -1;
	}
	*have = r.have;
	return 0;
}
