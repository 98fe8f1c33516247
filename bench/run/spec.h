/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sweep specs: lines of "cmbench run" arguments (op and options, '#'
 * starts a comment), the built-in presets, the digest that ties a result
 * file to its spec, and whether a file can be resumed.
 */
#ifndef CMB_SPEC_H
#define CMB_SPEC_H

#include <stddef.h>

#define CMB_SPEC_MAX_RUNS	64
#define CMB_SPEC_MAX_WORDS	32
#define CMB_SPEC_LINE_LEN	512

struct cmb_spec_line {
	int lineno;			/* in the spec text, from 1 */
	int argc;
	char *argv[CMB_SPEC_MAX_WORDS];	/* into text */
	char text[CMB_SPEC_LINE_LEN];
};

struct cmb_spec {
	int n;				/* runs: lines with words */
	struct cmb_spec_line run[CMB_SPEC_MAX_RUNS];
	char digest[24];		/* of the words, one run per line */
};

/* The text of preset "quick" or "full"; NULL for any other name. */
const char *cmb_spec_preset(const char *name);

/* The presets as --preset's values. */
struct cmb_preset {
	const char *name;
	const char *spec;
};
extern const struct cmb_preset cmb_spec_presets[];
/*
 * Reads a spec from path, regular file or not (a pipe, <(...)): a
 * malloc'ed NUL-terminated text, or NULL with err set.
 */
char *cmb_spec_read(const char *path, char *err, size_t len);
/* Splits text into runs of words and digests them: 0, or -1 with err. */
int cmb_spec_parse(struct cmb_spec *s, const char *text, char *err, size_t len);

/*
 * Whether the result file path can be resumed by this spec on this
 * kernel (release: uname; module_release: what the module was built
 * for): 0 and the points it holds in *have, or -1 with why not.
 */
int cmb_spec_can_resume(const char *path, const char *digest, const char *release,
			const char *module_release, unsigned int *have, char *err,
			size_t len);

#endif
