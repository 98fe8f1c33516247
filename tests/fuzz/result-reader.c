// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the result-file reader behind report, export and
 * compare (bench/result/read.c and what derives from its points), fed
 * mutations of real result files (tests/fuzz/corpus/). Besides crashes,
 * leaks, hangs and memory blow-ups, which libFuzzer and the sanitizers
 * catch, it checks the reader's contract: a file either reads whole or
 * fails with one message that starts "PATH:LINE: ".
 *
 * Built and run by make check (a bounded time) and make fuzz (longer);
 * see the Makefile's fuzz rules.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "report/tsv.h"
#include "report/report.h"

static int fd = -1;
static char path[64];
static FILE *devnull;

/* The error must name the file, then a line number, then say something. */
static void check_error(const char *what, const char *err)
{
	size_t n = strlen(path);
	const char *p = err + n;

	if (strncmp(err, path, n) || *p != ':' || !isdigit((unsigned char)p[1])) {
		fprintf(stderr, "%s: error does not name %s:LINE: \"%s\"\n", what, path, err);
		abort();
	}
	while (isdigit((unsigned char)*++p))
		;
	if (strncmp(p, ": ", 2) || !p[2]) {
		fprintf(stderr, "%s: error says nothing after the line: \"%s\"\n", what, err);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512], *paths[1] = { path };
	struct cmb_mail_opts mo = { .ascii = 1 };
	int report, export, mail;

	if (fd < 0) {
		fd = memfd_create("result", 0);
		devnull = fopen("/dev/null", "w");
		if (fd < 0 || !devnull)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();

	/* Both tables: the wide one prints the columns the default wraps. */
	report = cmb_report_file(devnull, path, 1, (int)(size & 1), err, sizeof(err));
	if (report)
		check_error("report", err);
	export = cmb_export_file(devnull, path, err, sizeof(err));
	if (export)
		check_error("export", err);
	mail = cmb_report_mail(devnull, paths, 1, &mo, err, sizeof(err));
	if (mail)
		check_error("report --mail", err);
	/* One reader under all three: they agree on whether the file is good. */
	if (!report != !export || !report != !mail) {
		fprintf(stderr, "report %d, export %d, mail %d disagree\n", report, export, mail);
		abort();
	}
	return 0;
}
