/* SPDX-License-Identifier: GPL-2.0 */
/* Directories and files that commands write: made on demand, errors named. */
#ifndef CMB_FILES_H
#define CMB_FILES_H

#include <stddef.h>
#include <stdio.h>

/* mkdir -p dir: 0, or -1 with "DIR: strerror" in err. */
int cmb_mkdir_p(const char *dir, char *err, size_t len);
/* mkdir -p of the directory path is in ("a/b/c.json" -> a/b). */
int cmb_mkdir_parents(const char *path, char *err, size_t len);
/* DIR/NAME opened for writing (DIR made if missing), or NULL with err. */
FILE *cmb_open_in(const char *dir, const char *name, char *err, size_t len);

#endif
