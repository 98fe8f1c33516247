// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <jansson.h>

#include "result/result.h"
#include "result/schema.h"

/*
 * A record is written whole or not at all: Ctrl-C and SIGTERM wait until
 * it is on disk (a second Ctrl-C ends the process from its handler, and
 * a record of several buffers cut there would be half a line).
 */
static int emit(FILE *f, json_t *rec)
{
	sigset_t block, old;
	int ret = -1;

	if (!rec)
		return -1;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if (json_dumpf(rec, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) == 0 &&
	    fputc('\n', f) != EOF && fflush(f) == 0)
		ret = 0;
	json_decref(rec);
	/*
	 * A sweep killed right after this point must still have it on disk;
	 * a stream in memory (report --format json) has no descriptor.
	 */
	if (ret == 0 && fileno(f) >= 0 && fsync(fileno(f)) != 0 && errno != EINVAL)
		ret = -1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret;
}

int cmb_result_write_header(FILE *f, const struct cmb_header *h)
{
	return emit(f, cmb_record_put(cmb_header_fields, h, h));
}

int cmb_result_write_point(FILE *f, const struct cmb_point *p)
{
	return emit(f, cmb_record_put(cmb_point_fields, p, p));
}
