/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output that appears only when it is whole. Commands that read result
 * files (report, export) print as they read; a file that turns out bad
 * half-way would leave a table header and half the rows above the error.
 * They write into a cmb_outbuf instead and commit it only on success.
 */
#ifndef CMB_OUTBUF_H
#define CMB_OUTBUF_H

#include <stdio.h>

struct cmb_outbuf {
	FILE *f;
	char *buf;
	size_t len;
};

/* The stream to write to, or NULL (errno set). */
FILE *cmb_outbuf_open(struct cmb_outbuf *o);
/*
 * Everything written goes to @to, or, when @path is given, to the file
 * @path, opened (and truncated) only now. 0, or -1 with errno.
 */
int cmb_outbuf_commit(struct cmb_outbuf *o, FILE *to, const char *path);
/* Nothing written appears. */
void cmb_outbuf_drop(struct cmb_outbuf *o);

#endif
