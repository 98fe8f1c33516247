// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench publish RESULTS... -o DIR: the bundle to attach to a review
 * (see publish.h), made by running the bundle's own reproduce.sh.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "compare/compare.h"
#include "compare/publish.h"

struct publish_args {
	const char *out;
};

static const struct cmb_option publish_opts[] = {
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct publish_args, out),
	  .metavar = "FILE",
	  .help = "the bundle's directory (new, or a bundle to write again)" },
	{ 0 },
};

/* sh DIR/reproduce.sh, with this cmbench as $CMBENCH; its exit status. */
static int run_reproduce(const char *dir)
{
	char exe[PATH_MAX], script[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int status;
	pid_t pid;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	snprintf(script, sizeof(script), "%s/reproduce.sh", dir);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		setenv("CMBENCH", exe, 1);
		execl("/bin/sh", "sh", script, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Whether set s, once compared, has a row both sides measured. */
static int has_common_row(struct cmb_set *s)
{
	static const struct cmb_compare_opts o = {
		.stat = &cmb_stats[CMB_STAT_CENTRE], .theta = 0.01, .alpha = 0.05,
		.adjust = &cmb_adjustments[CMB_ADJUST_BH], .max_boots = 99,
	};
	struct cmb_comparison *c = malloc(sizeof(*c));
	int common;

	if (!c)
		return 1;	/* nothing known: let the bundle say */
	cmb_set_pair_rows(s);
	cmb_compare(s, &o, c);
	common = c->whys[CMB_WHY_MISSING] < c->n;
	free(c);
	return common;
}

/*
 * Every comparison the bundle's reproduce.sh will make has a row in
 * common: each machine's files against the first machine's, each A/B
 * directory's sides. Checked before anything is written, so that such a
 * bundle is refused whole rather than left half made. 0, or -1 with err.
 */
static int comparisons_have_rows(const struct cmb_publish *p, char *err, size_t len)
{
	struct cmb_set *s = calloc(1, sizeof(*s));
	unsigned int k, i;
	int ret = -1;

	if (!s) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	for (k = 1; k < p->nmachines; k++) {
		for (i = 0; i < p->nfiles; i++) {
			const struct cmb_publish_file *f = &p->file[i];

			if (!f->ab && (f->machine == 0 || f->machine == k) &&
			    cmb_set_add(s, f->src, f->machine == k, err, len))
				goto out;
		}
		if (!has_common_row(s)) {
			snprintf(err, len, "%s and %s measured no point in common: nothing to "
				 "compare between them (publish them apart)", p->machine[0],
				 p->machine[k]);
			goto out;
		}
		cmb_set_free(s);
	}
	for (k = 0; k < p->nab; k++) {
		if (cmb_set_add_dir(s, p->ab[k], err, len))
			goto out;
		if (!has_common_row(s)) {
			snprintf(err, len, "%s: its A and B measured no point in common", p->ab[k]);
			goto out;
		}
		cmb_set_free(s);
	}
	ret = 0;
out:
	cmb_set_free(s);
	free(s);
	return ret;
}

int cmd_publish(const struct cmb_call *c)
{
	struct publish_args a = { 0 };
	struct cmb_publish *p = calloc(1, sizeof(*p));
	char err[1024], command[2048], plots[PATH_MAX];
	struct cmb_parsed pa;
	int ret;

	if (!p)
		return CMB_EXIT_FAIL;
	if (cli_parse(c, publish_opts, &a, &pa, &ret))
		goto out;
	ret = CMB_EXIT_USAGE;
	if (!a.out) {
		cli_usage_error(c, "give the bundle's directory: -o DIR");
		goto out;
	}
	if (!pa.npos) {
		cli_usage_error(c, "give result files, directories of them, or "
				"A/B runner directories");
		goto out;
	}
	ret = CMB_EXIT_FAIL;
	cli_command_line(c, command, sizeof(command));
	if (cmb_publish_scan(p, pa.pos, pa.npos, err, sizeof(err)) ||
	    comparisons_have_rows(p, err, sizeof(err)) ||
	    cmb_publish_write(p, a.out, cmb_publish_plots_dir(plots, sizeof(plots)), command,
			      err, sizeof(err))) {
		fprintf(stderr, "cmbench publish: %s\n", err);
		goto out;
	}
	if (run_reproduce(a.out)) {
		fprintf(stderr, "cmbench publish: %s/reproduce.sh failed: the bundle has its data "
			"and scripts, not every plot\n", a.out);
		goto out;
	}
	printf("%s: summary.txt, %u result file%s of %u machine%s, %u A/B director%s, "
	       "plots, provenance/, reproduce.sh\n", a.out, p->nfiles - p->nab_files,
	       p->nfiles - p->nab_files == 1 ? "" : "s", p->nmachines,
	       p->nmachines == 1 ? "" : "s", p->nab, p->nab == 1 ? "y" : "ies");
	ret = CMB_EXIT_OK;
out:
	free(p);
	return ret;
}
