/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench publish: one directory a reviewer can attach or link. It holds
 * the result files themselves (data/), each machine's provenance
 * (provenance/<machine>.json), the plot scripts (plots/NAME.gp), and
 * reproduce.sh: the recipe that derives summary.txt and every plot's data
 * from data/ with cmbench, then renders every plot with gnuplot alone.
 * publish writes the bundle and runs its reproduce.sh, so the plots in
 * it are the ones reproduce.sh makes, and a reader's re-run of it gives
 * the same .tsv and .dat files, byte for byte.
 */
#ifndef CMB_PUBLISH_H
#define CMB_PUBLISH_H

#include <stddef.h>

#define CMB_PUBLISH_MAX_FILES	256
#define CMB_PUBLISH_MAX_AB	8

struct cmb_publish_file {
	char src[1024];
	char name[256];			/* under data/ */
	unsigned int machine;
	unsigned int ab;		/* a boot of A/B directory ab (1, 2, ...); 0 */
	int flush;			/* has flush points at one thread */
	int threads;			/* has points at more than one thread */
};

struct cmb_publish {
	unsigned int nfiles, nmachines, nab;
	unsigned int nab_files;			/* files that are boots of an A/B directory */
	struct cmb_publish_file file[CMB_PUBLISH_MAX_FILES];
	char machine[CMB_PUBLISH_MAX_FILES][96];	/* names, in order seen */
	char slug[CMB_PUBLISH_MAX_FILES][96];		/* "cortex-a53-emulated" */
	char ab[CMB_PUBLISH_MAX_AB][1024];		/* A/B runner directories */
};

/*
 * Sorts the arguments into result files (a directory's *.jsonl count as
 * files) and A/B runner directories (those with an index.tsv), and reads
 * each file's machine. 0, or -1 with err.
 */
int cmb_publish_scan(struct cmb_publish *p, char *const *args, int n, char *err, size_t len);
/*
 * Writes the bundle into dir (made if missing, and left as is if it
 * exists with files of its own: -1): data/, provenance/, plots/NAME.gp from
 * plots_dir, reproduce.sh. command is how publish was called, for
 * reproduce.sh's comment. 0, or -1 with err.
 */
int cmb_publish_write(const struct cmb_publish *p, const char *dir, const char *plots_dir,
		      const char *command, char *err, size_t len);
/* Where plots/NAME.gp are: $CMBENCH_PLOTS, beside the binary's tree, or installed. */
const char *cmb_publish_plots_dir(char *buf, size_t len);

#endif
