/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text that every table and mail shares: times and counts in eight
 * columns, word wrapping at a width, lines without trailing blanks, and
 * argv quoted as a shell would read it back.
 */
#ifndef CMB_TEXT_H
#define CMB_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* A mail or commit message: what compare, matrix and report --mail fit. */
#define CMB_MAIL_WIDTH	72

/* A time in 8 characters: "38.0ns", "1.21us", "4.68ms", "2.31s"; "-" NAN. */
const char *cmb_t8(double ns, char *buf, size_t len);
/* A count in 8 characters: "412", "12.3k", "1.23M"; "-" NAN. */
const char *cmb_c8(double n, char *buf, size_t len);
/* Prints line without the blanks a missing last column leaves. */
void cmb_put_line(FILE *f, char *line);
/* Word-wraps text at width, every line after the first indented. */
void cmb_wrap(FILE *f, const char *text, int width, const char *indent);
/* The same, the first line starting at column col (already printed). */
void cmb_wrap_from(FILE *f, const char *text, int width, const char *indent, int col);
/* argv as a line a shell would run again. */
void cmb_quote_command(char *dst, size_t len, int argc, char **argv);

#endif
