// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

void cmb_wrap(FILE *f, const char *text, int width, const char *indent)
{
	cmb_wrap_from(f, text, width, indent, 0);
}

void cmb_wrap_from(FILE *f, const char *text, int width, const char *indent, int col)
{
	const char *w = text;
	int start = col;

	while (*w) {
		size_t n = strcspn(w, " ");

		if (col > start && col + 1 + (int)n > width) {
			fprintf(f, "\n%s", indent);
			col = (int)strlen(indent);
		} else if (col > start) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)n, w);
		col += (int)n;
		w += n;
		w += strspn(w, " ");
	}
	fputc('\n', f);
}

/* A time in 8 characters: "38.0ns", "1.21us", "4.68ms", "2.31s". */
const char *cmb_t8(double ns, char *buf, size_t len)
{
	if (isnan(ns))
		snprintf(buf, len, "-");
	else if (ns < 1e3)
		snprintf(buf, len, "%.*fns", ns < 100 ? 1 : 0, ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.*fus", ns < 1e4 ? 2 : ns < 1e5 ? 1 : 0, ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.*fms", ns < 1e7 ? 2 : ns < 1e8 ? 1 : 0, ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
	return buf;
}

/* A count in 8 characters: "412", "12.3k", "1.23M". */
const char *cmb_c8(double n, char *buf, size_t len)
{
	if (isnan(n))
		snprintf(buf, len, "-");
	else if (n < 1e4)
		snprintf(buf, len, "%.*f", n < 100 ? 1 : 0, n);
	else if (n < 1e6)
		snprintf(buf, len, "%.*fk", n < 1e5 ? 1 : 0, n / 1e3);
	else
		snprintf(buf, len, "%.2fM", n / 1e6);
	return buf;
}

void cmb_put_line(FILE *f, char *line)
{
	size_t n = strlen(line);

	while (n && line[n - 1] == ' ')
		line[--n] = '\0';
	fprintf(f, "%s\n", line);
}

void cmb_quote_command(char *dst, size_t len, int argc, char **argv)
{
	size_t n = 0;
	int i;

	dst[0] = '\0';
	for (i = 0; i < argc && n + 4 < len; i++) {
		const char *a = argv[i];
		int plain = *a && !a[strcspn(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!")];

		if (i)
			dst[n++] = ' ';
		if (plain) {
			n += (size_t)snprintf(dst + n, len - n, "%s", a);
		} else {
			dst[n++] = '\'';
			for (; *a && n + 6 < len; a++) {
				if (*a == '\'')
					n += (size_t)snprintf(dst + n, len - n, "'\\''");
				else
					dst[n++] = *a;
			}
			dst[n++] = '\'';
		}
		if (n >= len)
			n = len - 1;
		dst[n] = '\0';
	}
}
