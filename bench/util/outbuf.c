// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/outbuf.h"

FILE *cmb_outbuf_open(struct cmb_outbuf *o)
{
	memset(o, 0, sizeof(*o));
	o->f = open_memstream(&o->buf, &o->len);
	return o->f;
}

/* Opened only now, so that a bad input leaves an existing @path as it was. */
static int write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(buf, 1, len, f) == len;
	return !fclose(f) && ok ? 0 : -1;
}

int cmb_outbuf_commit(struct cmb_outbuf *o, FILE *to, const char *path)
{
	int ret;

	if (fclose(o->f)) {
		o->f = NULL;
		cmb_outbuf_drop(o);
		return -1;
	}
	o->f = NULL;
	if (path)
		ret = write_file(path, o->buf, o->len);
	else
		ret = fwrite(o->buf, 1, o->len, to) == o->len && !fflush(to) ? 0 : -1;
	cmb_outbuf_drop(o);
	return ret;
}

void cmb_outbuf_drop(struct cmb_outbuf *o)
{
	if (o->f)
		fclose(o->f);
	free(o->buf);
	memset(o, 0, sizeof(*o));
}
